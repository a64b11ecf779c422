import type {
  ChatMessage,
  ChatSlots,
  HandoffAnswered,
  HandoffDisposition,
  HandoffSource,
  HandoffSummary,
  Locale,
  Money,
  Scenario,
} from '@finlet/contracts';
import { type MessageArgs, type Messages, plural, translator } from '@finlet/contracts/messages';
import { formatMoney } from './compose.js';
import type { KnowledgeIndex } from './retrieval.js';
import { mergeSlots, summarizeConversation } from './summary.js';

/** A stored chat message with the slots read from it (already masked). */
export interface HandoffTurn extends Pick<ChatMessage, 'role' | 'text' | 'parts' | 'intent'> {
  readonly slots?: ChatSlots;
}

function sourcesOf(parts: ChatMessage['parts']): HandoffSource[] {
  return parts.flatMap((p) =>
    p.type === 'citation'
      ? [{ sourceKind: p.sourceKind, id: p.id, version: p.version, title: p.title, passage: p.passage }]
      : [],
  );
}

/**
 * What an agent reads before taking over: what the user wants (their last words), the amounts and
 * slots they gave, and each question the advisor answered with the sources it cited. It states
 * nothing the transcript does not hold.
 */
export function handoffSummary(turns: readonly HandoffTurn[], locale: Locale): HandoffSummary {
  const slots = mergeSlots(...turns.map((t) => t.slots ?? {}));
  const users = turns.filter((t) => t.role === 'user');
  const intents = [...new Set(users.flatMap((t) => (t.intent ? [t.intent] : [])))];
  const amounts: Money[] = [];
  for (const t of users) {
    const amount = t.slots?.amount;
    if (amount && !amounts.some((a) => a.value === amount.value && a.currency === amount.currency))
      amounts.push(amount);
  }
  const answered: HandoffAnswered[] = [];
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    if (turn.role !== 'user') continue;
    const reply = turns[i + 1];
    if (reply?.role !== 'assistant') continue;
    const sources = sourcesOf(reply.parts);
    const answer = reply.parts
      .flatMap((p) => (p.type === 'text' && !p.disclaimer ? [p.delta] : []))
      .join(' ')
      .trim();
    if (!answer) continue;
    answered.push({ question: turn.text, answer, intent: turn.intent, sources });
  }
  return {
    text: summarizeConversation(
      turns.filter((t) => t.role !== 'agent').map((t) => ({ role: t.role, text: t.text, intent: t.intent })),
      slots,
      locale,
    ),
    wants: users
      .slice(-2)
      .map((t) => t.text)
      .join(' / '),
    intents,
    slots,
    amounts,
    answered,
  };
}

export interface DraftedReply {
  readonly text: string;
  readonly sources: readonly HandoffSource[];
}

/**
 * Suggested replies for an agent, one per published document passage that answers `query`: the
 * passage is quoted and cited, so the agent can check it before sending. Documents only: an offer's
 * terms belong in an application card. No passage, no suggestion.
 */
export function draftReplies(
  index: KnowledgeIndex,
  input: { query: string; locale: Locale; scenario: Scenario; limit: number },
): DraftedReply[] {
  const hits = index.search(input.query, {
    locale: input.locale,
    scenario: input.scenario,
    sourceKind: 'document',
    limit: input.limit,
  });
  return hits
    .filter((hit) => hit.matched > 0)
    .map((hit) => {
      const p = hit.passage;
      const text = handoffText(input.locale, 'draftReply', p.title, p.text);
      return {
        text,
        sources: [
          { sourceKind: p.sourceKind, id: p.sourceId, version: p.version, title: p.title, passage: p.text },
        ],
      };
    });
}

/** The texts of hand-off drafts in each language. */
const ZH = {
  draftReply: (title: string, text: string) => `您好，关于您的问题，根据《${title}》：${text}`,
  wants: '用户诉求',
  amounts: '金额',
  lastReply: '最后答复',
  outcome: '结果',
  agentSent: (texts: number, cards: readonly string[]) =>
    `坐席发送了 ${texts} 条消息${cards.length ? `和 ${cards.length} 张申请卡片（${cards.join('、')}）` : ''}。`,
  'disposition.resolved': '已解决',
  'disposition.application_started': '已发送申请',
  'disposition.information_given': '已提供信息',
  'disposition.follow_up_needed': '需跟进',
  'disposition.not_eligible': '不符合条件',
  'disposition.referred': '已转介',
  'disposition.user_unresponsive': '用户无回应',
  'disposition.other': '其他',
} satisfies Messages & Record<`disposition.${HandoffDisposition}`, string>;

const EN: typeof ZH = {
  draftReply: (title, text) => `Hello. About your question, according to “${title}”: ${text}`,
  wants: 'User wanted',
  amounts: 'Amounts',
  lastReply: 'Last reply',
  outcome: 'Outcome',
  agentSent: (texts, cards) =>
    `The agent sent ${texts} ${plural('en', texts, { one: 'message', other: 'messages' })}${cards.length ? ` and ${cards.length} ${plural('en', cards.length, { one: 'application card', other: 'application cards' })} (${cards.join(', ')})` : ''}.`,
  'disposition.resolved': 'resolved',
  'disposition.application_started': 'application sent',
  'disposition.information_given': 'information given',
  'disposition.follow_up_needed': 'follow-up needed',
  'disposition.not_eligible': 'not eligible',
  'disposition.referred': 'referred',
  'disposition.user_unresponsive': 'user unresponsive',
  'disposition.other': 'other',
};

const handoffText = translator<typeof ZH>({ 'zh-CN': ZH, en: EN });

/**
 * The wrap-up an agent edits when closing: the summary's facts, what the agent sent (messages and
 * application cards) and, when known, the disposition.
 */
export function draftWrapUp(input: {
  summary: HandoffSummary;
  agentMessages: readonly HandoffTurn[];
  locale: Locale;
  disposition?: HandoffDisposition;
}): string {
  const t = <K extends keyof typeof ZH & string>(key: K, ...args: MessageArgs<typeof ZH, K>) =>
    handoffText(input.locale, key, ...args);
  const lines: string[] = [];
  if (input.summary.wants) lines.push(`${t('wants')}: ${input.summary.wants}`);
  if (input.summary.amounts.length > 0)
    lines.push(`${t('amounts')}: ${input.summary.amounts.map(formatMoney).join(', ')}`);
  const sent = input.agentMessages.filter((m) => m.role === 'agent');
  const cards = sent.flatMap((m) => m.parts.flatMap((p) => (p.type === 'application_card' ? [p] : [])));
  const texts = sent.filter((m) => m.text.trim()).length;
  lines.push(
    t(
      'agentSent',
      texts,
      cards.map((c) => c.title),
    ),
  );
  const last = sent.filter((m) => m.text.trim()).at(-1);
  if (last) lines.push(`${t('lastReply')}: ${last.text.slice(0, 300)}`);
  if (input.disposition) lines.push(`${t('outcome')}: ${t(`disposition.${input.disposition}`)}`);
  return lines.join('\n');
}
