import { type AdminKeyCreated, type ChatPart, ChatPart as ChatPartSchema, Problem } from '@finlet/contracts';
import {
  DIALECTS,
  inventoryOffer,
  ORIGIN_A,
  PG_URL,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminKey } from '../bootstrap.js';
import type { PostgresBus } from '../bus/bus.js';
import { type RunningGateway, startGateway } from '../server.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/store.js';
import { DeskStreamClient } from './desk-stream.js';

function parseSse(text: string): ChatPart[] {
  return text
    .split('\n\n')
    .filter((block) => block.includes('data: '))
    .map((block) =>
      ChatPartSchema.parse(
        JSON.parse(
          block
            .split('\n')
            .find((l) => l.startsWith('data: '))!
            .slice(6),
        ),
      ),
    );
}

/** A user on `gw` asks for money, then for a person; returns what the desk needs to know. */
async function askForPerson(gw: TestGateway, userId: string) {
  const token = await gw.session(gw.partnerA, { userId, scenario: 'supply-chain', origin: ORIGIN_A });
  const send = (body: unknown) =>
    gw.api('POST', '/v1/chat/messages', { auth: token, body, headers: { origin: ORIGIN_A } });
  const first = parseSse((await send({ text: '我想借20万进货' })).text).at(-1);
  if (first?.type !== 'done') throw new Error('no done part');
  const human = parseSse((await send({ conversationId: first.conversationId, text: '转人工' })).text).find(
    (p) => p.type === 'human_handoff',
  );
  if (human?.type !== 'human_handoff' || !human.handoffId) throw new Error('no hand-off');
  return { token, send, conversationId: first.conversationId, handoffId: human.handoffId };
}

describe.each(DIALECTS)('the desk stream on %s', (dialect) => {
  let gw: TestGateway;
  let agent: AdminKeyCreated;

  beforeAll(async () => {
    gw = await startTestGateway(dialect, { gateway: { rateLimits: false } });
    await gw.publish(inventoryOffer);
    agent = await createAdminKey(gw.store, { name: 'Desk agent', role: 'agent' });
  });
  afterAll(async () => gw?.close());

  it('signals a new hand-off, its claim and each message of its conversation', async () => {
    const desk = await new DeskStreamClient(gw.url, agent.apiKey).open();
    let from = desk.events.length;
    const user = await askForPerson(gw, `desk-stream-${dialect}`);
    await desk.waitFor((e) => e.type === 'queue_changed', from);

    from = desk.events.length;
    const claim = await gw.api('POST', `/v1/admin/handoffs/${user.handoffId}/claim`, { auth: agent.apiKey });
    expect(claim.status).toBe(200);
    await desk.waitFor((e) => e.type === 'queue_changed', from);
    await desk.waitFor(
      (e) => e.type === 'conversation_changed' && e.conversationId === user.conversationId,
      from,
    );

    // The user writes to the person: the agent's open conversation learns of it.
    from = desk.events.length;
    expect((await user.send({ conversationId: user.conversationId, text: '还在吗？' })).status).toBe(200);
    await desk.waitFor(
      (e) => e.type === 'conversation_changed' && e.conversationId === user.conversationId,
      from,
    );
    await desk.close();
  });

  it('is for the roles that read the queue', async () => {
    const { author, reviewer } = {
      author: gw.admins.author,
      reviewer: await createAdminKey(gw.store, { name: 'R', role: 'reviewer' }),
    };
    const refused = await fetch(`${gw.url}/v1/admin/handoffs/events`, {
      headers: { authorization: `Bearer ${author.apiKey}` },
    });
    expect(refused.status).toBe(403);
    expect(Problem.parse(await refused.json()).code).toBe('forbidden');
    expect((await fetch(`${gw.url}/v1/admin/handoffs/events`)).status).toBe(401);
    const reading = await new DeskStreamClient(gw.url, reviewer.apiKey).open();
    expect(reading.status).toBe(200);
    await reading.close();
    // Nothing was left open on the gateway.
    await expect.poll(() => gw.running.gateway.desks.size, { timeout: 20_000 }).toBe(0);
  });
});

/** The user on instance A, the agent's desk on instance B: the bus carries the signals. */
describe('the desk stream across two instances on PostgreSQL', () => {
  let a: TestGateway;
  let storeB: Store;
  let b: RunningGateway;
  let agent: AdminKeyCreated;

  beforeAll(async () => {
    a = await startTestGateway('postgres', { gateway: { rateLimits: false } });
    storeB = await openStore({ databaseUrl: PG_URL, schema: a.schema! });
    b = await startGateway({
      store: storeB,
      port: 0,
      host: '127.0.0.1',
      logger: false,
      clock: () => a.clock.now,
      rateLimits: false,
      scheduler: false,
      webhooks: { worker: false },
    });
    await a.publish(inventoryOffer);
    agent = await createAdminKey(a.store, { name: 'Instance B desk', role: 'agent' });
  });
  afterAll(async () => {
    await b?.close();
    await storeB?.close();
    await a?.close();
  });

  it('shows B’s desk a hand-off made on A and the user’s messages, and asks it to read again after a lost connection', async () => {
    const desk = await new DeskStreamClient(b.url, agent.apiKey).open();
    let from = desk.events.length;
    const user = await askForPerson(a, 'two-instance-desk');
    await desk.waitFor((e) => e.type === 'queue_changed', from);
    const queue = await fetch(`${b.url}/v1/admin/handoffs?status=waiting`, {
      headers: { authorization: `Bearer ${agent.apiKey}` },
    });
    expect(JSON.stringify(await queue.json())).toContain(user.handoffId);

    from = desk.events.length;
    await a.api('POST', `/v1/admin/handoffs/${user.handoffId}/claim`, { auth: agent.apiKey });
    await user.send({ conversationId: user.conversationId, text: '你好，我在等' });
    await desk.waitFor(
      (e) => e.type === 'conversation_changed' && e.conversationId === user.conversationId,
      from,
    );

    // B's listening connection drops: once it is back, the desk is told to read everything again.
    from = desk.events.length;
    await (b.gateway.bus as PostgresBus).dropConnectionForTest();
    await desk.waitFor((e) => e.type === 'resync', from);
    await desk.close();
  }, 120_000);
});
