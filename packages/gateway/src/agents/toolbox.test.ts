import type { ChatPart } from '@finlet/contracts';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { GatewayEnv } from '../http/context.js';
import { eventStream } from '../http/sse.js';
import { sseParts } from './toolbox.js';

/** The wire text of these parts as the chat route streams them (through Hono's `streamSSE`). */
async function wire(parts: ChatPart[]): Promise<string> {
  const app = new Hono<GatewayEnv>();
  app.get('/', (c) =>
    eventStream(c, async (_stream, writer) => {
      for (const part of parts) writer.event(part.type, part);
    }),
  );
  return (await app.request('/')).text();
}

describe('sseParts', () => {
  it('keeps only the answer that stands: a replace withdraws the parts before it', async () => {
    const withdrawn: ChatPart[] = [
      { type: 'citation', ref: 1, sourceKind: 'document', id: 'faq', version: 1, title: 'FAQ', passage: 'p' },
      { type: 'text', delta: 'Checked, then withdrawn.', cites: [1] },
    ];
    const stands: ChatPart[] = [
      { type: 'citation', ref: 1, sourceKind: 'document', id: 'faq', version: 1, title: 'FAQ', passage: 'q' },
      { type: 'text', delta: 'The default answer.', cites: [1] },
      {
        type: 'done',
        conversationId: 'cnv_1',
        messageId: 'msg_1',
        intent: 'product_question',
        provider: 'default',
      },
    ];
    const body = await wire([...withdrawn, { type: 'replace', reason: 'uncited' } as const, ...stands]);
    expect(sseParts(body)).toEqual(stands);
    expect(sseParts(await wire(stands))).toEqual(stands);
  });
});
