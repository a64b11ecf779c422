import { z } from 'zod';
import { Locale, LocalizedText, prefixedId, Scenario, Slug, Timestamp } from './common.js';
import { CurrencyCode, Money } from './money.js';
import { ProductType, PublicOffer } from './offer.js';
import { HealthCheckReport } from './portfolio.js';
import { SuitabilityReasonCode } from './suitability.js';

export const ConversationId = prefixedId('cnv').meta({ id: 'ConversationId' });
export const HandoffId = prefixedId('hof').meta({ id: 'HandoffId' });

/** What the user typed. The conversation belongs to the session user; omit the id to start one. */
export const ChatMessageRequest = z
  .strictObject({
    conversationId: ConversationId.optional(),
    text: z.string().trim().min(1).max(2000),
    locale: Locale.optional(),
  })
  .meta({ id: 'ChatMessageRequest' });
export type ChatMessageRequest = z.input<typeof ChatMessageRequest>;

/** What the advisor understood the user wants. */
export const ChatIntent = z
  .enum([
    'product_question',
    'compare',
    'eligibility',
    'apply',
    'cross_border',
    'human',
    'greeting',
    'portfolio_check',
    'out_of_scope',
    'unsafe',
  ])
  .meta({ id: 'ChatIntent' });
export type ChatIntent = z.infer<typeof ChatIntent>;

export const TransferUrgency = z.enum(['normal', 'urgent']);
export type TransferUrgency = z.infer<typeof TransferUrgency>;

/** Slots filled from the user's words (display only: eligibility never reads them). */
export const ChatSlots = z
  .object({
    amount: Money.optional(),
    termMonths: z.int().min(1).max(360).optional(),
    purpose: z.string().max(200).optional(),
    productTypes: z.array(ProductType).optional(),
    fromCurrency: CurrencyCode.optional(),
    toCurrency: CurrencyCode.optional(),
    urgency: TransferUrgency.optional(),
  })
  .meta({ id: 'ChatSlots' });
export type ChatSlots = z.infer<typeof ChatSlots>;

/** A sentence of the answer. `cites` names the citation parts (by `ref`) that back it; a factual sentence always has one. */
export const ChatTextPart = z
  .object({
    type: z.literal('text'),
    delta: z.string(),
    cites: z.array(z.int().min(1)).optional(),
    disclaimer: z
      .boolean()
      .optional()
      .meta({ description: 'A mandatory compliance notice for the products in the answer.' }),
  })
  .meta({ id: 'ChatTextPart' });
export type ChatTextPart = z.infer<typeof ChatTextPart>;

/** A source: a published document or offer version and the passage quoted from it. */
export const ChatCitationPart = z
  .object({
    type: z.literal('citation'),
    ref: z.int().min(1).meta({ description: 'Number text parts use in `cites`.' }),
    sourceKind: z.enum(['document', 'offer']),
    id: Slug,
    version: z.int().min(1),
    title: z.string(),
    passage: z.string().meta({ description: 'Plain text quoted from the source.' }),
    lang: Locale.optional().meta({
      description:
        'Set when the title and passage are in another language than the answer (the source is written only in that one).',
    }),
  })
  .meta({ id: 'ChatCitationPart' });
export type ChatCitationPart = z.infer<typeof ChatCitationPart>;

/** A matched offer, ready for a card. */
export const ChatOfferCardPart = z
  .object({
    type: z.literal('offer_card'),
    offer: PublicOffer,
    eligible: z.boolean(),
    rank: z.int().min(1).nullable(),
    cites: z.array(z.int().min(1)),
    /**
     * Set when the product is withheld for the user's risk level (above it, or no valid
     * assessment): the card presents it with this reason, never as a recommendation.
     */
    withheld: z.object({ code: SuitabilityReasonCode, reason: LocalizedText }).optional(),
  })
  .meta({ id: 'ChatOfferCardPart' });
export type ChatOfferCardPart = z.infer<typeof ChatOfferCardPart>;

/**
 * Route options for a transfer. The quote itself lives with the route engine; the table refers to
 * its quote and route ids and carries what a row shows.
 */
export const ChatRouteTablePart = z
  .object({
    type: z.literal('route_table'),
    quoteId: z.string().nullable(),
    request: z.object({
      amount: Money.optional(),
      fromCurrency: CurrencyCode.optional(),
      toCurrency: CurrencyCode.optional(),
      urgency: TransferUrgency.optional(),
    }),
    rows: z.array(
      z.object({
        routeId: z.string(),
        label: z.string(),
        tags: z.array(z.enum(['cheapest', 'fastest', 'recommended'])),
        totalCost: Money.optional(),
        received: Money.optional(),
        etaMinutes: z.int().min(0).optional(),
      }),
    ),
  })
  .meta({ id: 'ChatRouteTablePart' });
export type ChatRouteTablePart = z.infer<typeof ChatRouteTablePart>;

/**
 * A portfolio health check (基金健诊) of the user's holdings: the same report
 * `POST /v1/portfolio/health-check` returns, rendered by the same view as `<finlet-health-check>`.
 */
export const ChatHealthCheckPart = z
  .object({ type: z.literal('health_check'), report: HealthCheckReport })
  .meta({ id: 'ChatHealthCheckPart' });
export type ChatHealthCheckPart = z.infer<typeof ChatHealthCheckPart>;

/** Continue in `<finlet-apply>` with these fields already filled. */
export const ChatHandoffPart = z
  .object({
    type: z.literal('handoff'),
    offerId: Slug,
    offerVersion: z.int().min(1),
    prefill: z.object({
      amount: Money.optional(),
      purpose: z.string().max(200).optional(),
      termMonths: z.int().min(1).max(360).optional(),
    }),
  })
  .meta({ id: 'ChatHandoffPart' });
export type ChatHandoffPart = z.infer<typeof ChatHandoffPart>;

/**
 * A pre-filled application a bank agent drafted during a hand-off: the user opens it in
 * `<finlet-apply>` and submits it themselves (the agent never can).
 */
export const ChatApplicationCardPart = z
  .object({
    type: z.literal('application_card'),
    cardId: z.string(),
    offerId: Slug,
    offerVersion: z.int().min(1),
    title: z.string().meta({ description: 'The offer’s name in the conversation’s locale.' }),
    prefill: z.object({
      amount: Money.optional(),
      purpose: z.string().max(200).optional(),
      termMonths: z.int().min(1).max(360).optional(),
    }),
  })
  .meta({ id: 'ChatApplicationCardPart' });
export type ChatApplicationCardPart = z.infer<typeof ChatApplicationCardPart>;

/** A person from the bank takes over; the hand-off record carries the summary. */
export const ChatHumanHandoffPart = z
  .object({
    type: z.literal('human_handoff'),
    handoffId: HandoffId.nullable().meta({ description: 'Null when the user is only offered a human.' }),
    offered: z.boolean().meta({ description: 'True: a suggestion the user may accept; false: requested.' }),
  })
  .meta({ id: 'ChatHumanHandoffPart' });
export type ChatHumanHandoffPart = z.infer<typeof ChatHumanHandoffPart>;

export const ChatDonePart = z
  .object({
    type: z.literal('done'),
    conversationId: ConversationId,
    messageId: z.string(),
    intent: ChatIntent,
    provider: z.enum(['default', 'llm', 'agent']).meta({
      description: '`agent`: the conversation is with a person; the message went to them, not the advisor.',
    }),
  })
  .meta({ id: 'ChatDonePart' });
export type ChatDonePart = z.infer<typeof ChatDonePart>;

/**
 * Withdraws what this answer has streamed so far: the client discards the answer's earlier parts
 * and shows the parts that follow, which are the whole answer (the default advisor's). Sent only by
 * a model-backed answer that fails a check after some of its checked sentences were shown, or whose
 * model fails mid-way. Never stored: a stored message holds only the answer that stands.
 */
export const ChatReplacePart = z
  .object({
    type: z.literal('replace'),
    reason: z.enum(['uncited', 'unsafe_text', 'error', 'timeout']).meta({
      description:
        '`uncited`: a sentence cites no source it was given, or states a figure its sources do not; `unsafe_text`: a sentence promises returns; `error`/`timeout`: the model failed or took too long.',
    }),
  })
  .meta({ id: 'ChatReplacePart' });
export type ChatReplacePart = z.infer<typeof ChatReplacePart>;

export const ChatErrorPart = z
  .object({ type: z.literal('error'), code: z.string(), message: z.string() })
  .meta({ id: 'ChatErrorPart' });
export type ChatErrorPart = z.infer<typeof ChatErrorPart>;

/**
 * One Server-Sent Event of `POST /v1/chat/messages`: the event name is the part's `type`, the data
 * is the part as JSON. Widgets render parts with templates: no HTML and no markdown on the wire.
 */
export const ChatPart = z
  .discriminatedUnion('type', [
    ChatTextPart,
    ChatCitationPart,
    ChatOfferCardPart,
    ChatRouteTablePart,
    ChatHandoffPart,
    ChatHumanHandoffPart,
    ChatApplicationCardPart,
    ChatHealthCheckPart,
    ChatDonePart,
    ChatErrorPart,
    ChatReplacePart,
  ])
  .meta({ id: 'ChatPart' });
export type ChatPart = z.infer<typeof ChatPart>;
export type ChatPartType = ChatPart['type'];

/** The bank person who wrote a message, as the user sees them. */
export const ChatAgent = z
  .object({
    name: z.string(),
    role: z.enum(['agent', 'admin']).meta({ description: 'Shown to the user as “advisor” or “supervisor”.' }),
  })
  .meta({ id: 'ChatAgent' });
export type ChatAgent = z.infer<typeof ChatAgent>;

export const ChatMessage = z
  .object({
    id: z.string(),
    role: z.enum(['user', 'assistant', 'agent']).meta({
      description: '`agent`: a person from the bank, during a hand-off.',
    }),
    agent: ChatAgent.optional().meta({ description: 'Who wrote it, for `agent` messages.' }),
    text: z.string().meta({ description: 'Personal data (ID, phone, bank card numbers) is masked.' }),
    parts: z.array(ChatPart),
    intent: ChatIntent.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'ChatMessage' });
export type ChatMessage = z.infer<typeof ChatMessage>;

/** Where a hand-off stands in its life: waiting in the queue, claimed by an agent, closed, or left by the user. */
export const HandoffStatus = z
  .enum(['waiting', 'claimed', 'closed', 'abandoned'])
  .meta({ id: 'HandoffStatus' });
export type HandoffStatus = z.infer<typeof HandoffStatus>;

/** What the user's widget shows of a hand-off: its state, place in the queue and who took it. */
export const HandoffUserState = z
  .object({
    handoffId: HandoffId,
    status: HandoffStatus,
    position: z.int().min(1).nullable().meta({ description: 'Place in the queue (1: next) while waiting.' }),
    expectedWaitSeconds: z.int().min(0).nullable().meta({
      description: 'Estimated wait while waiting, from recent waits; null when there is no estimate.',
    }),
    agent: ChatAgent.nullable(),
  })
  .meta({ id: 'HandoffUserState' });
export type HandoffUserState = z.infer<typeof HandoffUserState>;

export const Conversation = z
  .object({
    id: ConversationId,
    scenario: Scenario,
    locale: Locale,
    messages: z.array(ChatMessage),
    handoff: HandoffUserState.nullable()
      .optional()
      .meta({ description: 'The latest hand-off to a person in this conversation, as the user sees it.' }),
    lastEventId: z.int().min(0).optional().meta({
      description:
        'Id of the latest event of the conversation stream: send it as `Last-Event-ID` to follow on from here.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Conversation' });
export type Conversation = z.infer<typeof Conversation>;

/** What a remote agent needs to take over: a summary and the filled slots. */
export const HumanHandoff = z
  .object({
    id: HandoffId,
    partnerId: z.string(),
    userId: z.string(),
    conversationId: ConversationId,
    scenario: Scenario,
    reason: z.enum(['requested', 'repeated_failure']),
    summary: z.string(),
    slots: ChatSlots,
    status: z.enum(['open', 'closed']).meta({
      description: 'Open while waiting or claimed; closed once an agent closed it or the user left.',
    }),
    createdAt: Timestamp,
  })
  .meta({ id: 'HumanHandoff' });
export type HumanHandoff = z.infer<typeof HumanHandoff>;

export const HumanHandoffList = z
  .object({ handoffs: z.array(HumanHandoff) })
  .meta({ id: 'HumanHandoffList' });
export type HumanHandoffList = z.infer<typeof HumanHandoffList>;

/**
 * One event of a conversation's live stream (`GET /v1/chat/conversations/{id}/events`): the SSE event
 * name is `type`, the data the object as JSON. Persisted events carry an SSE `id` (monotonic per
 * conversation); `handoff_state` and `agent_typing` are momentary and carry none.
 */
export const ConversationEvent = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('handoff_state'), state: HandoffUserState }),
    z.object({ type: z.literal('message'), message: ChatMessage }),
    z.object({
      type: z.literal('agent_typing'),
      handoffId: HandoffId,
      agent: ChatAgent,
      typing: z.boolean(),
    }),
  ])
  .meta({ id: 'ConversationEvent' });
export type ConversationEvent = z.infer<typeof ConversationEvent>;
export type ConversationEventType = ConversationEvent['type'];

/** The user leaves the queue (while waiting) or ends the conversation with the agent (once claimed). */
export const HandoffEnd = z.strictObject({}).meta({ id: 'HandoffEnd' });
export type HandoffEnd = z.input<typeof HandoffEnd>;
