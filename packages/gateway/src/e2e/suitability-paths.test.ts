import { AGENT_TOOLS, ChatPart, PAST_PERFORMANCE_WARNING, Problem } from '@finlet/contracts';
import {
  cashWealthOffer,
  DIALECTS,
  equityFundOffer,
  ORIGIN_A,
  parseChatParts,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHttp, createGrant } from './agent-fixtures.js';

describe.each(DIALECTS)('suitability in the agent and chat paths on %s', (dialect) => {
  let gw: TestGateway;
  const clients: Client[] = [];
  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    for (const offer of [cashWealthOffer, equityFundOffer]) await gw.publish(offer);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await gw?.close();
  });

  const agentFor = async (userId: string, level: string) => {
    const session = await gw.session(gw.partnerA, {
      userId,
      scenario: 'consumption',
      signals: { 'investor.risk_level': level },
    });
    const grant = await createGrant(gw, session, { scenario: 'consumption' });
    const client = await connectHttp(gw.url, grant.token);
    clients.push(client);
    await client.listTools();
    return client;
  };

  it('an agent cannot draft an application above the level, and its results leave wealth disclosure receipts', async () => {
    const client = await agentFor('agent-investor', 'C2');
    const above = await client.callTool({
      name: 'start_application',
      arguments: { offerId: equityFundOffer.id, amount: { value: 10_000_00, currency: 'CNY' } },
    });
    expect(above.isError).toBe(true);
    const error = (above.structuredContent as { error?: { code: string; detail?: string } }).error;
    expect(error?.code).toBe('above_risk_level');
    expect(error?.detail).toContain('R4');

    const within = await client.callTool({
      name: 'start_application',
      arguments: { offerId: cashWealthOffer.id, amount: { value: 10_000_00, currency: 'CNY' } },
    });
    expect(within.isError ?? false).toBe(false);

    const matched = AGENT_TOOLS.match_offers.output.parse(
      (await client.callTool({ name: 'match_offers', arguments: {} })).structuredContent,
    );
    // Recommended: only what suits C2.
    expect(matched.matches.map((m) => m.offer.id)).toEqual([cashWealthOffer.id]);

    const receipts = await gw.store.disclosures.list({ userId: 'agent-investor', limit: 10 });
    const agent = receipts.find((r) => r.surface === 'agent');
    expect(agent?.offers.map((o) => o.id)).toEqual([cashWealthOffer.id]);
    const texts = agent?.offers[0]?.disclosures ?? [];
    expect(texts).toContain('产品风险等级：R1');
    expect(texts.some((t) => t.includes(PAST_PERFORMANCE_WARNING['zh-CN']))).toBe(true);
    expect(texts.some((t) => t.includes('近一年'))).toBe(true);
  });

  it('a widget receipt of a wealth product keeps its risk level, warning and past-performance wording', async () => {
    const token = await gw.session(gw.partnerA, { userId: 'widget-investor', scenario: 'consumption' });
    const response = await gw.api('POST', '/v1/disclosures', {
      auth: token,
      headers: { origin: ORIGIN_A },
      body: { surface: 'offers', locale: 'en', offers: [{ id: cashWealthOffer.id, version: 1 }] },
    });
    expect(response.status, response.text).toBe(201);
    const texts = (response.body as { offers: { disclosures: string[] }[] }).offers[0]!.disclosures;
    expect(texts).toContain('Product risk level: R1');
    expect(texts).toContain('Last 12 months: 2.15%');
    expect(texts).toContain(PAST_PERFORMANCE_WARNING.en);
    expect(texts).toContain('Not a deposit; it carries risk.');
    // `agent` receipts are the gateway's own: a widget cannot claim one.
    const refused = await gw.api('POST', '/v1/disclosures', {
      auth: token,
      headers: { origin: ORIGIN_A },
      body: { surface: 'agent', locale: 'en', offers: [{ id: cashWealthOffer.id, version: 1 }] },
    });
    expect(refused.status).toBe(400);
  });

  it('chat: an offer card for a product above the level is withheld with the reason, never handed into an application', async () => {
    const token = await gw.session(gw.partnerA, {
      userId: 'chat-investor',
      scenario: 'consumption',
      signals: { 'investor.risk_level': 'C2' },
    });
    const response = await gw.api('POST', '/v1/chat/messages', {
      auth: token,
      headers: { origin: ORIGIN_A },
      body: { text: '我想申请成长股票基金' },
    });
    expect(response.status, response.text).toBe(200);
    const parts = response.text
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => ChatPart.parse(JSON.parse(l.slice(6))));
    const fundCards = parts.filter((p) => p.type === 'offer_card' && p.offer.id === equityFundOffer.id);
    expect(fundCards.length).toBeGreaterThan(0);
    for (const card of fundCards) {
      expect(card).toMatchObject({ eligible: false, withheld: { code: 'above_risk_level' } });
    }
    expect(parts.some((p) => p.type === 'handoff')).toBe(false);
    // The reason, in words, in the answer itself.
    expect(parts.some((p) => p.type === 'text' && p.delta.includes('高于您的风险承受能力等级 C2'))).toBe(
      true,
    );
    // The card was a display of a wealth product: the gateway kept its receipt.
    const receipts = await gw.store.disclosures.list({ userId: 'chat-investor', limit: 10 });
    const chat = receipts.find((r) => r.surface === 'chat');
    expect(chat?.offers.map((o) => o.id)).toEqual([equityFundOffer.id]);
    expect(chat?.offers[0]?.disclosures).toContain('产品风险等级：R4');
  });

  it('the hand-off desk cannot send an application card above the level, and reads why', async () => {
    const agent = await gw.adminKey({ name: 'Desk agent', role: 'agent' });
    const token = await gw.session(gw.partnerA, {
      userId: 'desk-investor',
      scenario: 'consumption',
      signals: { 'investor.risk_level': 'C2' },
    });
    const send = (body: unknown) =>
      gw.api('POST', '/v1/chat/messages', { auth: token, body, headers: { origin: ORIGIN_A } });
    const first = parseChatParts((await send({ text: '成长股票基金怎么样' })).text).at(-1);
    if (first?.type !== 'done') throw new Error('no done part');
    const parts = parseChatParts((await send({ conversationId: first.conversationId, text: '转人工' })).text);
    const human = parts.find((p) => p.type === 'human_handoff');
    if (human?.type !== 'human_handoff' || !human.handoffId) throw new Error('no hand-off');
    const path = `/v1/admin/handoffs/${human.handoffId}`;
    expect((await gw.api('POST', `${path}/claim`, { auth: agent.apiKey })).status).toBe(200);
    const refused = await gw.api('POST', `${path}/application-card`, {
      auth: agent.apiKey,
      body: { offerId: equityFundOffer.id },
    });
    expect(refused.status).toBe(422);
    const problem = Problem.parse(refused.body);
    expect(problem.code).toBe('above_risk_level');
    expect(problem.detail).toContain('R4');
    const sent = await gw.api('POST', `${path}/application-card`, {
      auth: agent.apiKey,
      body: { offerId: cashWealthOffer.id },
    });
    expect(sent.status, sent.text).toBe(201);
  });
});
