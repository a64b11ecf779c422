import { type AdminKeyCreated, HandoffMessageSent } from '@finlet/contracts';
import {
  inventoryOffer,
  ORIGIN_A,
  parseChatParts,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../server.js';
import { EventStreamClient } from './event-stream.js';

/** Two gateway instances on one PostgreSQL database: the user on A, the agent on B. */
describe('seat assist across two instances on PostgreSQL', () => {
  let a: TestGateway;
  let b: RunningGateway;
  let agent: AdminKeyCreated;

  beforeAll(async () => {
    a = await startTestGateway('postgres', { gateway: { rateLimits: false } });
    b = await a.startInstance({ rateLimits: false });
    await a.publish(inventoryOffer);
    agent = await a.adminKey({ name: 'Instance B agent', role: 'agent' });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const onB = (method: string, path: string, body?: unknown) =>
    fetch(`${b.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${agent.apiKey}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  it('delivers every message an agent posts on B to the user streaming from A, also across a reconnect', async () => {
    const token = await a.session(a.partnerA, {
      userId: 'two-instances',
      scenario: 'supply-chain',
      origin: ORIGIN_A,
      signals: { 'business.age_months': 38 },
    });
    const send = (body: unknown) =>
      a.api('POST', '/v1/chat/messages', { auth: token, body, headers: { origin: ORIGIN_A } });
    const first = parseChatParts((await send({ text: '我想借20万进货' })).text).at(-1);
    if (first?.type !== 'done') throw new Error('no done part');
    const human = parseChatParts(
      (await send({ conversationId: first.conversationId, text: '转人工' })).text,
    ).find((p) => p.type === 'human_handoff');
    if (human?.type !== 'human_handoff' || !human.handoffId) throw new Error('no hand-off');
    const url = `${a.url}/v1/chat/conversations/${first.conversationId}/events`;

    const user = await new EventStreamClient(url, token).open();
    await user.waitFor((e) => e.type === 'handoff_state' && e.state.status === 'waiting');
    expect((await onB('POST', `/v1/admin/handoffs/${human.handoffId}/claim`)).status).toBe(200);
    await user.waitFor((e) => e.type === 'handoff_state' && e.state.status === 'claimed');

    // 200 messages, one at a time: each posted on B, each awaited on A's stream.
    const latencies: number[] = [];
    const sentIds: string[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      const response = await onB('POST', `/v1/admin/handoffs/${human.handoffId}/messages`, {
        text: `消息 ${i}`,
      });
      const sent = HandoffMessageSent.parse(await response.json());
      sentIds.push(sent.message.id);
      await user.waitFor((e) => e.type === 'message' && e.message.id === sent.message.id);
      const received = user.messages().find((m) => m.message.id === sent.message.id)!;
      latencies.push(received.at - started);
    }
    const sorted = [...latencies].sort((x, y) => x - y);
    const p50 = sorted[Math.ceil(0.5 * sorted.length) - 1]!;
    const p99 = sorted[Math.ceil(0.99 * sorted.length) - 1]!;
    // A measured figure for the report, not an assertion: timing depends on the machine.
    console.info(
      `B → A over LISTEN/NOTIFY, post to receipt, 200 messages: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`,
    );
    expect(user.messages().map((m) => m.message.id)).toEqual(sentIds);

    // The user drops mid-conversation; B keeps posting; the reconnect with Last-Event-ID gets
    // exactly the rest, in order.
    const seen = user.lastEventId!;
    await user.close();
    const whileAway: string[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await onB('POST', `/v1/admin/handoffs/${human.handoffId}/messages`, {
        text: `离线 ${i}`,
      });
      whileAway.push(HandoffMessageSent.parse(await response.json()).message.id);
    }
    const back = await new EventStreamClient(url, token).open(seen);
    await back.waitFor((e) => e.type === 'message' && e.message.id === whileAway.at(-1));
    const after = await onB('POST', `/v1/admin/handoffs/${human.handoffId}/messages`, { text: '回来了吗' });
    const live = HandoffMessageSent.parse(await after.json()).message.id;
    await back.waitFor((e) => e.type === 'message' && e.message.id === live);
    const replayed = back.messages();
    expect(replayed.map((m) => m.message.id)).toEqual([...whileAway, live]);
    const ids = replayed.map((m) => m.id);
    expect(ids[0]).toBe(seen + 1);
    expect(ids.every((id, i) => i === 0 || id === ids[i - 1]! + 1)).toBe(true);
    await back.close();
  }, 240_000);
});
