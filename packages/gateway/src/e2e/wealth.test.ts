import { OfferMatchResult, type Problem } from '@finlet/contracts';
import {
  cashWealthOffer,
  consumerOffer,
  DIALECTS,
  debitCardOffer,
  equityFundOffer,
  ORIGIN_A,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe.each(DIALECTS)('wealth products and products without an amount range on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    for (const offer of [debitCardOffer, cashWealthOffer, equityFundOffer, consumerOffer])
      await gw.publish(offer);
  });
  afterAll(async () => gw?.close());

  const match = async (signals: Record<string, unknown>, body: Record<string, unknown> = {}) => {
    const token = await gw.session(gw.partnerA, { userId: 'investor-1', scenario: 'consumption', signals });
    const response = await gw.api('POST', '/v1/offers/match', {
      auth: token,
      headers: { origin: ORIGIN_A },
      body: { includeIneligible: true, ...body },
    });
    expect(response.status, response.text).toBe(200);
    const result = OfferMatchResult.parse(response.body);
    return Object.fromEntries(
      result.matches.map((m) => [
        m.offer.id,
        m.eligible ? 'ok' : (m.checks.find((c) => !c.met)?.code ?? 'unmet'),
      ]),
    );
  };

  it('publishes a debit card without an amount range and matches it whatever amount is wished', async () => {
    const token = await gw.session(gw.partnerA, { userId: 'u-card', scenario: 'consumption', signals: {} });
    const response = await gw.api('POST', '/v1/offers/match', {
      auth: token,
      headers: { origin: ORIGIN_A },
      body: { amount: { value: 1_000_000_00, currency: 'CNY' } },
    });
    expect(response.status, response.text).toBe(200);
    const card = OfferMatchResult.parse(response.body).matches.find((m) => m.offer.id === debitCardOffer.id);
    expect(card).toMatchObject({ eligible: true, rank: 1 });
    expect(card?.offer).not.toHaveProperty('amount');
  });

  it('passes the investor level from the trusted session signal into the match', async () => {
    expect(await match({ 'investor.risk_level': 'C2', 'user.age': 30 })).toMatchObject({
      'elder-debit-card': 'ok',
      'cash-plus': 'ok',
      'equity-growth-fund': 'above_risk_level',
      'shop-installment': 'ok',
    });
    expect(await match({ 'investor.risk_level': 'C5' })).toMatchObject({ 'equity-growth-fund': 'ok' });
    // No level, or one that is not C1–C5: rated products wait for the assessment.
    for (const signals of [{}, { 'investor.risk_level': 'high' }]) {
      expect(await match(signals)).toMatchObject({
        'cash-plus': 'needs_risk_assessment',
        'equity-growth-fund': 'needs_risk_assessment',
        'elder-debit-card': 'ok',
      });
    }
  });

  it('refuses an application above the investor level with a stable problem code', async () => {
    const token = await gw.session(gw.partnerA, {
      userId: 'investor-2',
      scenario: 'consumption',
      signals: { 'investor.risk_level': 'C2' },
    });
    const consent = await gw.consent(token, ['application.submit']);
    const apply = (offerId: string, key: string) =>
      gw.api('POST', '/v1/applications', {
        auth: token,
        headers: { origin: ORIGIN_A, 'idempotency-key': key },
        body: {
          offerId,
          amount: { value: 10_000_00, currency: 'CNY' },
          applicant: { name: '王芳' },
          consentIds: [consent.id],
        },
      });
    const refused = await apply(equityFundOffer.id, 'fund-1');
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((refused.body as Problem).code).toBe('above_risk_level');
    expect((await apply(cashWealthOffer.id, 'cash-1')).status).toBe(201);
  });

  it('refuses offers that break the product rules with problem+json and a stable code per field', async () => {
    const { amount: _amount, ...noRange } = consumerOffer;
    const { riskLevel: _risk, ...unrated } = equityFundOffer;
    const cases = [
      [{ ...noRange, id: 'loan-without-range' }, 'amount', 'amount_range_required'],
      [
        { ...debitCardOffer, id: 'card-with-range', amount: consumerOffer.amount },
        'amount',
        'amount_range_not_applicable',
      ],
      [{ ...unrated, id: 'fund-unrated' }, 'riskLevel', 'risk_level_required'],
      [
        {
          ...cashWealthOffer,
          id: 'cash-no-warning',
          pastPerformance: {
            ...cashWealthOffer.pastPerformance!,
            notice: { 'zh-CN': '近一年收益 2.15%。', en: 'Returned 2.15% last year.' },
          },
        },
        'pastPerformance.notice.en',
        'past_performance_warning_missing',
      ],
    ] as const;
    for (const [content, path, code] of cases) {
      const response = await gw.api('POST', '/v1/admin/offers', {
        auth: gw.admins.author.apiKey,
        body: content,
      });
      expect(response.status, content.id).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = response.body as Problem;
      expect(problem.code).toBe('invalid_request');
      expect(problem.errors, content.id).toContainEqual(expect.objectContaining({ path, code }));
    }
  });
});
