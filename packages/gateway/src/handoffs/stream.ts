import type { ConversationEvent, HandoffUserState } from '@finlet/contracts';
import type { SSEStreamingApi } from 'hono/streaming';
import type { Logger } from 'pino';
import type { EventBus } from '../bus/bus.js';
import { closeAll, type EventWriter, liveStream } from '../http/sse.js';
import type { Store } from '../storage/store.js';

/** Bus channel of one conversation's events; its payload says what to look at again. */
export const conversationChannel = (conversationId: string) => `conversation:${conversationId}`;
/** Bus channel that says the hand-off queue moved (positions may have changed). */
export const QUEUE_CHANNEL = 'handoff-queue';
/** Bus channel the agents' desks listen on: `{ c: conversationId }` changed (a message, a state). */
export const DESK_CHANNEL = 'handoff-desk';

type Signal = { k: 'event' } | { k: 'state' } | { k: 'typing'; e: ConversationEvent };

export interface ConversationStreamsOptions {
  store: Store;
  bus: EventBus;
  log?: Logger | undefined;
  /** Comment lines that keep proxies from closing an idle stream; each also re-reads the log. */
  heartbeatMs?: number;
}

/**
 * The user's live conversation streams on this instance. The event log in the database is the
 * truth: a bus message (from this instance or another) only says "read again after the last id
 * you sent", so a lost notification delays an event until the next heartbeat but never drops it,
 * and a reconnect with `Last-Event-ID` replays exactly what the client missed.
 */
export class ConversationStreams {
  readonly #open = new Set<() => void>();
  readonly #options: ConversationStreamsOptions;

  constructor(options: ConversationStreamsOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#open.size;
  }

  async eventAdded(conversationId: string): Promise<void> {
    await this.#publish(conversationChannel(conversationId), { k: 'event' });
    await this.#publishRaw(DESK_CHANNEL, JSON.stringify({ c: conversationId }));
  }

  /** The hand-off's state changed (claimed, released, closed, left): its user sees it, and the queue moved. */
  async stateChanged(conversationId: string): Promise<void> {
    await this.#publish(conversationChannel(conversationId), { k: 'state' });
    await this.#publishRaw(DESK_CHANNEL, JSON.stringify({ c: conversationId }));
    await this.queueMoved();
  }

  async queueMoved(): Promise<void> {
    await this.#publish(QUEUE_CHANNEL, { k: 'state' });
  }

  async typing(conversationId: string, event: ConversationEvent): Promise<void> {
    await this.#publish(conversationChannel(conversationId), { k: 'typing', e: event });
  }

  async #publish(channel: string, signal: Signal): Promise<void> {
    await this.#publishRaw(channel, JSON.stringify(signal));
  }

  async #publishRaw(channel: string, payload: string): Promise<void> {
    try {
      await this.#options.bus.publish(channel, payload);
    } catch (error) {
      // The stream's heartbeat re-reads the log: a lost wake-up delays, it does not lose.
      this.#options.log?.warn({ err: String(error), channel }, 'bus publish failed');
    }
  }

  /**
   * Serves one stream (see `eventStream`): the current hand-off state first, then every stored
   * event after `lastEventId`, then live events as they come. Resolves when the stream ends: the
   * client went away, or the gateway closes its streams.
   */
  serve(
    stream: SSEStreamingApi,
    writer: EventWriter,
    input: {
      conversationId: string;
      lastEventId: number;
      state: () => Promise<HandoffUserState | null>;
      requestId: string;
      signal?: AbortSignal | undefined;
    },
  ): Promise<void> {
    const { store, bus, log } = this.#options;
    let last = input.lastEventId;
    let lastState = '';
    let draining: Promise<void> | undefined;
    let again = false;
    // Each heartbeat also re-reads the log: a lost bus wake-up delays an event, it does not lose it.
    const live = liveStream(stream, writer, {
      heartbeatMs: this.#options.heartbeatMs,
      signal: input.signal,
      open: this.#open,
      onBeat: () => drain(true),
    });
    const send = (event: ConversationEvent, id?: number) => {
      if (!live.closed) writer.event(event.type, event, id);
    };

    const sendState = async () => {
      const state = await input.state();
      if (!state) return;
      const json = JSON.stringify(state);
      if (json === lastState) return;
      lastState = json;
      send({ type: 'handoff_state', state });
    };
    const drainOnce = async () => {
      for (;;) {
        const events = await store.handoffs.eventsAfter(input.conversationId, last);
        for (const { seq, event } of events) {
          send(event, seq);
          last = seq;
        }
        if (events.length < 500 || live.closed) return;
      }
    };
    // One reader at a time; a wake-up during a read makes it read once more (and the state too,
    // if any wake-up asked for it).
    let wantState = false;
    const drain = (withState = false): void => {
      if (live.closed) return;
      wantState ||= withState;
      if (draining) {
        again = true;
        return;
      }
      draining = (async () => {
        try {
          do {
            again = false;
            if (wantState) {
              wantState = false;
              await sendState();
            }
            await drainOnce();
          } while ((again || wantState) && !live.closed);
        } catch (error) {
          log?.warn({ requestId: input.requestId, err: String(error) }, 'conversation stream read failed');
        } finally {
          draining = undefined;
        }
      })();
    };

    // Subscribe before the first read, so nothing committed in between is missed.
    live.onClose(
      bus.subscribe(conversationChannel(input.conversationId), (payload) => {
        let signal: Signal;
        try {
          signal = JSON.parse(payload) as Signal;
        } catch {
          return;
        }
        if (signal.k === 'typing') send(signal.e);
        else drain(signal.k === 'state');
      }),
    );
    live.onClose(bus.subscribe(QUEUE_CHANNEL, () => drain(true)));
    live.onClose(bus.onResync(() => drain(true)));
    drain(true);
    return live.done;
  }

  /** Ends every open stream (gateway shutdown): clients reconnect elsewhere with `Last-Event-ID`. */
  closeAll(): void {
    closeAll(this.#open);
  }
}
