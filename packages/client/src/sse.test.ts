import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readServerSentEvents } from './sse.js';

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function collect(chunks: Uint8Array[]) {
  const events = [];
  for await (const event of readServerSentEvents(streamOf(chunks))) events.push(event);
  return events;
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readServerSentEvents', () => {
  it('reads named events, multi-line data, comments and every line ending', async () => {
    const events = await collect([
      bytes(': keep-alive\n\n'),
      bytes('event: text\ndata: {"type":"text","delta":"你好"}\n\n'),
      bytes('event: citation\r\ndata: line one\r\ndata: line two\r\n\r\n'),
      bytes('data: unnamed\rid: 7\r\r'),
    ]);
    expect(events).toEqual([
      { event: 'text', data: '{"type":"text","delta":"你好"}' },
      { event: 'citation', data: 'line one\nline two' },
      { event: 'message', data: 'unnamed', id: '7' },
    ]);
  });

  it('gives the same events however the bytes are split, even inside a character or a CRLF', async () => {
    const text = bytes(
      'event: a\r\ndata: 一二三\r\n\r\nevent: b\ndata: {"x":1}\ndata: y\n\n: c\n\ndata: z\r\n\r\n',
    );
    const whole = await collect([text]);
    expect(whole.map((e) => e.data)).toEqual(['一二三', '{"x":1}\ny', 'z']);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 8 }),
        async (cuts) => {
          const points = [...new Set(cuts)].sort((a, b) => a - b);
          const chunks = [0, ...points].map((start, i) => text.slice(start, points[i] ?? text.length));
          expect(await collect(chunks)).toEqual(whole);
        },
      ),
    );
  });
});
