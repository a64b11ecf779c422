import { type OfferContentInput, OfferMatchResult, Problem } from '@finlet/contracts';
import { consumerOffer, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Seven consumption offers every adult is eligible for, best (highest priority) first by id. */
const offers: OfferContentInput[] = Array.from({ length: 7 }, (_, i) => ({
  ...structuredClone(consumerOffer),
  id: `shop-plan-${i + 1}`,
  priority: 90 - i * 10,
}));

describe('POST /v1/offers/match: `limit` over real HTTP', () => {
  let gw: TestGateway;
  let token: string;
  const match = (body: Record<string, unknown>) =>
    gw.api('POST', '/v1/offers/match', {
      auth: token,
      body: { amount: { value: 800_000, currency: 'CNY' }, termMonths: 12, ...body },
    });

  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
    for (const offer of offers) await gw.publish(offer);
    token = await gw.session(gw.partnerA, {
      userId: 'shopper-1',
      scenario: 'consumption',
      signals: { 'user.age': 35 },
    });
  });
  afterAll(async () => gw?.close());

  it('answers with what a widget shows by default (5, best first) and with more only when asked', async () => {
    const byDefault = await match({});
    expect(byDefault.status).toBe(200);
    const shown = OfferMatchResult.parse(byDefault.body);
    expect(shown.considered).toBe(7);
    expect(shown.matches.map((m) => [m.offer.id, m.rank])).toEqual(
      offers.slice(0, 5).map((o, i) => [o.id, i + 1]),
    );

    const all = await match({ limit: 10 });
    expect(OfferMatchResult.parse(all.body).matches).toHaveLength(7);
    // Five of seven explained offers: the answer shrinks with them.
    expect(byteLength(byDefault.text)).toBeLessThan(byteLength(all.text) * (6 / 7));

    const two = OfferMatchResult.parse((await match({ limit: 2 })).body);
    expect(two.matches.map((m) => m.offer.id)).toEqual(['shop-plan-1', 'shop-plan-2']);
  });

  it('refuses a limit outside 1–50 or not a whole number with problem+json', async () => {
    for (const limit of [0, 51, 2.5, '3', null]) {
      const refused = await match({ limit });
      expect(refused.status, String(limit)).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Problem.parse(refused.body).code).toBe('invalid_request');
    }
  });
});

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
