import { createUncheckedClient, decodeClaims, type FinletClient } from '@finlet/client/unchecked';
import { createPartnerClient } from '@finlet/node';
import { inventoryOffer, startTestGateway, type TestGateway } from '@finlet/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ShownError } from '../internal/finlet-element.js';
import { type ChatContext, ChatController } from './chat-controller.js';

/** The page's sessionStorage, which Node does not have. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** A host stub: counts the updates the controller asks for. */
class Host implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

let gw: TestGateway;
let storage: MemoryStorage;
let user = 0;

beforeAll(async () => {
  gw = await startTestGateway('sqlite');
  await gw.publish(inventoryOffer);
});
afterAll(async () => gw?.close());
beforeEach(() => {
  storage = new MemoryStorage();
  Object.assign(globalThis, { sessionStorage: storage });
});

/** A session for a new user, and a chat controller on a host stub talking to the real gateway. */
async function chat(userId = `controller-merchant-${++user}`) {
  const partner = createPartnerClient({ gateway: gw.url, secretKey: gw.partnerA.secretKey });
  const session = await partner.embedSessions.create({ userId, scenario: 'supply-chain' });
  const client: FinletClient = createUncheckedClient({
    gateway: gw.url,
    fetchSessionToken: async () => session,
  });
  return attach(client, session.token);
}

function attach(client: FinletClient, token: string) {
  const host = new Host();
  const failures: ShownError[] = [];
  const ready: number[] = [];
  let shown = 0;
  let onShown = () => {};
  const context: ChatContext = {
    client: () => client,
    config: () => ({ gateway: gw.url, locale: 'zh-CN' }),
    claims: () => decodeClaims(token),
    t: (key, ...args) => [key, ...args].join(' '),
    fail: (error) => {
      const shownError = { code: 'network', message: String(error) };
      failures.push(shownError);
      return shownError;
    },
    ready: (count) => ready.push(count),
    shown: () => {
      shown++;
      onShown();
    },
  };
  const controller = new ChatController(host, context);
  return {
    host,
    controller,
    failures,
    ready,
    token,
    client,
    shownCount: () => shown,
    whenShown: (run: () => void) => {
      onShown = run;
    },
  };
}

describe('ChatController on its own (a host stub, the real gateway)', () => {
  it('registers with its host, streams an answer into the turns and keeps the conversation for the page session', async () => {
    const { host, controller, failures, token, shownCount } = await chat();
    expect(host.controllers).toEqual([controller]);

    await controller.ask('  我想借20万进货  ');
    expect(failures).toEqual([]);
    expect(controller.turns.map((t) => [t.role, t.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'done'],
    ]);
    expect(controller.turns[0]?.text).toBe('我想借20万进货');
    const answer = controller.turns[1];
    expect(answer?.parts.some((p) => p.type === 'text')).toBe(true);
    expect(answer?.parts.at(-1)?.type).toBe('done');
    expect(controller.streaming).toBe(false);
    expect(controller.announcement.startsWith('chat.answerReady ')).toBe(true);
    // Every part rendered and brought into view.
    expect(shownCount()).toBe(answer?.parts.length);
    expect(host.updates).toBeGreaterThan(answer?.parts.length ?? 0);

    const sub = decodeClaims(token)?.sub;
    expect(storage.items.get(`finlet-chat:${gw.url}:${sub}`)).toBe(controller.conversationId);
    expect(controller.conversationId).toMatch(/.+/);

    // Nothing is asked for an empty question.
    await controller.ask('   ');
    expect(controller.turns).toHaveLength(2);
  });

  it('restores the conversation once per gateway after a reload, then deletes it on request', async () => {
    const first = await chat();
    await first.controller.ask('What is inventory financing?');
    const words = first.controller.turns[1]?.parts;

    // A reload: a new controller, the same page session.
    const again = attach(first.client, first.token);
    await again.controller.restore();
    await again.controller.restore();
    expect(again.ready).toEqual([2]);
    expect(again.controller.conversationId).toBe(first.controller.conversationId);
    expect(again.controller.turns.map((t) => t.role)).toEqual(['user', 'assistant']);
    expect(again.controller.turns[1]?.parts.filter((p) => p.type === 'text')).toEqual(
      words?.filter((p) => p.type === 'text'),
    );

    await again.controller.clear();
    expect(again.controller.turns).toEqual([]);
    expect(again.controller.conversationId).toBeUndefined();
    expect(again.controller.announcement).toBe('chat.cleared');
    expect(storage.items.size).toBe(0);
    expect(again.failures).toEqual([]);

    // Nothing left to restore: ready with no turns.
    const third = attach(first.client, first.token);
    await third.controller.restore();
    expect(third.ready).toEqual([0]);
  });

  it('forgets a stored conversation the gateway no longer has', async () => {
    const { controller, token, ready } = await chat();
    const sub = decodeClaims(token)?.sub;
    storage.setItem(`finlet-chat:${gw.url}:${sub}`, 'conv_gone');
    await controller.restore();
    expect(ready).toEqual([0]);
    expect(storage.items.size).toBe(0);
  });

  it('stops an answer being streamed, then answers the same question again on retry', async () => {
    const { controller, whenShown } = await chat();
    whenShown(() => controller.stop());
    await controller.ask('我想借20万进货');
    expect(controller.turns[1]?.status).toBe('stopped');
    expect(controller.announcement).toBe('chat.stopped');
    expect(controller.streaming).toBe(false);

    whenShown(() => {});
    await controller.retry('我想借20万进货');
    expect(controller.turns.map((t) => [t.role, t.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'done'],
    ]);
  });

  it('follows the queue after a hand-off is asked for, leaves it, and stops following when the host disconnects', async () => {
    const { controller, failures } = await chat();
    await controller.ask('我想借20万进货');
    await controller.ask('转人工');
    expect(controller.handoff?.status).toBe('waiting');
    // The live stream reports the place in the queue.
    await expect.poll(() => controller.announcement, { timeout: 20_000 }).toMatch(/^chat\.queue\.waiting/);

    await controller.endHandoff();
    expect(controller.handoff?.status).toBe('abandoned');
    expect(controller.announcement).toBe('chat.queue.ended');
    controller.hostDisconnected();
    expect(failures).toEqual([]);
  });
});
