import type { ChatSlots, Locale, Scenario } from '@finlet/contracts';
import type { ConsoleApi } from './console-api.js';

/*
 * The desk's one view of the hand-off admin API. Every shape and path the desk depends on sits in
 * this module, so a change of the wire (the hand-off contracts) is adapted here and nowhere else.
 */

/** Where a hand-off is: waiting for an agent, worked by one, or closed. */
export type HandoffState = 'waiting' | 'claimed' | 'closed';

export interface DeskAgent {
  id: string;
  name: string;
}

/** One row of the desk queue. */
export interface HandoffQueueEntry {
  id: string;
  partnerId: string;
  partnerName: string | null;
  scenario: Scenario;
  locale: Locale;
  state: HandoffState;
  /** When the user asked for a person. */
  createdAt: string;
  /** Seconds the user has waited, by the gateway's clock (absent: counted from `createdAt`). */
  waitSeconds?: number | undefined;
  /** The AI summary in one line. */
  summaryLine: string;
  claimedBy: DeskAgent | null;
}

/** A source a summary line or a suggested reply stands on. */
export interface DeskCitation {
  sourceKind: 'document' | 'offer' | 'signal' | 'consent' | 'criterion';
  id: string;
  version?: number | null | undefined;
  title: string;
  passage: string;
}

/** What the advisor already told the user, with the sources it cited. */
export interface AnsweredPoint {
  text: string;
  citations: DeskCitation[];
}

export interface HandoffSummary {
  /** What the user wants, in a sentence. */
  wants: string;
  slots: ChatSlots;
  answered: AnsweredPoint[];
}

export type TranscriptRole = 'user' | 'assistant' | 'agent' | 'system';

export interface TranscriptMessage {
  id: string;
  role: TranscriptRole;
  /** Personal data already masked by the gateway for the caller's role. */
  text: string;
  /** `application_card`: a pre-filled application the agent sent for the user to complete. */
  kind: 'text' | 'application_card';
  createdAt: string;
  author?: DeskAgent | null | undefined;
}

export interface HandoffDetail extends HandoffQueueEntry {
  summary: HandoffSummary;
  transcript: TranscriptMessage[];
  /** The AI-drafted wrap-up summary the agent edits before closing. */
  wrapUpDraft: string;
  closedAt?: string | null | undefined;
}

export interface SuggestedReply {
  id: string;
  text: string;
  citations: DeskCitation[];
}

/** What the agent did with a suggested reply, reported when a message is sent. */
export type SuggestionOutcome = 'accepted' | 'edited' | 'discarded';

export interface SuggestionReport {
  suggestionId: string;
  outcome: SuggestionOutcome;
}

/** The fixed disposition codes a hand-off closes with. */
export const DISPOSITIONS = [
  'resolved',
  'application_started',
  'follow_up',
  'not_eligible',
  'user_left',
  'out_of_scope',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export interface HandoffClose {
  disposition: Disposition;
  note: string;
  wrapUp: string;
}

export interface DeskMetrics {
  waitP50Seconds: number | null;
  waitP90Seconds: number | null;
  handleTimeP50Seconds: number | null;
  suggestions: { shown: number; accepted: number; edited: number; discarded: number };
}

/** The problem codes of a claim somebody else won (the desk says so in words). */
export const CLAIM_LOST_CODES: ReadonlySet<string> = new Set([
  'handoff_claimed',
  'already_claimed',
  'conflict',
]);

const BASE = '/v1/admin/handoffs';
const one = (id: string, tail = '') => `${BASE}/${encodeURIComponent(id)}${tail}`;

/** The hand-off endpoints, through the console's session (cookie + CSRF token). */
export class HandoffsApi {
  constructor(private readonly api: ConsoleApi) {}

  async queue(): Promise<HandoffQueueEntry[]> {
    return (await this.api.request<{ handoffs: HandoffQueueEntry[] }>('GET', BASE)).handoffs;
  }

  get(id: string): Promise<HandoffDetail> {
    return this.api.request<HandoffDetail>('GET', one(id));
  }

  /** Atomic on the gateway: exactly one agent wins; the others get `handoff_claimed`. */
  claim(id: string): Promise<HandoffDetail> {
    return this.api.request<HandoffDetail>('POST', one(id, '/claim'), { body: {} });
  }

  release(id: string): Promise<HandoffDetail> {
    return this.api.request<HandoffDetail>('POST', one(id, '/release'), { body: {} });
  }

  async suggestions(id: string): Promise<SuggestedReply[]> {
    const body = await this.api.request<{ suggestions: SuggestedReply[] }>('GET', one(id, '/suggestions'));
    return body.suggestions;
  }

  /** Sends the agent's message to the user, with what became of each suggested reply shown. */
  send(id: string, text: string, suggestions: readonly SuggestionReport[]): Promise<TranscriptMessage> {
    return this.api.request<TranscriptMessage>('POST', one(id, '/messages'), {
      body: { text, suggestions },
    });
  }

  /** Sends the application card pre-filled from the conversation; only the user can submit it. */
  sendApplicationCard(id: string): Promise<TranscriptMessage> {
    return this.api.request<TranscriptMessage>('POST', one(id, '/application-card'), { body: {} });
  }

  close(id: string, close: HandoffClose): Promise<HandoffDetail> {
    return this.api.request<HandoffDetail>('POST', one(id, '/close'), { body: close });
  }

  metrics(): Promise<DeskMetrics> {
    return this.api.request<DeskMetrics>('GET', `${BASE}/metrics`);
  }
}
