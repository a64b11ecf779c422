import {
  acknowledgementWording,
  type OfferContentInput,
  OfferMatchResult,
  type Problem,
  SuitabilityAcknowledgement,
} from '@finlet/contracts';
import { DIALECTS, equityFundOffer, ORIGIN_A, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const balancedFund: OfferContentInput = { ...equityFundOffer, id: 'balanced-fund', riskLevel: 'R3' };
const venturesFund: OfferContentInput = { ...equityFundOffer, id: 'ventures-fund', riskLevel: 'R5' };

describe.each(DIALECTS)('suitability overrides on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    for (const offer of [balancedFund, equityFundOffer, venturesFund]) await gw.publish(offer);
  });
  afterAll(async () => gw?.close());

  const sessionFor = (userId: string, level?: string) =>
    gw.session(gw.partnerA, {
      userId,
      scenario: 'consumption',
      signals: level ? { 'investor.risk_level': level } : {},
    });
  const acknowledge = (token: string, body: Record<string, unknown>, key: string) =>
    gw.api('POST', '/v1/suitability/acknowledgements', {
      auth: token,
      headers: { origin: ORIGIN_A, 'idempotency-key': key },
      body,
    });
  const apply = async (token: string, offerId: string, key: string) => {
    const consent = await gw.consent(token, ['application.submit']);
    return gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { origin: ORIGIN_A, 'idempotency-key': key },
      body: {
        offerId,
        amount: { value: 10_000_00, currency: 'CNY' },
        applicant: { name: '王芳' },
        consentIds: [consent.id],
      },
    });
  };
  const matchOf = async (token: string, offerId: string) => {
    const response = await gw.api('POST', '/v1/offers/match', {
      auth: token,
      headers: { origin: ORIGIN_A },
      body: { includeIneligible: true },
    });
    expect(response.status, response.text).toBe(200);
    return OfferMatchResult.parse(response.body).matches.find((m) => m.offer.id === offerId)!;
  };
  const wording = acknowledgementWording('zh-CN', 'C2', 'R3');

  it('records an acknowledgement one level above, after which the match and the application accept the product', async () => {
    const token = await sessionFor('ack-user', 'C2');
    const before = await matchOf(token, balancedFund.id);
    expect(before.eligible).toBe(false);
    expect(before.checks.find((c) => c.check === 'risk_level')).toMatchObject({
      code: 'above_risk_level',
      overridable: true,
    });
    const refused = await apply(token, balancedFund.id, 'app-before');
    expect(refused.status).toBe(422);
    expect((refused.body as Problem).code).toBe('above_risk_level');

    const body = { offerId: balancedFund.id, offerVersion: 1, wording, locale: 'zh-CN' };
    const recorded = await acknowledge(token, body, 'ack-1');
    expect(recorded.status, recorded.text).toBe(201);
    const ack = SuitabilityAcknowledgement.parse(recorded.body);
    expect(ack).toMatchObject({
      offerId: balancedFund.id,
      offerVersion: 1,
      investorLevel: 'C2',
      productLevel: 'R3',
      wording,
      locale: 'zh-CN',
      userId: 'ack-user',
    });
    expect(ack.acknowledgedAt).toBe(gw.clock.now.toISOString());
    // The same Idempotency-Key answers the same record, and stores no second one.
    const replay = await acknowledge(token, body, 'ack-1');
    expect(replay.status).toBe(201);
    expect((replay.body as { id: string }).id).toBe(ack.id);

    const after = await matchOf(token, balancedFund.id);
    expect(after.eligible).toBe(true);
    expect(after.checks.find((c) => c.check === 'risk_level')).toMatchObject({
      met: true,
      acknowledged: true,
    });
    const applied = await apply(token, balancedFund.id, 'app-after');
    expect(applied.status).toBe(201);
    // The bank's application file shows the acknowledgement, with the words the user saw.
    const reviewer = await gw.adminKey({ name: 'Reviewer', role: 'reviewer' });
    const file = await gw.api('GET', `/v1/admin/applications/${(applied.body as { id: string }).id}`, {
      auth: reviewer.apiKey,
    });
    expect(file.status, file.text).toBe(200);
    expect((file.body as { suitabilityAcknowledgements: unknown[] }).suitabilityAcknowledgements).toEqual([
      ack,
    ]);

    // Another user of the same partner has no acknowledgement of their own.
    const other = await sessionFor('other-user', 'C2');
    expect((await apply(other, balancedFund.id, 'app-other')).status).toBe(422);
  });

  it('refuses an acknowledgement the policy does not allow, with a stable code', async () => {
    const c2 = await sessionFor('policy-user', 'C2');
    const twoAbove = await acknowledge(
      c2,
      {
        offerId: equityFundOffer.id,
        offerVersion: 1,
        wording: acknowledgementWording('en', 'C2', 'R4'),
        locale: 'en',
      },
      'ack-r4',
    );
    expect(twoAbove.status).toBe(422);
    expect(twoAbove.headers.get('content-type')).toContain('application/problem+json');
    expect((twoAbove.body as Problem).code).toBe('above_risk_level');
    expect((await apply(c2, equityFundOffer.id, 'app-r4')).status).toBe(422);

    const c4 = await sessionFor('r5-user', 'C4');
    const r5 = await acknowledge(
      c4,
      {
        offerId: venturesFund.id,
        offerVersion: 1,
        wording: acknowledgementWording('en', 'C4', 'R5'),
        locale: 'en',
      },
      'ack-r5',
    );
    expect((r5.body as Problem).code).toBe('above_risk_level');

    const c1 = await sessionFor('c1-user', 'C1');
    const conservative = await acknowledge(
      c1,
      {
        offerId: equityFundOffer.id,
        offerVersion: 1,
        wording: acknowledgementWording('en', 'C1', 'R4'),
        locale: 'en',
      },
      'ack-c1',
    );
    expect((conservative.body as Problem).code).toBe('above_risk_level');

    const none = await sessionFor('no-level-user');
    const unassessed = await acknowledge(
      none,
      { offerId: balancedFund.id, offerVersion: 1, wording, locale: 'zh-CN' },
      'ack-none',
    );
    expect(unassessed.status).toBe(422);
    expect((unassessed.body as Problem).code).toBe('needs_risk_assessment');
  });

  it('refuses wording that is not what is shown, a stale version and a product within the level', async () => {
    const token = await sessionFor('bad-input-user', 'C2');
    const wrongWords = await acknowledge(
      token,
      { offerId: balancedFund.id, offerVersion: 1, wording: 'ok', locale: 'zh-CN' },
      'bad-1',
    );
    expect(wrongWords.status).toBe(400);
    expect((wrongWords.body as Problem).errors?.[0]?.path).toBe('wording');
    const stale = await acknowledge(
      token,
      { offerId: balancedFund.id, offerVersion: 7, wording, locale: 'zh-CN' },
      'bad-2',
    );
    expect((stale.body as Problem).code).toBe('offer_not_available');
    const c5 = await sessionFor('c5-user', 'C5');
    const within = await acknowledge(
      c5,
      { offerId: balancedFund.id, offerVersion: 1, wording, locale: 'zh-CN' },
      'bad-3',
    );
    expect(within.status).toBe(400);
    expect((within.body as Problem).code).toBe('invalid_request');
    const missingKey = await gw.api('POST', '/v1/suitability/acknowledgements', {
      auth: token,
      headers: { origin: ORIGIN_A },
      body: { offerId: balancedFund.id, offerVersion: 1, wording, locale: 'zh-CN' },
    });
    expect(missingKey.status).toBe(400);
  });
});

describe.each(DIALECTS)('a bank that turns overrides off, on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(dialect, {
      gateway: {
        suitabilityOverride: { allowed: false, maxLevelsAbove: 1, neverForInvestor: [], neverForProduct: [] },
      },
    });
    await gw.publish(balancedFund);
  });
  afterAll(async () => gw?.close());

  it('refuses every acknowledgement and never marks a product overridable', async () => {
    const token = await gw.session(gw.partnerA, {
      userId: 'strict-user',
      scenario: 'consumption',
      signals: { 'investor.risk_level': 'C2' },
    });
    const response = await gw.api('POST', '/v1/suitability/acknowledgements', {
      auth: token,
      headers: { origin: ORIGIN_A, 'idempotency-key': 'strict-1' },
      body: {
        offerId: balancedFund.id,
        offerVersion: 1,
        wording: acknowledgementWording('zh-CN', 'C2', 'R3'),
        locale: 'zh-CN',
      },
    });
    expect((response.body as Problem).code).toBe('above_risk_level');
    const match = await gw.api('POST', '/v1/offers/match', {
      auth: token,
      headers: { origin: ORIGIN_A },
      body: { includeIneligible: true },
    });
    const fund = OfferMatchResult.parse(match.body).matches.find((m) => m.offer.id === balancedFund.id)!;
    expect(fund.checks.find((c) => c.check === 'risk_level')).toMatchObject({ overridable: false });
  });
});
