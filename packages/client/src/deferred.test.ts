import type { ChatPart } from '@finlet/contracts';
import { inventoryOffer, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deferredClient } from './deferred.js';
import { isFinletApiError } from './errors.js';
import { startChatGateway } from './test/chat-gateway.js';
import { createUncheckedClient } from './unchecked.js';

describe('deferredClient: calls made before the transport has loaded', () => {
  let gw: TestGateway;
  let mint: () => Promise<{ token: string; expiresAt: string }>;
  beforeAll(async () => {
    ({ gw, mint } = await startChatGateway('merchant-deferred-1'));
  });
  afterAll(async () => gw?.close());

  /** A transport that loads when the test says so, counting its loads. */
  function gatedTransport() {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const gated = {
      loads: 0,
      release,
      load: async () => {
        gated.loads++;
        await gate;
        return createUncheckedClient;
      },
    };
    return gated;
  }

  it('has its session at once, and answers calls and streams once the transport arrives', async () => {
    const transport = gatedTransport();
    const client = deferredClient(transport.load, { gateway: gw.url, fetchSessionToken: mint });
    // The load starts with the client, not with the first call.
    expect(transport.loads).toBe(1);
    expect(client.session.canRefresh).toBe(true);
    expect(client.options.gateway).toBe(gw.url);
    const matched = client.offers.match({ amount: { value: 20_000_000, currency: 'CNY' } });
    const parts: ChatPart[] = [];
    const streamed = (async () => {
      for await (const part of client.chat.send({ text: '我想借20万进货', locale: 'zh-CN' }))
        parts.push(part);
    })();
    transport.release();
    const result = await matched;
    expect(result.matches.map((m) => m.offer.id)).toContain(inventoryOffer.id);
    await streamed;
    expect(parts.at(-1)?.type).toBe('done');
    expect(parts.some((p) => p.type === 'text')).toBe(true);
    // One load however many calls waited on it.
    expect(transport.loads).toBe(1);
    // The gateway's refusals arrive as they do through the loaded client.
    const missing = await client.chat.get('conv_missing').catch((error: unknown) => error);
    expect(isFinletApiError(missing) && missing.status).toBe(404);
    expect((await client.health()).status).toBeDefined();
  });

  it('tries the load again on the next call after it failed (the network dropped)', async () => {
    let attempts = 0;
    const client = deferredClient(
      async () => {
        attempts++;
        if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
        return createUncheckedClient;
      },
      { gateway: gw.url, fetchSessionToken: mint },
    );
    const first = await client.nudges.list().catch((error: unknown) => error);
    expect(first).toBeInstanceOf(TypeError);
    expect(Array.isArray(await client.nudges.list())).toBe(true);
    expect(attempts).toBe(2);
  });

  it('extends into a client with its own session only when given a new token source', async () => {
    const client = deferredClient(async () => createUncheckedClient, {
      gateway: gw.url,
      fetchSessionToken: mint,
    });
    expect(client.extend({ locale: 'en' }).session).toBe(client.session);
    const other = client.extend({ fetchSessionToken: mint });
    expect(other.session).not.toBe(client.session);
    expect(Array.isArray(await other.nudges.list())).toBe(true);
  });
});
