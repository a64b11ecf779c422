import { suitabilityPromptMessage } from '@finlet/contracts';
import {
  cashWealthOffer,
  consumerOffer,
  DIALECTS,
  equityFundOffer,
  matchOffers,
  publishTable,
  riskQuestionnaire,
  startTestGateway,
  type TestGateway,
  takeAssessment,
  userSession,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DAY_MS = 86_400_000;

describe.each(DIALECTS)('offers ask a user without a valid risk assessment to take it on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    for (const offer of [cashWealthOffer, equityFundOffer, consumerOffer]) await gw.publish(offer);
    await publishTable(gw, 'risk-questionnaires', riskQuestionnaire);
  });
  afterAll(async () => gw?.close());

  const session = (userId: string) => userSession(gw, userId);
  const match = (token: string, body: Record<string, unknown> = {}) => matchOffers(gw, token, body);

  it('says so in the answer, naming the withheld products, until the user takes it', async () => {
    const token = await session('never-assessed');
    const before = await match(token);
    expect(before.suitability).toEqual({
      required: true,
      reason: 'no_assessment',
      offerIds: expect.arrayContaining([cashWealthOffer.id, equityFundOffer.id]),
      message: suitabilityPromptMessage('no_assessment'),
    });
    expect(before.suitability?.offerIds).not.toContain(consumerOffer.id);
    expect(before.matches.map((m) => m.offer.id)).not.toContain(cashWealthOffer.id);

    const taken = await takeAssessment(gw, token);
    expect(taken.status, taken.text).toBe(201);
    const after = await match(await session('never-assessed'));
    expect(after.suitability).toBeUndefined();
    expect(after.matches.map((m) => m.offer.id)).toContain(cashWealthOffer.id);
  });

  it('asks again, in other words, once the assessment has expired', async () => {
    const taken = await takeAssessment(gw, await session('lapsed'));
    expect(taken.status, taken.text).toBe(201);
    const start = gw.clock.now;
    gw.clock.now = new Date(start.getTime() + 366 * DAY_MS);
    try {
      const result = await match(await session('lapsed'));
      expect(result.suitability).toMatchObject({
        required: true,
        reason: 'assessment_expired',
        message: suitabilityPromptMessage('assessment_expired'),
      });
    } finally {
      gw.clock.now = start;
    }
  });

  it('says nothing when only unrated products are asked for', async () => {
    const result = await match(await session('loans-only'), { productTypes: ['installment'] });
    expect(result.suitability).toBeUndefined();
  });
});
