import type { ChatIntent, ChatSlots, Locale } from '@finlet/contracts';
import { translator } from '@finlet/contracts/messages';
import { formatMoney } from './compose.js';

export interface SummaryTurn {
  readonly role: 'user' | 'assistant' | 'agent';
  readonly text: string;
  readonly intent?: ChatIntent | null;
}

/** The labels of a hand-off summary in each language. */
const ZH = {
  intents: '意图',
  amount: '金额',
  purpose: '用途',
  term: '期限',
  months: (n: number) => `${n} 个月`,
  products: '产品类型',
  transfer: '汇款',
  lastQuestions: '最近的问题',
};

const EN: typeof ZH = {
  intents: 'Intents',
  amount: 'Amount',
  purpose: 'Purpose',
  term: 'Term',
  // The summary has always said "months", also for one (agents read it, it is not shown to users).
  months: (n) => `${n} months`,
  products: 'Products',
  transfer: 'Transfer',
  lastQuestions: 'Last questions',
};

const summaryText = translator<typeof ZH>({ 'zh-CN': ZH, en: EN });

/**
 * A short summary for the person who takes over: what the user wants, the slots filled so far and
 * the user's last questions (already masked by the caller).
 */
export function summarizeConversation(
  turns: readonly SummaryTurn[],
  slots: ChatSlots,
  locale: Locale,
): string {
  const label = (key: Exclude<keyof typeof ZH, 'months'>) => summaryText(locale, key);
  const intents = [...new Set(turns.filter((t) => t.role === 'user' && t.intent).map((t) => t.intent))];
  const facts: string[] = [];
  if (intents.length > 0) facts.push(`${label('intents')}: ${intents.join(', ')}`);
  if (slots.amount) facts.push(`${label('amount')}: ${formatMoney(slots.amount)}`);
  if (slots.purpose) facts.push(`${label('purpose')}: ${slots.purpose}`);
  if (slots.termMonths) facts.push(`${label('term')}: ${summaryText(locale, 'months', slots.termMonths)}`);
  if (slots.productTypes?.length) facts.push(`${label('products')}: ${slots.productTypes.join(', ')}`);
  if (slots.fromCurrency || slots.toCurrency)
    facts.push(
      `${label('transfer')}: ${slots.fromCurrency ?? '?'} → ${slots.toCurrency ?? '?'} (${slots.urgency ?? 'normal'})`,
    );
  const questions = turns
    .filter((t) => t.role === 'user')
    .slice(-3)
    .map((t) => `“${t.text.slice(0, 200)}”`);
  if (questions.length > 0) facts.push(`${label('lastQuestions')}: ${questions.join(' ')}`);
  return facts.join('\n');
}

/** Merges the slots of successive turns: later values win. */
export function mergeSlots(...all: readonly ChatSlots[]): ChatSlots {
  return Object.assign({}, ...all) as ChatSlots;
}
