import {
  type HandoffApplicationCardSent,
  type HandoffClose,
  type HandoffDetail,
  HandoffDisposition,
  type HandoffMessageSent,
  type HandoffMetrics,
  type HandoffQueueItem,
  type HandoffStatus,
  type HandoffSuggestion,
} from '@finlet/contracts';
import { streamHandoffEvents } from '@finlet/contracts/route-table';
import type { ConsoleApi } from './console-api.js';

/*
 * The desk's one way to the hand-off admin API, by operation id through the console's typed
 * caller: paths come from the contracts' route list and answers are checked against its schemas,
 * so a change of the wire shows up here first.
 */

export type {
  HandoffApplicationCardSent,
  HandoffDeskEvent,
  HandoffDetail,
  HandoffMessageSent,
  HandoffMetrics,
  HandoffQueueItem,
  HandoffSource,
  HandoffStatus,
  HandoffSuggestion,
  HandoffTranscriptEntry,
} from '@finlet/contracts';

/** The fixed disposition codes a hand-off closes with, in the order the wrap-up lists them. */
export const DISPOSITIONS = HandoffDisposition.options;
export type Disposition = HandoffDisposition;

/** The problem code of a claim another agent won (the desk says so in words). */
export const CLAIM_LOST = 'handoff_already_claimed';

/** The queue the desk shows: hand-offs still being worked (waiting, then claimed). */
const ACTIVE: readonly HandoffStatus[] = ['waiting', 'claimed'];

/** The hand-off endpoints, through the console's session (cookie + CSRF token). */
export class HandoffsApi {
  constructor(private readonly api: ConsoleApi) {}

  /** Waiting hand-offs (oldest first), then the claimed ones. */
  async queue(): Promise<HandoffQueueItem[]> {
    const pages = await Promise.all(
      ACTIVE.map((status) => this.api.call('listHandoffs', { query: { status, limit: 200 } })),
    );
    return pages.flatMap((page) => page.handoffs);
  }

  get(id: string): Promise<HandoffDetail> {
    return this.api.call('getHandoff', { params: { id } });
  }

  /** Atomic on the gateway: exactly one agent wins; the others get `handoff_already_claimed`. */
  claim(id: string): Promise<HandoffQueueItem> {
    return this.api.call('claimHandoff', { params: { id } });
  }

  release(id: string): Promise<HandoffQueueItem> {
    return this.api.call('releaseHandoff', { params: { id } });
  }

  /**
   * Drafts suggested replies, each citing its sources, around `query` (the user's latest message
   * when absent). Sends nothing.
   */
  async suggest(id: string, query?: string): Promise<HandoffSuggestion[]> {
    const body = query?.trim() ? { query: query.trim().slice(0, 500) } : {};
    const list = await this.api.call('suggestHandoffReplies', { params: { id }, body });
    return list.suggestions;
  }

  discardSuggestion(id: string, suggestionId: string): Promise<HandoffSuggestion> {
    return this.api.call('discardHandoffSuggestion', { params: { id, suggestionId } });
  }

  /**
   * Sends the agent's message to the user. Naming the suggestion it started from records it as
   * accepted (sent as drafted) or edited; the gateway compares the texts.
   */
  send(id: string, text: string, suggestionId?: string): Promise<HandoffMessageSent> {
    return this.api.call('sendHandoffMessage', {
      params: { id },
      body: suggestionId ? { text, suggestionId } : { text },
    });
  }

  /** Shows the user that the agent is typing (or stopped); best effort. */
  async typing(id: string, typing: boolean): Promise<void> {
    await this.api.call('sendHandoffTyping', { params: { id }, body: { typing } });
  }

  /** Sends the application card pre-filled from the conversation; only the user can submit it. */
  sendApplicationCard(id: string): Promise<HandoffApplicationCardSent> {
    return this.api.call('sendHandoffApplicationCard', { params: { id }, body: {} });
  }

  close(id: string, close: HandoffClose): Promise<HandoffDetail> {
    return this.api.call('closeHandoff', { params: { id }, body: close });
  }

  /** The desk's live stream (same origin, the session cookie): what to read again, as it happens. */
  get eventsUrl(): string {
    return streamHandoffEvents.path;
  }

  metrics(): Promise<HandoffMetrics> {
    return this.api.call('getHandoffMetrics');
  }
}
