import type { HandoffDeskEvent } from '@finlet/contracts';
import type { EventBus } from '../bus/bus.js';
import { DESK_CHANNEL, QUEUE_CHANNEL } from './stream.js';

const encoder = new TextEncoder();

export interface DeskStreamsOptions {
  bus: EventBus;
  /** Comment lines that keep proxies from closing an idle stream (15 s). */
  heartbeatMs?: number;
}

const frame = (event: HandoffDeskEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

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

  open(input: { requestId: string; signal?: AbortSignal | undefined }): Response {
    const { bus } = this.#options;
    const heartbeatMs = this.#options.heartbeatMs ?? 15_000;
    const cleanups: (() => void)[] = [];
    let closed = false;
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const write = (text: string) => {
      if (closed) return;
      try {
        controller.enqueue(encoder.encode(text));
      } catch {
        close();
      }
    };
    const close = () => {
      if (closed) return;
      closed = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
      this.#open.delete(close);
      try {
        controller.close();
      } catch {}
    };
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
        this.#open.add(close);
        cleanups.push(
          bus.subscribe(QUEUE_CHANNEL, () => write(frame({ type: 'queue_changed' }))),
          bus.subscribe(DESK_CHANNEL, (payload) => {
            let conversationId: unknown;
            try {
              conversationId = (JSON.parse(payload) as { c?: unknown }).c;
            } catch {
              return;
            }
            if (
              typeof conversationId === 'string' &&
              conversationId.length > 0 &&
              conversationId.length <= 64
            )
              write(frame({ type: 'conversation_changed', conversationId }));
          }),
          bus.onResync(() => write(frame({ type: 'resync' }))),
        );
        const beat = setInterval(() => write(': keep-alive\n\n'), heartbeatMs);
        beat.unref?.();
        cleanups.push(() => clearInterval(beat));
        if (input.signal) {
          const onAbort = () => close();
          input.signal.addEventListener('abort', onAbort, { once: true });
          cleanups.push(() => input.signal?.removeEventListener('abort', onAbort));
        }
        // Subscribed before `ready`: whatever the desk reads after it, a later change is signalled.
        write(`retry: 2000\n\n${frame({ type: 'ready' })}`);
      },
      cancel: () => close(),
    });
    return new Response(stream, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        'x-request-id': input.requestId,
      },
    });
  }

  /** Ends every open desk stream (gateway shutdown): the consoles reconnect elsewhere and read again. */
  closeAll(): void {
    for (const close of [...this.#open]) close();
  }
}
