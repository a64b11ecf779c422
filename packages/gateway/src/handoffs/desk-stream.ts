import type { HandoffDeskEvent } from '@finlet/contracts';
import type { SSEStreamingApi } from 'hono/streaming';
import type { EventBus } from '../bus/bus.js';
import { closeAll, type EventWriter, liveStream } from '../http/sse.js';
import { DESK_CHANNEL, QUEUE_CHANNEL } from './stream.js';

export interface DeskStreamsOptions {
  bus: EventBus;
  /** Comment lines that keep proxies from closing an idle stream (15 s). */
  heartbeatMs?: number;
}

/**
 * The agents' live desk streams on this instance. The bus (LISTEN/NOTIFY on PostgreSQL, so a
 * hand-off made on another instance arrives here too) only says what to read again; the desk reads
 * it through the API. A bus reconnect may have lost signals, so it becomes a `resync`.
 */
export class DeskStreams {
  readonly #open = new Set<() => void>();
  readonly #options: DeskStreamsOptions;

  constructor(options: DeskStreamsOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#open.size;
  }

  /** Serves one desk stream (see `eventStream`); resolves when it ends. */
  serve(
    stream: SSEStreamingApi,
    writer: EventWriter,
    input: { signal?: AbortSignal | undefined },
  ): Promise<void> {
    const { bus } = this.#options;
    const live = liveStream(stream, writer, {
      heartbeatMs: this.#options.heartbeatMs,
      signal: input.signal,
      open: this.#open,
    });
    const send = (event: HandoffDeskEvent) => {
      if (!live.closed) writer.event(event.type, event);
    };
    live.onClose(bus.subscribe(QUEUE_CHANNEL, () => send({ type: 'queue_changed' })));
    live.onClose(
      bus.subscribe(DESK_CHANNEL, (payload) => {
        let conversationId: unknown;
        try {
          conversationId = (JSON.parse(payload) as { c?: unknown }).c;
        } catch {
          return;
        }
        if (typeof conversationId === 'string' && conversationId.length > 0 && conversationId.length <= 64)
          send({ type: 'conversation_changed', conversationId });
      }),
    );
    live.onClose(bus.onResync(() => send({ type: 'resync' })));
    // Subscribed before `ready`: whatever the desk reads after it, a later change is signalled.
    send({ type: 'ready' });
    return live.done;
  }

  /** Ends every open desk stream (gateway shutdown): the consoles reconnect elsewhere and read again. */
  closeAll(): void {
    closeAll(this.#open);
  }
}
