import { Conversation } from '@finlet/contracts';
import {
  cashWealthOffer,
  concentratedHoldings,
  DIALECTS,
  equityFundOffer,
  ORIGIN_A,
  parseChatParts,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe.each(DIALECTS)('a portfolio health check in the advice chat on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    for (const offer of [cashWealthOffer, equityFundOffer]) await gw.publish(offer);
  });
  afterAll(async () => gw?.close());

  const ask = async (userId: string, text: string, locale: 'zh-CN' | 'en') => {
    const token = await gw.session(gw.partnerA, {
      userId,
      scenario: 'consumption',
      signals: { 'investor.risk_level': 'C2' },
    });
    const response = await gw.api('POST', '/v1/chat/messages', {
      auth: token,
      headers: { origin: ORIGIN_A },
      body: { text, locale },
    });
    expect(response.status, response.text).toBe(200);
    return { token, parts: parseChatParts(response.text) };
  };

  it('answers “帮我看看我的基金” with the report of the partner’s holdings as one structured part, stored with the message', async () => {
    const sent = await gw.api('POST', '/v1/signals', {
      auth: gw.partnerA.secretKey,
      body: {
        signals: [
          {
            id: 'pf-chat-1',
            type: 'portfolio.holdings',
            subject: 'investor-chat',
            occurredAt: gw.clock.now.toISOString(),
            data: { holdings: concentratedHoldings },
          },
        ],
      },
    });
    expect(sent.status, sent.text).toBe(200);
    const { token, parts } = await ask('investor-chat', '帮我看看我的基金', 'zh-CN');
    const part = parts.find((p) => p.type === 'health_check');
    expect(part?.type === 'health_check' && part.report.investorLevel).toBe('C2');
    if (part?.type !== 'health_check') throw new Error('no health_check part');
    const risk = part.report.findings.find((f) => f.kind === 'risk_above_level');
    expect(risk?.explanation.text['zh-CN']).toContain('风险等级为 R4，高于您的风险承受能力等级 C2');
    expect(risk?.citations).toContainEqual({
      kind: 'holding',
      holdingId: 'tech-growth',
      source: { kind: 'signal', signalId: 'pf-chat-1', occurredAt: gw.clock.now.toISOString() },
    });
    expect(part.report.suggestions.flatMap((s) => s.offers.map((o) => o.offerId))).not.toContain(
      equityFundOffer.id,
    );
    const done = parts.find((p) => p.type === 'done');
    expect(done?.type === 'done' && done.intent).toBe('portfolio_check');
    // The conversation read back carries the same part.
    const conversationId = done?.type === 'done' ? done.conversationId : '';
    const stored = await gw.api('GET', `/v1/chat/conversations/${conversationId}`, {
      auth: token,
      headers: { origin: ORIGIN_A },
    });
    expect(stored.status, stored.text).toBe(200);
    const last = Conversation.parse(stored.body).messages.at(-1);
    expect(last?.parts.find((p) => p.type === 'health_check')).toEqual(part);
  });

  it('says it has no holdings yet, in words, when the partner sent none (“check my funds”)', async () => {
    const { parts } = await ask('investor-none', 'Can you check my funds?', 'en');
    expect(parts.some((p) => p.type === 'health_check')).toBe(false);
    const text = parts.flatMap((p) => (p.type === 'text' ? [p.delta] : [])).join(' ');
    expect(text).toContain('I do not have your holdings yet');
    const done = parts.find((p) => p.type === 'done');
    expect(done?.type === 'done' && done.intent).toBe('portfolio_check');
  });
});
