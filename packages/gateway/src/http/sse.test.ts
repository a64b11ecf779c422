import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { GatewayEnv } from './context.js';
import { STREAM_RETRY_MS } from './lifecycle.js';
import { closeAll, eventStream, liveStream } from './sse.js';

/** Reads a streamed body until `until` holds of what arrived; the bound is generous, never a sleep. */
async function readUntil(
  body: ReadableStream<Uint8Array>,
  until: (text: string) => boolean,
): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const bound = setTimeout(() => void reader.cancel(), 20_000);
  try {
    while (!until(text)) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    clearTimeout(bound);
    reader.releaseLock();
  }
  return text;
}

describe('liveStream', () => {
  it('says retry first, keeps an idle stream alive, and ends every subscription once when the gateway closes it, with a last retry hint', async () => {
    const open = new Set<() => void>();
    let beats = 0;
    let cleanups = 0;
    let ended = false;
    const app = new Hono<GatewayEnv>();
    app.get('/', (c) =>
      eventStream(c, async (stream, writer) => {
        const live = liveStream(stream, writer, { heartbeatMs: 5, open, onBeat: () => beats++ });
        live.onClose(() => cleanups++);
        writer.event('ready', {});
        await live.done;
        ended = true;
      }),
    );
    const response = await app.request('/');
    if (!response.body) throw new Error('no body');
    const body = response.body;
    const head = await readUntil(body, (text) => text.includes(': keep-alive'));
    expect(head.startsWith('retry: 2000\n\n')).toBe(true);
    expect(head).toContain('event: ready');
    expect(beats).toBeGreaterThan(0);
    expect(open.size).toBe(1);

    closeAll(open);
    closeAll(open);
    const tail = await readUntil(body, () => false);
    expect(tail.endsWith(`retry: ${STREAM_RETRY_MS}\n\n`)).toBe(true);
    expect(tail.match(/retry: /g)).toHaveLength(1);
    expect(ended).toBe(true);
    expect(cleanups).toBe(1);
    expect(open.size).toBe(0);
  });

  it('closes when the request is aborted, and runs a cleanup added after that at once', async () => {
    const controller = new AbortController();
    let late = 0;
    let closed = false;
    const app = new Hono<GatewayEnv>();
    app.get('/', (c) =>
      eventStream(c, async (stream, writer) => {
        const live = liveStream(stream, writer, { signal: controller.signal });
        writer.event('ready', {});
        await live.done;
        closed = live.closed;
        live.onClose(() => late++);
      }),
    );
    const response = await app.request('/');
    if (!response.body) throw new Error('no body');
    const body = response.body;
    await readUntil(body, (text) => text.includes('event: ready'));
    controller.abort();
    await readUntil(body, () => false);
    expect(closed).toBe(true);
    expect(late).toBe(1);
  });
});
