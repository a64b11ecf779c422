import {
  HandoffApplicationCardSent,
  type HandoffClose,
  HandoffDetail,
  HandoffDisposition,
  HandoffMessageSent,
  HandoffMetrics,
  HandoffQueue,
  HandoffQueueItem,
  type HandoffStatus,
  HandoffSuggestion,
  HandoffSuggestionList,
  ROUTES,
} from '@finlet/contracts';
import type { z } from 'zod';
import type { ConsoleApi } from './console-api.js';

/*
 * The desk's one way to the hand-off admin API. Paths come from the contracts' route list and
 * answers are checked against its schemas, so a change of the wire shows up here first.
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

type OperationId = (typeof ROUTES)[number]['operationId'];

/** The path of a route of the contracts, its `{param}`s filled in. */
function path(operationId: OperationId, params: Record<string, string> = {}): string {
  const route = ROUTES.find((r) => r.operationId === operationId);
  if (!route) throw new Error(`No route ${operationId} in the contracts`);
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** The queue the desk shows: hand-offs still being worked (waiting, then claimed). */
const ACTIVE: readonly HandoffStatus[] = ['waiting', 'claimed'];

/** The hand-off endpoints, through the console's session (cookie + CSRF token). */
export class HandoffsApi {
  constructor(private readonly api: ConsoleApi) {}

  private async call<S extends z.ZodType>(
    schema: S,
    method: string,
    url: string,
    options: { body?: unknown; query?: Record<string, string | number | undefined> } = {},
  ): Promise<z.infer<S>> {
    return schema.parse(await this.api.request<unknown>(method, url, options));
  }

  /** Waiting hand-offs (oldest first), then the claimed ones. */
  async queue(): Promise<HandoffQueueItem[]> {
    const pages = await Promise.all(
      ACTIVE.map((status) =>
        this.call(HandoffQueue, 'GET', path('listHandoffs'), { query: { status, limit: 200 } }),
      ),
    );
    return pages.flatMap((page) => page.handoffs);
  }

  get(id: string): Promise<HandoffDetail> {
    return this.call(HandoffDetail, 'GET', path('getHandoff', { id }));
  }

  /** Atomic on the gateway: exactly one agent wins; the others get `handoff_already_claimed`. */
  claim(id: string): Promise<HandoffQueueItem> {
    return this.call(HandoffQueueItem, 'POST', path('claimHandoff', { id }));
  }

  release(id: string): Promise<HandoffQueueItem> {
    return this.call(HandoffQueueItem, 'POST', path('releaseHandoff', { id }));
  }

  /**
   * Drafts suggested replies, each citing its sources, around `query` (the user's latest message
   * when absent). Sends nothing.
   */
  async suggest(id: string, query?: string): Promise<HandoffSuggestion[]> {
    const body = query?.trim() ? { query: query.trim().slice(0, 500) } : {};
    const list = await this.call(HandoffSuggestionList, 'POST', path('suggestHandoffReplies', { id }), {
      body,
    });
    return list.suggestions;
  }

  discardSuggestion(id: string, suggestionId: string): Promise<HandoffSuggestion> {
    return this.call(HandoffSuggestion, 'POST', path('discardHandoffSuggestion', { id, suggestionId }));
  }

  /**
   * Sends the agent's message to the user. Naming the suggestion it started from records it as
   * accepted (sent as drafted) or edited; the gateway compares the texts.
   */
  send(id: string, text: string, suggestionId?: string): Promise<HandoffMessageSent> {
    return this.call(HandoffMessageSent, 'POST', path('sendHandoffMessage', { id }), {
      body: suggestionId ? { text, suggestionId } : { text },
    });
  }

  /** Shows the user that the agent is typing (or stopped); best effort. */
  async typing(id: string, typing: boolean): Promise<void> {
    await this.api.request('POST', path('sendHandoffTyping', { id }), { body: { typing } });
  }

  /** Sends the application card pre-filled from the conversation; only the user can submit it. */
  sendApplicationCard(id: string): Promise<HandoffApplicationCardSent> {
    return this.call(HandoffApplicationCardSent, 'POST', path('sendHandoffApplicationCard', { id }), {
      body: {},
    });
  }

  close(id: string, close: HandoffClose): Promise<HandoffDetail> {
    return this.call(HandoffDetail, 'POST', path('closeHandoff', { id }), { body: close });
  }

  /** The desk's live stream (same origin, the session cookie): what to read again, as it happens. */
  get eventsUrl(): string {
    return path('streamHandoffEvents');
  }

  metrics(): Promise<HandoffMetrics> {
    return this.call(HandoffMetrics, 'GET', path('getHandoffMetrics'));
  }
}
