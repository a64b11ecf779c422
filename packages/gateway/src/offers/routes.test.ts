import { type Offer, OfferContent, OfferMatchRequest } from '@finlet/contracts';
import { matchOffers } from '@finlet/engine';
import { consumerOffer, inventoryOffer, receivablesOffer } from '@finlet/testing';
import { describe, expect, it } from 'vitest';
import { serializeMatchResult } from './routes.js';

const asOffer = (content: unknown, version: number): Offer => ({
  ...OfferContent.parse(content),
  version,
  status: 'published',
  createdBy: 'adm_a',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  submittedBy: 'adm_a',
  approvedBy: 'adm_b',
  publishedAt: '2026-01-01T00:00:00.000Z',
  retiredAt: null,
});

describe('serializeMatchResult', () => {
  it('writes exactly what JSON.stringify would', () => {
    const offers = [asOffer(inventoryOffer, 3), asOffer(receivablesOffer, 1), asOffer(consumerOffer, 2)];
    const result = matchOffers({
      offers,
      signals: { 'business.age_months': 20, 'inventory.turnover_days': 50 },
      scenario: 'supply-chain',
      partnerId: 'ptn_x',
      request: OfferMatchRequest.parse({
        includeIneligible: true,
        amount: { value: 10_000_000, currency: 'CNY' },
      }),
      now: new Date('2026-11-28T00:00:00Z'),
    });
    expect(result.matches.length).toBe(2);
    const byKey = new Map(result.matches.map((m) => [`${m.offer.id}@${m.offer.version}`, m.offer]));
    const text = serializeMatchResult(result, (id, version) => JSON.stringify(byKey.get(`${id}@${version}`)));
    expect(text).toBe(JSON.stringify(result));
    const empty = { ...result, matches: [] };
    expect(serializeMatchResult(empty, () => 'unused')).toBe(JSON.stringify(empty));
  });
});
