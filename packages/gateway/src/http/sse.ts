import type { Context } from 'hono';
import { type SSEMessage, type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { GatewayEnv } from './context.js';

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
