import {
  type AdminKeyCreated,
  AuditList,
  Conversation,
  HandoffApplicationCardSent,
  HandoffDetail,
  HandoffMessageSent,
  HandoffMetrics,
  HandoffQueue,
  HandoffQueueItem,
  HandoffSuggestionList,
  HandoffUserState,
  Problem,
} from '@finlet/contracts';
import {
  DIALECTS,
  inventoryFaq,
  inventoryOffer,
  ORIGIN_A,
  parseChatParts,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../internal/ids.js';
import { EventStreamClient } from './event-stream.js';

const signals = { 'business.age_months': 38, 'inventory.turnover_days': 62, 'user.verified': true };

describe.each(DIALECTS)('seat assist on %s', (dialect) => {
  let gw: TestGateway;
  let agent1: AdminKeyCreated;
  let agent2: AdminKeyCreated;
  let reviewer: AdminKeyCreated;

  beforeAll(async () => {
    gw = await startTestGateway(dialect, { gateway: { rateLimits: false } });
    await gw.publish(inventoryOffer);
    await gw.publishDocument(inventoryFaq);
    agent1 = await gw.adminKey({ name: 'Chen Jing', role: 'agent' });
    agent2 = await gw.adminKey({ name: 'Sun Lei', role: 'agent' });
    reviewer = await gw.adminKey({ name: 'Reviewer', role: 'reviewer' });
  });
  afterAll(async () => gw?.close());

  const send = (auth: string, body: unknown) =>
    gw.api('POST', '/v1/chat/messages', { auth, body, headers: { origin: ORIGIN_A } });

  /** A user who asked for 200,000 CNY (and, if `personal`, gave a phone number and e-mail) and asked for a person. */
  async function handOff(userId: string, personal = false) {
    // Each hand-off a second after the last: the queue orders by when they were made.
    gw.clock.now = new Date(gw.clock.now.getTime() + 1000);
    const token = await gw.session(gw.partnerA, {
      userId,
      scenario: 'supply-chain',
      origin: ORIGIN_A,
      signals,
    });
    const first = parseChatParts((await send(token, { text: '我想借20万进货' })).text).at(-1);
    if (first?.type !== 'done') throw new Error('no done part');
    const conversationId = first.conversationId;
    if (personal) await send(token, { conversationId, text: '我的电话13812345678，邮箱 li.na@example.com' });
    const parts = parseChatParts((await send(token, { conversationId, text: '转人工' })).text);
    const human = parts.find((p) => p.type === 'human_handoff');
    if (human?.type !== 'human_handoff' || !human.handoffId) throw new Error('no hand-off');
    return { token, conversationId, handoffId: human.handoffId };
  }

  const api = (auth: AdminKeyCreated, method: string, path: string, body?: unknown) =>
    gw.api(method, path, { auth: auth.apiKey, ...(body !== undefined ? { body } : {}) });
  const code = (response: { body: unknown }) => Problem.parse(response.body).code;

  it('queues hand-offs oldest first, pages by cursor, and shows the agent a cited summary with personal data hidden', async () => {
    const a = await handOff('queue-a', true);
    const b = await handOff('queue-b');
    const page1 = HandoffQueue.parse(
      (await api(agent1, 'GET', '/v1/admin/handoffs?status=waiting&language=zh-CN&limit=1')).body,
    );
    expect(page1.handoffs).toHaveLength(1);
    expect(page1.next).not.toBeNull();
    const page2 = HandoffQueue.parse(
      (await api(agent1, 'GET', `/v1/admin/handoffs?status=waiting&limit=1&cursor=${page1.next}`)).body,
    );
    const ids = [page1.handoffs[0]!.id, page2.handoffs[0]!.id];
    expect(ids.indexOf(a.handoffId)).toBeLessThan(
      ids.indexOf(b.handoffId) === -1 ? 99 : ids.indexOf(b.handoffId),
    );
    const all = HandoffQueue.parse((await api(agent1, 'GET', '/v1/admin/handoffs?status=waiting')).body);
    const positionOf = (id: string) => all.handoffs.find((h) => h.id === id)?.position;
    expect(positionOf(b.handoffId)).toBe(positionOf(a.handoffId)! + 1);
    expect(all.handoffs.find((h) => h.id === a.handoffId)).toMatchObject({
      status: 'waiting',
      language: 'zh-CN',
      scenario: 'supply-chain',
      claimedBy: null,
      partnerName: 'Shop A',
    });
    expect(
      HandoffQueue.parse((await api(agent1, 'GET', '/v1/admin/handoffs?language=en&status=waiting')).body)
        .handoffs,
    ).toHaveLength(0);
    expect((await api(agent1, 'GET', '/v1/admin/handoffs?status=bogus')).status).toBe(400);

    const detail = HandoffDetail.parse((await api(agent1, 'GET', `/v1/admin/handoffs/${a.handoffId}`)).body);
    expect(detail.summary.amounts).toContainEqual({ value: 20_000_000, currency: 'CNY' });
    expect(detail.summary.slots).toMatchObject({ purpose: '进货' });
    const answered = detail.summary.answered.find((x) => x.question === '我想借20万进货');
    expect(answered?.sources.map((s) => s.id)).toContain('faq-inventory-financing');
    const transcript = JSON.stringify(detail.transcript);
    expect(transcript).toContain('[phone]');
    expect(transcript).toContain('[email]');
    expect(transcript).not.toContain('5678');
    expect(transcript).not.toContain('li.na');
    expect(detail.wrapUpDraft).toContain('200,000.00 CNY');
    // An approver sees the masked phone the way the applications inbox shows it.
    const approverView = JSON.stringify(
      (await api(gw.admins.approver, 'GET', `/v1/admin/handoffs/${a.handoffId}`)).body,
    );
    expect(approverView).toContain('138****5678');
    expect(code(await api(gw.admins.author, 'GET', '/v1/admin/handoffs'))).toBe('forbidden');
    const audit = AuditList.parse(
      (await api(gw.admins.admin, 'GET', `/v1/admin/audit?targetKind=handoff&targetId=${a.handoffId}`)).body,
    );
    expect(audit.entries.map((e) => e.action)).toContain('handoff.viewed');
  });

  it('never takes a phone, ID or card number for an amount, nor keeps one in clear in the summary or the card', async () => {
    gw.clock.now = new Date(gw.clock.now.getTime() + 1000);
    const token = await gw.session(gw.partnerA, {
      userId: 'numbers',
      scenario: 'supply-chain',
      origin: ORIGIN_A,
      signals,
    });
    const first = parseChatParts((await send(token, { text: '我想借20万进货' })).text).at(-1);
    if (first?.type !== 'done') throw new Error('no done part');
    const { conversationId } = first;
    for (const text of [
      'my phone is +86 138 1234 5678',
      '座机 020-12345678，身份证 110101199003074518',
      'office 0755-1234567, card 6222 0212 3456 7890',
    ]) {
      await send(token, { conversationId, text });
    }
    const parts = parseChatParts((await send(token, { conversationId, text: '转人工' })).text);
    const human = parts.find((p) => p.type === 'human_handoff');
    if (human?.type !== 'human_handoff' || !human.handoffId) throw new Error('no hand-off');
    const path = `/v1/admin/handoffs/${human.handoffId}`;
    // What must not be readable anywhere: the middle digits of each number the user typed.
    const inClear = /138 1234|1381234|1234 5678|12345678|1234567|0101199003|0212 3456|02123456/;

    const stored = await gw.store.handoffs.get(human.handoffId);
    expect(stored?.handoff.slots.amount).toEqual({ value: 20_000_000, currency: 'CNY' });
    expect(stored?.handoff.summary).not.toMatch(inClear);
    for (const auth of [agent1, gw.admins.approver]) {
      const detail = HandoffDetail.parse((await api(auth, 'GET', path)).body);
      expect(detail.summary.amounts).toEqual([{ value: 20_000_000, currency: 'CNY' }]);
      expect(detail.summary.slots.amount).toEqual({ value: 20_000_000, currency: 'CNY' });
      expect(JSON.stringify(detail)).not.toMatch(inClear);
    }
    expect((await api(agent1, 'POST', `${path}/claim`)).status).toBe(200);
    const card = HandoffApplicationCardSent.parse(
      (await api(agent1, 'POST', `${path}/application-card`, {})).body,
    );
    expect(card.card.prefill).toEqual({ amount: { value: 20_000_000, currency: 'CNY' }, purpose: '进货' });
    const conversation = Conversation.parse(
      (await gw.api('GET', `/v1/chat/conversations/${conversationId}`, { auth: token })).body,
    );
    expect(JSON.stringify(conversation.messages)).not.toMatch(inClear);
    await api(agent1, 'POST', `${path}/close`, { disposition: 'resolved' });
  });

  it('lets exactly one of two agents claiming at once win, 100 times over', async () => {
    const conversationId = newId('cnv');
    const at = gw.clock.now.toISOString();
    await gw.store.chat.createConversation({
      id: conversationId,
      partnerId: gw.partnerA.partner.id,
      userId: 'race',
      scenario: 'supply-chain',
      locale: 'zh-CN',
      createdAt: at,
      updatedAt: at,
    });
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const id = newId('hof');
      ids.push(id);
      await gw.store.chat.insertHandoff(
        {
          id,
          partnerId: gw.partnerA.partner.id,
          userId: 'race',
          conversationId,
          scenario: 'supply-chain',
          reason: 'requested',
          summary: '',
          slots: {},
          status: 'open',
          createdAt: at,
        },
        { language: 'zh-CN', signals: {} },
      );
    }
    let wins1 = 0;
    for (const id of ids) {
      const [r1, r2] = await Promise.all([
        api(agent1, 'POST', `/v1/admin/handoffs/${id}/claim`),
        api(agent2, 'POST', `/v1/admin/handoffs/${id}/claim`),
      ]);
      const statuses = [r1.status, r2.status].sort();
      expect(statuses, id).toEqual([200, 409]);
      const loser = r1.status === 409 ? r1 : r2;
      expect(code(loser)).toBe('handoff_already_claimed');
      const winner = HandoffQueueItem.parse((r1.status === 200 ? r1 : r2).body);
      expect(winner.claimedBy?.id).toBe(r1.status === 200 ? agent1.admin.id : agent2.admin.id);
      if (r1.status === 200) wins1++;
    }
    // Logged, not asserted: how often each side won shows the race was real.
    console.info(`${dialect}: agent 1 won ${wins1} of 100 simultaneous claims`);
    const claimed = await Promise.all(ids.map((id) => gw.store.handoffs.get(id)));
    expect(claimed.every((r) => r?.status === 'claimed')).toBe(true);
  });

  it('answers each refusal with its problem code', async () => {
    const h = await handOff('codes');
    const path = `/v1/admin/handoffs/${h.handoffId}`;
    expect(code(await api(gw.admins.author, 'POST', `${path}/claim`))).toBe('handoff_role_not_allowed');
    expect(code(await api(reviewer, 'POST', `${path}/claim`))).toBe('handoff_role_not_allowed');
    expect(code(await api(agent1, 'POST', `${path}/messages`, { text: 'hi' }))).toBe('handoff_not_claimed');
    expect((await api(agent1, 'POST', `${path}/claim`)).status).toBe(200);
    expect(code(await api(agent1, 'POST', `${path}/claim`))).toBe('handoff_not_claimed');
    expect(code(await api(agent2, 'POST', `${path}/claim`))).toBe('handoff_already_claimed');
    expect(code(await api(agent2, 'POST', `${path}/messages`, { text: 'hi' }))).toBe('handoff_not_claimed');
    expect(code(await api(agent2, 'POST', `${path}/release`))).toBe('handoff_not_claimed');
    expect(code(await api(agent1, 'POST', `${path}/messages`, { text: '   ' }))).toBe('message_empty');
    expect(code(await api(agent1, 'POST', `${path}/messages`, { text: '长'.repeat(2001) }))).toBe(
      'message_too_long',
    );
    expect(code(await api(agent1, 'POST', `${path}/messages`, { text: 1 }))).toBe('invalid_request');
    expect(code(await api(agent1, 'POST', `${path}/close`, { disposition: 'nope' }))).toBe('invalid_request');
    // The user leaves: the agent can no longer write.
    const left = await gw.api('POST', `/v1/chat/conversations/${h.conversationId}/handoff/end`, {
      auth: h.token,
      body: {},
    });
    expect(HandoffUserState.parse(left.body).status).toBe('abandoned');
    expect(code(await api(agent1, 'POST', `${path}/messages`, { text: 'hi' }))).toBe('handoff_abandoned');
    expect(code(await api(agent1, 'POST', `${path}/close`, { disposition: 'resolved' }))).toBe(
      'handoff_abandoned',
    );
    expect(
      code(
        await gw.api('POST', `/v1/chat/conversations/${h.conversationId}/handoff/end`, {
          auth: h.token,
          body: {},
        }),
      ),
    ).toBe('handoff_abandoned');

    const closed = await handOff('codes-closed');
    const closedPath = `/v1/admin/handoffs/${closed.handoffId}`;
    await api(agent1, 'POST', `${closedPath}/claim`);
    expect((await api(agent1, 'POST', `${closedPath}/close`, { disposition: 'resolved' })).status).toBe(200);
    expect(code(await api(agent1, 'POST', `${closedPath}/messages`, { text: 'hi' }))).toBe('handoff_closed');
    expect(code(await api(agent2, 'POST', `${closedPath}/claim`))).toBe('handoff_closed');
    expect(code(await api(agent1, 'GET', '/v1/admin/handoffs/hof_nosuchhandoff0000000'))).toBe('not_found');
    const stream = await fetch(`${gw.url}/v1/chat/conversations/${closed.conversationId}/events`, {
      headers: { authorization: `Bearer ${closed.token}`, 'last-event-id': 'abc' },
    });
    expect(code({ body: await stream.json() })).toBe('invalid_last_event_id');
  });

  it('takes a user from the queue to an agent and back to the advisor, live on their stream', async () => {
    const h = await handOff('journey');
    const url = `${gw.url}/v1/chat/conversations/${h.conversationId}/events`;
    const user = await new EventStreamClient(url, h.token).open();
    const waiting = await user.waitFor((e) => e.type === 'handoff_state' && e.state.status === 'waiting');
    expect(waiting).toMatchObject({ state: { handoffId: h.handoffId, position: expect.any(Number) } });

    const path = `/v1/admin/handoffs/${h.handoffId}`;
    expect((await api(agent1, 'POST', `${path}/claim`)).status).toBe(200);
    const claimed = await user.waitFor((e) => e.type === 'handoff_state' && e.state.status === 'claimed');
    expect(claimed).toMatchObject({ state: { agent: { name: 'Chen Jing', role: 'agent' }, position: null } });

    expect((await api(agent1, 'POST', `${path}/typing`, { typing: true })).status).toBe(204);
    expect(await user.waitFor((e) => e.type === 'agent_typing')).toMatchObject({
      typing: true,
      agent: { name: 'Chen Jing' },
    });

    const suggested = HandoffSuggestionList.parse(
      (await api(agent1, 'POST', `${path}/suggestions`, { query: '存货融资怎么计息' })).body,
    );
    expect(suggested.suggestions.length).toBeGreaterThan(0);
    const [first] = suggested.suggestions;
    expect(first!.sources[0]).toMatchObject({ sourceKind: 'document', id: 'faq-inventory-financing' });
    // Nothing was sent by drafting.
    expect(user.messages()).toHaveLength(0);
    const sent = HandoffMessageSent.parse(
      (await api(agent1, 'POST', `${path}/messages`, { text: first!.text, suggestionId: first!.id })).body,
    );
    expect(sent.suggestion?.outcome).toBe('accepted');
    const edited = HandoffSuggestionList.parse(
      (await api(agent1, 'POST', `${path}/suggestions`, { query: '存货融资怎么计息' })).body,
    ).suggestions[0]!;
    const editedSent = HandoffMessageSent.parse(
      (
        await api(agent1, 'POST', `${path}/messages`, {
          text: `${edited.text} 还有问题吗？`,
          suggestionId: edited.id,
        })
      ).body,
    );
    expect(editedSent.suggestion?.outcome).toBe('edited');
    const third = HandoffSuggestionList.parse(
      (await api(agent1, 'POST', `${path}/suggestions`, { query: '存货融资怎么计息' })).body,
    ).suggestions[0]!;
    // Without a query it drafts around the user's last message ("转人工": nothing to cite, nothing drafted).
    expect(
      HandoffSuggestionList.parse((await api(agent1, 'POST', `${path}/suggestions`, {})).body).suggestions,
    ).toEqual([]);
    expect((await api(agent1, 'POST', `${path}/suggestions/${third.id}/discard`)).status).toBe(200);
    expect(code(await api(agent1, 'POST', `${path}/suggestions/${third.id}/discard`))).toBe(
      'invalid_state_transition',
    );

    const agentMessage = await user.waitFor((e) => e.type === 'message' && e.message.id === sent.message.id);
    expect(agentMessage).toMatchObject({
      message: { role: 'agent', agent: { name: 'Chen Jing', role: 'agent' }, text: first!.text },
    });

    // The user answers: it goes to the agent, not the advisor.
    const reply = parseChatParts(
      (await send(h.token, { conversationId: h.conversationId, text: '好的，谢谢' })).text,
    );
    expect(reply).toEqual([expect.objectContaining({ type: 'done', provider: 'agent', intent: 'human' })]);
    await user.waitFor(
      (e) => e.type === 'message' && e.message.role === 'user' && e.message.text === '好的，谢谢',
    );

    const cardResponse = await api(agent1, 'POST', `${path}/application-card`, {});
    expect(cardResponse.status, cardResponse.text).toBe(201);
    const card = HandoffApplicationCardSent.parse(cardResponse.body);
    expect(card.card).toMatchObject({
      type: 'application_card',
      offerId: 'scf-inventory-loan',
      prefill: { amount: { value: 20_000_000, currency: 'CNY' }, purpose: '进货' },
    });
    await user.waitFor(
      (e) => e.type === 'message' && e.message.parts.some((p) => p.type === 'application_card'),
    );
    expect(code(await api(agent1, 'POST', `${path}/application-card`, { offerId: 'no-such-offer' }))).toBe(
      'offer_not_available',
    );

    // A reload: the history has the agent's messages, and resuming after the last id misses nothing.
    const reloaded = Conversation.parse(
      (await gw.api('GET', `/v1/chat/conversations/${h.conversationId}`, { auth: h.token })).body,
    );
    expect(reloaded.messages.filter((m) => m.role === 'agent')).toHaveLength(3);
    expect(reloaded.handoff).toMatchObject({ status: 'claimed', agent: { name: 'Chen Jing' } });
    expect(reloaded.lastEventId).toBe(user.lastEventId);
    const lastSeen = user.lastEventId!;
    await user.close();

    const detail = HandoffDetail.parse((await api(agent1, 'GET', path)).body);
    const closed = HandoffDetail.parse(
      (
        await api(agent1, 'POST', `${path}/close`, {
          disposition: 'application_started',
          note: 'sent the inventory loan card',
          wrapUp: `${detail.wrapUpDraft}\n(edited)`,
        })
      ).body,
    );
    expect(closed.closure).toMatchObject({ disposition: 'application_started', wrapUpEdited: true });
    expect(closed.handoff.status).toBe('closed');

    const resumed = await new EventStreamClient(url, h.token).open(lastSeen);
    const back = await resumed.waitFor((e) => e.type === 'message' && e.message.role === 'assistant');
    expect(back).toMatchObject({ message: { text: expect.stringContaining('人工客服已结束') } });
    expect(resumed.messages().every((m) => m.id > lastSeen)).toBe(true);
    await resumed.waitFor((e) => e.type === 'handoff_state' && e.state.status === 'closed');
    await resumed.close();
    // The advisor answers again.
    const again = parseChatParts(
      (await send(h.token, { conversationId: h.conversationId, text: '存货融资怎么计息？' })).text,
    );
    expect(again.at(-1)).toMatchObject({ type: 'done', provider: 'default' });

    // Partners hear the status only.
    for (const type of ['handoff.claimed', 'handoff.closed'] as const) {
      const events = await gw.store.webhooks.listEvents(gw.partnerA.partner.id, {
        since: '2000-01-01T00:00:00.000Z',
        type,
        limit: 50,
      });
      const event = events.find((e) => JSON.stringify(e).includes(h.handoffId));
      expect(event, type).toBeDefined();
      const text = JSON.stringify(event?.payload.data);
      expect(text).not.toContain('Chen Jing');
      expect(text).not.toContain('200,000');
      expect(Object.keys(event!.payload.data).sort()).toEqual(['at', 'conversationId', 'id', 'status']);
    }
    const audit = AuditList.parse(
      (await api(gw.admins.admin, 'GET', `/v1/admin/audit?targetKind=handoff&targetId=${h.handoffId}`)).body,
    );
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'handoff.claimed',
        'handoff.message_sent',
        'handoff.suggestions_drafted',
        'handoff.suggestion_discarded',
        'handoff.application_card_sent',
        'handoff.closed',
      ]),
    );

    const metrics = HandoffMetrics.parse((await api(agent1, 'GET', '/v1/admin/handoffs/metrics')).body);
    expect(metrics.handoffs.closed).toBeGreaterThanOrEqual(1);
    expect(metrics.suggestions.accepted).toBeGreaterThanOrEqual(1);
    expect(metrics.suggestions.edited).toBeGreaterThanOrEqual(1);
    expect(metrics.suggestions.discarded).toBeGreaterThanOrEqual(1);
    expect(metrics.suggestions.acceptanceRateBps).not.toBeNull();
    expect(metrics.handleSeconds.count).toBeGreaterThanOrEqual(1);
    expect(metrics.dispositions.application_started).toBeGreaterThanOrEqual(1);
  });

  it('moves a waiting user up the queue live when the one ahead is taken', async () => {
    const ahead = await handOff('ahead');
    const behind = await handOff('behind');
    const stream = await new EventStreamClient(
      `${gw.url}/v1/chat/conversations/${behind.conversationId}/events`,
      behind.token,
    ).open();
    const first = await stream.waitFor((e) => e.type === 'handoff_state' && e.state.status === 'waiting');
    const before = first.type === 'handoff_state' ? first.state.position! : 0;
    expect(before).toBeGreaterThan(1);
    expect((await api(agent2, 'POST', `/v1/admin/handoffs/${ahead.handoffId}/claim`)).status).toBe(200);
    await stream.waitFor((e) => e.type === 'handoff_state' && e.state.position === before - 1);
    // The user leaves the queue instead of waiting.
    const left = HandoffUserState.parse(
      (
        await gw.api('POST', `/v1/chat/conversations/${behind.conversationId}/handoff/end`, {
          auth: behind.token,
          body: {},
        })
      ).body,
    );
    expect(left.status).toBe('abandoned');
    await stream.waitFor((e) => e.type === 'message' && e.message.text.includes('离开排队'));
    await stream.close();
  });
});
