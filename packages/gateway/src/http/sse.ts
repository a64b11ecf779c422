import type { Context } from 'hono';
import { type SSEMessage, type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { GatewayEnv } from './context.js';
import { STREAM_RETRY_MS } from './lifecycle.js';

/** Writes what a stream says in call order, without waiting for the client to read it. */
export interface EventWriter {
  /** One event: `event:` its name, `data:` one line of JSON, `id:` when it has one. */
  event(name: string, data: unknown, id?: number): void;
  /** A line as it is (`retry: …`, or a `: keep-alive` comment that keeps proxies from closing an idle stream). */
  raw(text: string): void;
  /** Resolves once everything written so far has been handed to the stream. */
  flushed(): Promise<void>;
}

/**
 * An ordered writer over Hono's stream. `writeSSE` resolves its data before it writes, so a plain
 * `write` called after it could overtake it: every write goes through one chain instead. A write
 * after the client went away is dropped (Hono's `write` swallows the closed stream's error).
 */
export function eventWriter(stream: SSEStreamingApi): EventWriter {
  let tail = Promise.resolve();
  const then = (write: () => Promise<unknown>) => {
    if (stream.aborted || stream.closed) return;
    tail = tail.then(write).then(
      () => undefined,
      () => undefined,
    );
  };
  return {
    event: (name, data, id) => {
      const message: SSEMessage = { event: name, data: JSON.stringify(data) };
      if (id !== undefined) message.id = String(id);
      then(() => stream.writeSSE(message));
    },
    raw: (text) => then(() => stream.write(text)),
    flushed: () => tail,
  };
}

/**
 * A Server-Sent Events answer through Hono's `streamSSE`, with the headers the gateway always
 * sent: the charset named, `no-store` (a conversation is personal: no cache keeps it) and
 * `x-accel-buffering: no` (a proxy passes each event on at once). The stream ends when `serve`
 * settles; the client going away aborts the stream (`stream.onAbort`) and ends its writes.
 * `serve` failing is logged, never written: Hono would write its message as an `error` event.
 */
export function eventStream(
  c: Context<GatewayEnv>,
  serve: (stream: SSEStreamingApi, writer: EventWriter) => Promise<void>,
): Response {
  const response = streamSSE(c, async (stream) => {
    const writer = eventWriter(stream);
    try {
      await serve(stream, writer);
    } catch (error) {
      c.get('log')?.error({ requestId: c.get('requestId'), err: String(error) }, 'event stream failed');
    }
    await writer.flushed();
  });
  response.headers.set('content-type', 'text/event-stream; charset=utf-8');
  response.headers.set('cache-control', 'no-store');
  response.headers.set('x-accel-buffering', 'no');
  return response;
}

export interface LiveStreamOptions {
  /** How often a `: keep-alive` comment keeps proxies from closing an idle stream (15 s). */
  heartbeatMs?: number | undefined;
  /** Runs on every heartbeat after the comment (a stream that re-reads its source on each one). */
  onBeat?: () => void;
  /** The request's signal: its abort closes the stream as the stream's own abort does. */
  signal?: AbortSignal | undefined;
  /**
   * The open streams of this instance: the stream is in it until it closes. `closeAll` (the gateway
   * stopping) ends it with a last `retry:` hint, so the client reconnects soon, to another instance.
   */
  open?: Set<() => void>;
}

/** The life of one long-lived stream: what runs when it closes, and when it has. */
export interface LiveStream {
  /** True once the client went away or the gateway closed the stream. */
  readonly closed: boolean;
  /** Resolves when the stream closes: what `eventStream`'s `serve` returns. */
  readonly done: Promise<void>;
  /** Runs `cleanup` when the stream closes (a bus subscription, a timer). */
  onClose(cleanup: () => void): void;
  /** Closes the stream; a second call does nothing. */
  close(): void;
}

/**
 * The wiring every long-lived event stream of the gateway shares: `retry: 2000` first (a dropped
 * client reconnects after 2 s), a keep-alive comment every `heartbeatMs`, and closing when the
 * client goes away (the stream's abort or the request's signal) or when the gateway closes its
 * streams (`open`). Subscribe through `onClose` so that every subscription ends with the stream.
 */
export function liveStream(
  stream: SSEStreamingApi,
  writer: EventWriter,
  options: LiveStreamOptions = {},
): LiveStream {
  const { signal, open, onBeat } = options;
  const cleanups: (() => void)[] = [];
  let closed = false;
  let ended!: () => void;
  const done = new Promise<void>((resolve) => {
    ended = resolve;
  });
  const endedByGateway = () => {
    if (!closed) writer.raw(`retry: ${STREAM_RETRY_MS}\n\n`);
    close();
  };
  const close = () => {
    if (closed) return;
    closed = true;
    for (const cleanup of cleanups.splice(0)) cleanup();
    open?.delete(endedByGateway);
    ended();
  };
  open?.add(endedByGateway);
  writer.raw('retry: 2000\n\n');
  const beat = setInterval(() => {
    if (!closed) writer.raw(': keep-alive\n\n');
    onBeat?.();
  }, options.heartbeatMs ?? 15_000);
  beat.unref?.();
  cleanups.push(() => clearInterval(beat));
  stream.onAbort(close);
  if (signal) {
    signal.addEventListener('abort', close, { once: true });
    cleanups.push(() => signal.removeEventListener('abort', close));
  }
  return {
    get closed() {
      return closed;
    },
    done,
    onClose: (cleanup) => {
      if (closed) cleanup();
      else cleanups.push(cleanup);
    },
    close,
  };
}

/**
 * Ends every stream in `open` (gateway shutdown), each with a last `retry:` hint of
 * `STREAM_RETRY_MS`: clients reconnect to another instance.
 */
export function closeAll(open: Set<() => void>): void {
  for (const close of [...open]) close();
}
