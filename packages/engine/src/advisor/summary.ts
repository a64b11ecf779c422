import type { ChatIntent, ChatSlots, Locale } from '@finlet/contracts';
import { formatMoney } from './compose.js';

export interface SummaryTurn {
  readonly role: 'user' | 'assistant' | 'agent';
  readonly text: string;
  readonly intent?: ChatIntent | null;
}

/**
 * A short summary for the person who takes over: what the user wants, the slots filled so far and
 * the user's last questions (already masked by the caller).
 */
export function summarizeConversation(
  turns: readonly SummaryTurn[],
  slots: ChatSlots,
  locale: Locale,
): string {
  const zh = locale === 'zh-CN';
  const intents = [...new Set(turns.filter((t) => t.role === 'user' && t.intent).map((t) => t.intent))];
  const facts: string[] = [];
  if (intents.length > 0) facts.push(`${zh ? '意图' : 'Intents'}: ${intents.join(', ')}`);
  if (slots.amount) facts.push(`${zh ? '金额' : 'Amount'}: ${formatMoney(slots.amount)}`);
  if (slots.purpose) facts.push(`${zh ? '用途' : 'Purpose'}: ${slots.purpose}`);
  if (slots.termMonths) facts.push(`${zh ? '期限' : 'Term'}: ${slots.termMonths}${zh ? ' 个月' : ' months'}`);
  if (slots.productTypes?.length)
    facts.push(`${zh ? '产品类型' : 'Products'}: ${slots.productTypes.join(', ')}`);
  if (slots.fromCurrency || slots.toCurrency)
    facts.push(
      `${zh ? '汇款' : 'Transfer'}: ${slots.fromCurrency ?? '?'} → ${slots.toCurrency ?? '?'} (${slots.urgency ?? 'normal'})`,
    );
  const questions = turns
    .filter((t) => t.role === 'user')
    .slice(-3)
    .map((t) => `“${t.text.slice(0, 200)}”`);
  if (questions.length > 0) facts.push(`${zh ? '最近的问题' : 'Last questions'}: ${questions.join(' ')}`);
  return facts.join('\n');
}

/** Merges the slots of successive turns: later values win. */
export function mergeSlots(...all: readonly ChatSlots[]): ChatSlots {
  return Object.assign({}, ...all) as ChatSlots;
}
