import { z } from 'zod';
import { AdminRole } from './admin.js';
import {
  ChatApplicationCardPart,
  ChatIntent,
  ChatMessage,
  ChatSlots,
  HandoffStatus,
  HumanHandoff,
} from './chat.js';
import { Locale, Scenario, Slug, Timestamp } from './common.js';
import { Money } from './money.js';

/**
 * Seat assist: the bank's remote agents work the hand-off queue through these shapes
 * (`/v1/admin/handoffs…`). Reading needs the `agent` role (or reviewer, approver, admin); acting
 * on a hand-off (claim, write, close) needs `agent`.
 */

/** The longest message an agent may send. */
export const HANDOFF_MESSAGE_MAX_LENGTH = 2000;

/** The bank person behind an admin key, as the queue names them. */
export const HandoffAgentRef = z
  .object({ id: z.string(), name: z.string(), role: AdminRole })
  .meta({ id: 'HandoffAgentRef' });
export type HandoffAgentRef = z.infer<typeof HandoffAgentRef>;

/** Opaque cursor of the hand-off queue (`next` of the previous page). */
export const HandoffCursor = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be the `next` value of a previous page');

export const HandoffQueueQuery = z
  .strictObject({
    status: HandoffStatus.optional(),
    scenario: Scenario.optional(),
    partnerId: z.string().min(1).max(64).optional(),
    language: Locale.optional().meta({ description: 'The conversation’s locale.' }),
    cursor: HandoffCursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .meta({ id: 'HandoffQueueQuery' });
export type HandoffQueueQuery = z.input<typeof HandoffQueueQuery>;

/** One row of the queue. Oldest waiting first; the ids of people are the partner’s opaque user ids. */
export const HandoffQueueItem = HumanHandoff.omit({ status: true })
  .extend({
    status: HandoffStatus,
    language: Locale,
    claimedBy: HandoffAgentRef.nullable(),
    claimedAt: Timestamp.nullable(),
    closedAt: Timestamp.nullable().meta({ description: 'When it was closed or the user left.' }),
    position: z.int().min(1).nullable().meta({ description: 'Place in the queue while waiting (1: next).' }),
    partnerName: z
      .string()
      .nullable()
      .meta({ description: 'The partner’s display name; null when the partner is gone (show `partnerId`).' }),
  })
  .meta({ id: 'HandoffQueueItem' });
export type HandoffQueueItem = z.infer<typeof HandoffQueueItem>;

export const HandoffQueue = z
  .object({
    handoffs: z.array(HandoffQueueItem),
    /** Pass as `cursor` for the next page; null on the last page. */
    next: z.string().nullable(),
  })
  .meta({ id: 'HandoffQueue' });
export type HandoffQueue = z.infer<typeof HandoffQueue>;

/** A published source a summary line or a suggested reply rests on. */
export const HandoffSource = z
  .object({
    sourceKind: z.enum(['document', 'offer']),
    id: Slug,
    version: z.int().min(1),
    title: z.string(),
    passage: z.string(),
  })
  .meta({ id: 'HandoffSource' });
export type HandoffSource = z.infer<typeof HandoffSource>;

/** What the advisor already answered, with the sources it cited. */
export const HandoffAnswered = z
  .object({
    question: z.string().meta({ description: 'The user’s message, personal data masked.' }),
    answer: z.string(),
    intent: ChatIntent.nullable(),
    sources: z.array(HandoffSource),
  })
  .meta({ id: 'HandoffAnswered' });
export type HandoffAnswered = z.infer<typeof HandoffAnswered>;

/** The AI summary an agent reads before taking over. */
export const HandoffSummary = z
  .object({
    text: z.string().meta({ description: 'A few sentences, in the conversation’s locale.' }),
    wants: z.string().meta({ description: 'What the user wants, from their last messages (masked).' }),
    intents: z.array(ChatIntent).meta({ description: 'Intents seen, first seen first.' }),
    slots: ChatSlots,
    amounts: z.array(Money).meta({ description: 'Every amount the user named, in order.' }),
    answered: z.array(HandoffAnswered),
  })
  .meta({ id: 'HandoffSummary' });
export type HandoffSummary = z.infer<typeof HandoffSummary>;

/** Where a suggested reply ended up. */
export const SuggestionOutcome = z
  .enum(['pending', 'accepted', 'edited', 'discarded'])
  .meta({ id: 'SuggestionOutcome' });
export type SuggestionOutcome = z.infer<typeof SuggestionOutcome>;

/** A reply drafted from published knowledge documents; never sent without the agent. */
export const HandoffSuggestion = z
  .object({
    id: z.string(),
    handoffId: z.string(),
    text: z.string(),
    locale: Locale,
    sources: z
      .array(HandoffSource)
      .min(1)
      .meta({ description: 'Never empty: no suggestion without a source.' }),
    outcome: SuggestionOutcome,
    createdAt: Timestamp,
    decidedAt: Timestamp.nullable(),
  })
  .meta({ id: 'HandoffSuggestion' });
export type HandoffSuggestion = z.infer<typeof HandoffSuggestion>;

export const HandoffSuggestionRequest = z
  .strictObject({
    query: z.string().trim().min(1).max(500).optional().meta({
      description: 'Draft around this text; the user’s latest message when absent.',
    }),
    limit: z.int().min(1).max(5).default(3),
  })
  .meta({ id: 'HandoffSuggestionRequest' });
export type HandoffSuggestionRequest = z.input<typeof HandoffSuggestionRequest>;

export const HandoffSuggestionList = z
  .object({ suggestions: z.array(HandoffSuggestion) })
  .meta({ id: 'HandoffSuggestionList' });
export type HandoffSuggestionList = z.infer<typeof HandoffSuggestionList>;

/**
 * An agent's message to the user. The text is checked by the gateway (empty after trimming:
 * `message_empty`; longer than `HANDOFF_MESSAGE_MAX_LENGTH`: `message_too_long`). Name the
 * suggestion it came from to record it accepted (sent as drafted) or edited.
 */
export const HandoffMessageCreate = z
  .strictObject({
    text: z.string().max(20_000),
    suggestionId: z.string().max(64).optional(),
  })
  .meta({ id: 'HandoffMessageCreate' });
export type HandoffMessageCreate = z.input<typeof HandoffMessageCreate>;

/** The agent is typing (or stopped); the user's widget shows it for a few seconds at most. */
export const HandoffTyping = z.strictObject({ typing: z.boolean() }).meta({ id: 'HandoffTyping' });
export type HandoffTyping = z.input<typeof HandoffTyping>;

/** Send the user a pre-filled application for an offer they are eligible for (they submit it, not the agent). */
export const HandoffApplicationCardCreate = z
  .strictObject({
    offerId: Slug.optional().meta({ description: 'The best-ranked eligible offer when absent.' }),
    prefill: z
      .strictObject({
        amount: Money.optional(),
        purpose: z.string().trim().max(200).optional(),
        termMonths: z.int().min(1).max(360).optional(),
      })
      .optional()
      .meta({ description: 'Overrides of what the conversation’s slots filled in.' }),
  })
  .meta({ id: 'HandoffApplicationCardCreate' });
export type HandoffApplicationCardCreate = z.input<typeof HandoffApplicationCardCreate>;

/** How a hand-off ended, from a fixed list (reported in metrics). */
export const HandoffDisposition = z
  .enum([
    'resolved',
    'application_started',
    'information_given',
    'follow_up_needed',
    'not_eligible',
    'referred',
    'user_unresponsive',
    'other',
  ])
  .meta({ id: 'HandoffDisposition' });
export type HandoffDisposition = z.infer<typeof HandoffDisposition>;

export const HandoffClose = z
  .strictObject({
    disposition: HandoffDisposition,
    note: z.string().trim().max(2000).optional(),
    wrapUp: z.string().trim().min(1).max(4000).optional().meta({
      description: 'The wrap-up summary as the agent edited it; the drafted one when absent.',
    }),
  })
  .meta({ id: 'HandoffClose' });
export type HandoffClose = z.input<typeof HandoffClose>;

export const HandoffClosure = z
  .object({
    disposition: HandoffDisposition,
    note: z.string().nullable(),
    wrapUp: z.string(),
    wrapUpEdited: z.boolean().meta({ description: 'True when the agent changed the drafted wrap-up.' }),
    closedBy: HandoffAgentRef,
    closedAt: Timestamp,
  })
  .meta({ id: 'HandoffClosure' });
export type HandoffClosure = z.infer<typeof HandoffClosure>;

/** One line of the transcript as the agent reads it: masked per role. */
export const HandoffTranscriptEntry = ChatMessage.extend({
  eventId: z.int().min(0).meta({ description: '0 for messages from before the hand-off stream.' }),
}).meta({ id: 'HandoffTranscriptEntry' });
export type HandoffTranscriptEntry = z.infer<typeof HandoffTranscriptEntry>;

/** Everything an agent needs to take over one hand-off. */
export const HandoffDetail = z
  .object({
    handoff: HandoffQueueItem,
    summary: HandoffSummary,
    transcript: z.array(HandoffTranscriptEntry).meta({ description: 'Oldest first; personal data masked.' }),
    suggestions: z.array(HandoffSuggestion).meta({ description: 'Drafted so far, newest first.' }),
    cards: z.array(ChatApplicationCardPart).meta({ description: 'Application cards sent to the user.' }),
    wrapUpDraft: z.string().meta({ description: 'The drafted wrap-up summary; edit it when closing.' }),
    closure: HandoffClosure.nullable(),
  })
  .meta({ id: 'HandoffDetail' });
export type HandoffDetail = z.infer<typeof HandoffDetail>;

/** The agent's own message as stored and sent, and the card sent into the chat. */
export const HandoffMessageSent = z
  .object({ message: ChatMessage, eventId: z.int().min(1), suggestion: HandoffSuggestion.nullable() })
  .meta({ id: 'HandoffMessageSent' });
export type HandoffMessageSent = z.infer<typeof HandoffMessageSent>;

export const HandoffApplicationCardSent = z
  .object({ card: ChatApplicationCardPart, message: ChatMessage, eventId: z.int().min(1) })
  .meta({ id: 'HandoffApplicationCardSent' });
export type HandoffApplicationCardSent = z.infer<typeof HandoffApplicationCardSent>;

export const HandoffMetricsQuery = z
  .strictObject({
    from: Timestamp.optional().meta({
      description: 'Hand-offs created at or after; 7 days before `to` when absent.',
    }),
    to: Timestamp.optional().meta({ description: 'Created before (exclusive); now when absent.' }),
    partnerId: z.string().min(1).max(64).optional(),
    scenario: Scenario.optional(),
  })
  .meta({ id: 'HandoffMetricsQuery' });
export type HandoffMetricsQuery = z.input<typeof HandoffMetricsQuery>;

const Percentiles = z.object({
  count: z.int().min(0),
  p50: z.int().min(0).nullable(),
  p90: z.int().min(0).nullable(),
});

export const HandoffMetrics = z
  .object({
    from: Timestamp,
    to: Timestamp,
    handoffs: z.object({
      waiting: z.int(),
      claimed: z.int(),
      closed: z.int(),
      abandoned: z.int(),
    }),
    waitSeconds: Percentiles.meta({ description: 'Created → claimed, over claimed hand-offs.' }),
    handleSeconds: Percentiles.meta({ description: 'Claimed → closed, over closed hand-offs.' }),
    suggestions: z.object({
      drafted: z.int(),
      accepted: z.int(),
      edited: z.int(),
      discarded: z.int(),
      acceptanceRateBps: z.int().nullable().meta({
        description: '(accepted + edited) over decided suggestions, in basis points; null over zero.',
      }),
      editRateBps: z
        .int()
        .nullable()
        .meta({ description: 'Edited over sent (accepted + edited), in basis points.' }),
    }),
    dispositions: z.record(z.string(), z.int()),
  })
  .meta({ id: 'HandoffMetrics' });
export type HandoffMetrics = z.infer<typeof HandoffMetrics>;

/**
 * One event of the desk's live stream (`GET /v1/admin/handoffs/events`): the SSE event name is
 * `type`, the data the object as JSON. Each says what to read again, never what changed, so the
 * desk's truth stays the API's answers: `queue_changed` (a hand-off was made, claimed, released,
 * closed or left), `conversation_changed` (a message or a state change in that conversation),
 * `resync` (this instance may have missed signals: read everything again). `ready` comes first,
 * once the stream listens.
 */
export const HandoffDeskEvent = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('ready') }),
    z.object({ type: z.literal('queue_changed') }),
    z.object({ type: z.literal('conversation_changed'), conversationId: z.string().min(1).max(64) }),
    z.object({ type: z.literal('resync') }),
  ])
  .meta({ id: 'HandoffDeskEvent' });
export type HandoffDeskEvent = z.infer<typeof HandoffDeskEvent>;
