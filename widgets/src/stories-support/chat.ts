// Advisor answers for the `<finlet-advice-chat>` stories. The sentences quote the demo knowledge
// documents of `finlet dev` (packages/cli/demo/docs), the offer cards are the preview bank's
// published offers, the route table is a real quote of the route optimizer (routes.ts), and the
// notices are compliance's own disclaimers from @finlet/engine. Every part is parsed with the
// `ChatPart` contract when built, and every conversation with `Conversation`.
import {
  ChatPart,
  type ChatTextPart,
  Conversation,
  type EmbedSessionClaims,
  type Locale,
  PublicOffer,
  type Scenario,
} from '@finlet/contracts';
import { CROSS_BORDER_DISCLAIMER, disclaimersFor } from '@finlet/engine';
import { PREVIEW_NOW, PREVIEW_OFFERS } from './fixtures.js';
import { corridorRequest, quoteFor } from './routes.js';

type Answer = 'apply' | 'cross-border' | 'human' | 'not-found';
type Texts = Record<Locale, string>;

const inventory = PREVIEW_OFFERS.find((o) => o.id === 'scf-inventory-loan')!;

const DOCS = {
  inventory: {
    id: 'faq-inventory-financing',
    title: { 'zh-CN': '存货融资常见问题', en: 'Inventory financing FAQ' },
    passage: {
      'zh-CN':
        '可申请金额为 5 万元至 500 万元，期限 3 至 12 个月，年化利率 3.65% 至 7.20%，具体以审批结果为准。',
      en: 'You can borrow from 50,000 CNY to 5,000,000 CNY for 3 to 12 months, at an APR from 3.65% to 7.20%, subject to approval.',
    },
  },
  transferFees: {
    id: 'fees-cross-border-transfer',
    title: { 'zh-CN': '跨境汇款收费标准', en: 'Cross-border transfer fees' },
    passage: {
      'zh-CN': '人民币兑换外币按本行实时牌价办理，牌价与中间价之间的点差即为换汇成本，办理前会向您展示。',
      en: 'Currency is exchanged at the bank’s live rate; the spread between that rate and the mid rate is the cost of the exchange, shown to you before you pay.',
    },
  },
} as const;

function text(delta: Texts, locale: Locale, cites?: number[]): ChatPart {
  return { type: 'text', delta: `${delta[locale]} `, ...(cites ? { cites } : {}) };
}

function notices(notes: readonly string[]): ChatPart[] {
  return notes.map((delta): ChatTextPart => ({ type: 'text', delta, disclaimer: true }));
}

function document(ref: number, doc: (typeof DOCS)[keyof typeof DOCS], locale: Locale): ChatPart {
  return {
    type: 'citation',
    ref,
    sourceKind: 'document',
    id: doc.id,
    version: 1,
    title: doc.title[locale],
    passage: doc.passage[locale],
  };
}

/** "我想借20万进货": sources, the inventory financing card, and a hand-off pre-filled with 200,000 CNY. */
function applyAnswer(locale: Locale): ChatPart[] {
  const offerTexts = inventory.texts[locale];
  return [
    text(
      {
        'zh-CN': '可以为进货申请存货融资：以您在平台仓库中的存货为担保，适合进货、备货等短期资金需求。',
        en: 'You can finance restocking with inventory financing: a working-capital loan secured by the stock you hold in the platform’s warehouses.',
      },
      locale,
      [1],
    ),
    text(
      {
        'zh-CN': '可申请 5 万元至 500 万元，期限 3 至 12 个月，年化利率 3.65% 至 7.20%，以审批结果为准。',
        en: 'You can borrow 50,000 to 5,000,000 CNY for 3 to 12 months at an APR from 3.65% to 7.20%, subject to approval.',
      },
      locale,
      [1],
    ),
    text(
      {
        'zh-CN': '根据平台提供的经营数据，您符合这款产品的申请条件，20 万元在可申请范围内。',
        en: 'From the trading data your platform shares, you meet this product’s criteria, and 200,000 CNY is within its range.',
      },
      locale,
      [2],
    ),
    document(1, DOCS.inventory, locale),
    {
      type: 'citation',
      ref: 2,
      sourceKind: 'offer',
      id: inventory.id,
      version: inventory.version,
      title: offerTexts.name,
      passage: offerTexts.tagline,
    },
    { type: 'offer_card', offer: PublicOffer.parse(inventory), eligible: true, rank: 1, cites: [2] },
    {
      type: 'handoff',
      offerId: inventory.id,
      offerVersion: inventory.version,
      prefill: {
        amount: { value: 20_000_000, currency: 'CNY' },
        purpose: locale === 'zh-CN' ? '进货' : 'restocking',
        termMonths: 6,
      },
    },
    ...notices(disclaimersFor([inventory.productType], locale)),
  ];
}

/** "给越南供应商付款怎么最快到账？": the optimizer's options for 200,000 CNY to a Vietnamese business. */
function crossBorderAnswer(locale: Locale): ChatPart[] {
  const quoted = quoteFor(corridorRequest('cny-vnd-business'));
  if (!quoted.ok) throw new Error(`Story fixtures drifted: CNY→VND refused (${quoted.code}).`);
  const { quote } = quoted;
  const start = Date.parse(quote.createdAt);
  const fastest = quote.options.find((o) => o.fastest)!;
  return [
    text(
      {
        'zh-CN': `向越南企业付款 20 万元人民币，本行有 ${quote.options.length} 种方案，最快的是 ${fastest.legs.map((l) => l.networkName).join(' → ')}。`,
        en: `To pay 200,000 CNY to a business in Vietnam the bank has ${quote.options.length} options; the fastest is ${fastest.legs.map((l) => l.networkName).join(' → ')}.`,
      },
      locale,
      [1],
    ),
    text(
      {
        'zh-CN': '换汇成本是牌价与中间价之间的点差，已计入下表的总费用。',
        en: 'The cost of the exchange is the spread between the bank’s rate and the mid rate, included in each total below.',
      },
      locale,
      [1],
    ),
    document(1, DOCS.transferFees, locale),
    {
      type: 'route_table',
      quoteId: quote.id,
      request: {
        amount: quote.request.amount,
        fromCurrency: quote.request.fromCurrency,
        toCurrency: quote.request.toCurrency,
        urgency: 'urgent',
      },
      rows: quote.options.map((o) => ({
        routeId: o.id,
        label: o.legs.map((l) => l.networkName).join(' → '),
        tags: (['recommended', 'cheapest', 'fastest'] as const).filter((t) => o[t]),
        totalCost: o.totalCost,
        received: o.recipientGets,
        etaMinutes: Math.round((Date.parse(o.arrivesAt) - start) / 60_000),
      })),
    },
    { type: 'text', delta: CROSS_BORDER_DISCLAIMER[locale], disclaimer: true },
  ];
}

function humanAnswer(locale: Locale): ChatPart[] {
  return [
    text(
      {
        'zh-CN': '已为您转接人工客服，客服将看到您的问题和已填写的信息，无需重复说明。',
        en: 'A person from the bank will take over; they will see your questions and what you have told us, so you need not repeat yourself.',
      },
      locale,
    ),
    { type: 'human_handoff', handoffId: 'hof_storybook00000001', offered: false },
  ];
}

function notFoundAnswer(locale: Locale): ChatPart[] {
  return [
    text(
      {
        'zh-CN': '抱歉，本行公布的资料里没有找到能回答这个问题的内容。您可以转人工客服。',
        en: 'Sorry, nothing the bank has published answers that question. You can talk to a person.',
      },
      locale,
    ),
    { type: 'human_handoff', handoffId: null, offered: true },
  ];
}

function which(question: string): Answer {
  if (/人工|客服|human|person|agent/i.test(question)) return 'human';
  if (/汇|付款|到账|越南|transfer|send money|pay .*abroad|supplier|vietnam/i.test(question))
    return 'cross-border';
  if (/借|贷|进货|融资|borrow|loan|financ|restock/i.test(question)) return 'apply';
  return 'not-found';
}

const ANSWERS: Record<Answer, (locale: Locale) => ChatPart[]> = {
  apply: applyAnswer,
  'cross-border': crossBorderAnswer,
  human: humanAnswer,
  'not-found': notFoundAnswer,
};

const INTENTS = {
  apply: 'apply',
  'cross-border': 'cross_border',
  human: 'human',
  'not-found': 'out_of_scope',
} as const;

/** The parts the advisor streams for a question, ending with `done`; each parsed with `ChatPart`. */
export function answerFor(
  question: string,
  locale: Locale,
  conversationId: string,
  messageId: string,
): ChatPart[] {
  const kind = which(question);
  return [
    ...ANSWERS[kind](locale),
    { type: 'done', conversationId, messageId, intent: INTENTS[kind], provider: 'default' },
  ].map((part) => ChatPart.parse(part));
}

/** The conversation a returning supplier had: a hand-off answer, then a route table. */
export function restoredConversation(id: string, locale: Locale, scenario: Scenario): Conversation {
  const at = (minutes: number) => new Date(PREVIEW_NOW.getTime() - minutes * 60_000).toISOString();
  const questions =
    locale === 'zh-CN'
      ? ['我想借20万进货', '给越南供应商付款怎么最快到账？']
      : [
          'I want to borrow 200,000 CNY to buy stock',
          'What is the fastest way to pay a supplier in Vietnam?',
        ];
  const messages = questions.flatMap((q, i) => [
    { id: `msg_user${i}`, role: 'user', text: q, parts: [], intent: null, createdAt: at(30 - i * 10) },
    {
      id: `msg_advisor${i}`,
      role: 'assistant',
      text: '',
      parts: answerFor(q, locale, id, `msg_advisor${i}`).filter((p) => p.type !== 'done'),
      intent: INTENTS[which(q)],
      createdAt: at(29 - i * 10),
    },
  ]);
  return Conversation.parse({ id, scenario, locale, messages, createdAt: at(30), updatedAt: at(19) });
}

/** The conversation ids of the "restored" stories, one per locale. */
export const RESTORED_CONVERSATIONS: Record<Locale, string> = {
  'zh-CN': 'cnv_storybookrestoredzhcn',
  en: 'cnv_storybookrestoreden',
};

/** What the preview gateway keeps per conversation (in memory, for the life of the page). */
export const conversations = new Map<string, Conversation>();

/** The conversation a question joins (or starts), with the question and its answer appended. */
export function recordTurn(
  claims: EmbedSessionClaims,
  conversationId: string,
  locale: Locale,
  question: string,
  parts: ChatPart[],
): void {
  const now = PREVIEW_NOW.toISOString();
  const previous =
    conversations.get(conversationId) ??
    Conversation.parse({
      id: conversationId,
      scenario: claims.scn,
      locale,
      messages: [],
      createdAt: now,
      updatedAt: now,
    });
  const n = previous.messages.length;
  conversations.set(
    conversationId,
    Conversation.parse({
      ...previous,
      updatedAt: now,
      messages: [
        ...previous.messages,
        { id: `msg_user${n}`, role: 'user', text: question, parts: [], intent: null, createdAt: now },
        {
          id: `msg_advisor${n + 1}`,
          role: 'assistant',
          text: '',
          parts: parts.filter((p) => p.type !== 'done'),
          intent: INTENTS[which(question)],
          createdAt: now,
        },
      ],
    }),
  );
}

/** The supply-chain suggestions of the element lead to these answers (checked at load). */
for (const locale of ['zh-CN', 'en'] as const) {
  for (const id of Object.values(RESTORED_CONVERSATIONS)) restoredConversation(id, locale, 'supply-chain');
  const kinds = [
    which(locale === 'zh-CN' ? '我想借20万进货' : 'I want to borrow 200,000 CNY to buy stock'),
    which(
      locale === 'zh-CN'
        ? '给越南供应商付款怎么最快到账？'
        : 'What is the fastest way to pay a supplier in Vietnam?',
    ),
    which(locale === 'zh-CN' ? '转人工客服' : 'Talk to a person'),
  ];
  if (kinds.join() !== 'apply,cross-border,human') throw new Error(`Story fixtures drifted: ${kinds.join()}`);
}
