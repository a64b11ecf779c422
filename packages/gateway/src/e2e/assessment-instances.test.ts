import { OfferMatchResult } from '@finlet/contracts';
import {
  cashWealthOffer,
  ORIGIN_A,
  publishTable,
  riskQuestionnaire,
  startTestGateway,
  type TestGateway,
  takeAssessment,
  userSession,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../server.js';

/**
 * Each instance keeps users' latest assessments for a while (the live cache lifetime is 30 s);
 * recording one must reach the other instance's copy at once, or the user who just took the
 * questionnaire is asked to take it again there.
 */
describe('a new risk assessment holds on every instance (two gateways on one PostgreSQL schema)', () => {
  let gw: TestGateway;
  let other: RunningGateway;
  beforeAll(async () => {
    gw = await startTestGateway('postgres', { gateway: { scheduler: false, webhooks: { worker: false } } });
    await gw.publish(cashWealthOffer);
    await publishTable(gw, 'risk-questionnaires', riskQuestionnaire);
    other = await gw.startInstance();
  });
  afterAll(async () => {
    await other?.close();
    await gw?.close();
  });

  const verdictOnOther = async (token: string) => {
    const response = await fetch(`${other.url}/v1/offers/match`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin: ORIGIN_A, 'content-type': 'application/json' },
      body: JSON.stringify({ includeIneligible: true }),
    });
    expect(response.status).toBe(200);
    const match = OfferMatchResult.parse(await response.json()).matches.find(
      (m) => m.offer.id === cashWealthOffer.id,
    );
    return match?.eligible ? 'ok' : (match?.checks.find((c) => !c.met)?.code ?? 'unmet');
  };

  it('the other instance sees the level as soon as the assessment is recorded, not after its cache expires', async () => {
    const token = await userSession(gw, 'u-two-instances');
    // The other instance reads (and keeps) that this user has no assessment.
    const before = await verdictOnOther(token);
    expect(before).not.toBe('ok');
    expect(await verdictOnOther(token)).toBe(before);
    expect((await takeAssessment(gw, token)).status).toBe(201);
    // Well under the 30 s the copy would otherwise live.
    await expect.poll(() => verdictOnOther(token), { timeout: 10_000, interval: 250 }).toBe('ok');
  });
});
