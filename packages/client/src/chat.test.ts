import type { ChatPart } from '@finlet/contracts';
import type { TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { isFinletApiError } from './errors.js';
import { startChatGateway } from './test/chat-gateway.js';
import { createUncheckedClient } from './unchecked.js';

describe('client.chat against a real gateway (Server-Sent Events over a socket)', () => {
  let gw: TestGateway;
  let mint: () => Promise<{ token: string; expiresAt: string }>;
  beforeAll(async () => {
    ({ gw, mint } = await startChatGateway('merchant-chat-1'));
  });
  afterAll(async () => gw?.close());

  it('streams typed parts that end with done, and restores and deletes the conversation', async () => {
    for (const client of [
      createClient({ gateway: gw.url, fetchSessionToken: mint }),
      createUncheckedClient({ gateway: gw.url, fetchSessionToken: mint }),
    ]) {
      const parts: ChatPart[] = [];
      for await (const part of client.chat.send({ text: '我想借20万进货', locale: 'zh-CN' }))
        parts.push(part);
      const done = parts.at(-1);
      expect(done?.type).toBe('done');
      expect(parts.some((p) => p.type === 'text')).toBe(true);
      if (done?.type !== 'done') throw new Error('no done part');
      const conversation = await client.chat.get(done.conversationId);
      expect(conversation.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
      await client.chat.delete(done.conversationId);
      const gone = await client.chat.get(done.conversationId).catch((e: unknown) => e);
      expect(isFinletApiError(gone) && gone.status).toBe(404);
    }
  });

  it('stops reading when the caller aborts', async () => {
    const client = createClient({ gateway: gw.url, fetchSessionToken: mint });
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const part of client.chat.send(
      { text: 'What is inventory financing?' },
      { signal: controller.signal },
    )) {
      seen.push(part.type);
      controller.abort();
    }
    expect(seen).toHaveLength(1);
  });

  it('follows the conversation after a hand-off and leaves the queue', async () => {
    for (const client of [
      createClient({ gateway: gw.url, fetchSessionToken: mint }),
      createUncheckedClient({ gateway: gw.url, fetchSessionToken: mint }),
    ]) {
      let conversationId = '';
      for await (const part of client.chat.send({ text: '我想借20万进货' }))
        if (part.type === 'done') conversationId = part.conversationId;
      for await (const _ of client.chat.send({ conversationId, text: '转人工' }));
      const controller = new AbortController();
      const seen: { id?: number; type: string }[] = [];
      for await (const { id, event } of client.chat.events(conversationId, { signal: controller.signal })) {
        seen.push({ ...(id !== undefined ? { id } : {}), type: event.type });
        if (event.type === 'handoff_state' && event.state.status === 'waiting') {
          expect(event.state.position).toBeGreaterThanOrEqual(1);
          expect((await client.chat.endHandoff(conversationId)).status).toBe('abandoned');
        }
        if (event.type === 'message') controller.abort();
      }
      const message = seen.find((e) => e.type === 'message');
      expect(message?.id).toBeGreaterThan(0);
      const again = await client.chat.endHandoff(conversationId).catch((e: unknown) => e);
      expect(isFinletApiError(again) && again.code).toBe('handoff_abandoned');
    }
  });
});
