import { Offer, PublicOffer } from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbOffer } from '../test/arbitraries.js';
import { makeOffer } from '../test/offers.js';
import { toPublicOffer } from './public-offer.js';

describe('toPublicOffer', () => {
  it('keeps exactly the PublicOffer fields and drops workflow fields', () => {
    const offer = makeOffer({
      riskLevel: 'R2',
      minHoldingDays: 30,
      liquidity: 'periodic',
      pastPerformance: {
        periods: [{ label: { 'zh-CN': '近一年', en: 'Last 12 months' }, returnBps: 312 }],
        notice: {
          'zh-CN': '过往业绩不代表未来表现。',
          en: 'Past performance does not guarantee future returns.',
        },
      },
    });
    const view = toPublicOffer(offer);
    expect(Object.keys(view).sort()).toEqual(Object.keys(PublicOffer.shape).sort());
    expect(view).not.toHaveProperty('createdBy');
    expect(view).not.toHaveProperty('eligibility');
    expect(view).not.toHaveProperty('priority');
    expect(view).not.toHaveProperty('partners');
  });

  it('leaves termMonths out, not undefined, when the offer has none', () => {
    const { termMonths: _ignored, ...account } = makeOffer({ productType: 'business_account' });
    expect('termMonths' in toPublicOffer(account)).toBe(false);
  });

  it('leaves the amount range and the wealth fields out, not undefined, when the product has none', () => {
    const { amount: _ignored, ...card } = makeOffer({ productType: 'debit_card' });
    const view = toPublicOffer(card);
    for (const key of ['amount', 'riskLevel', 'minHoldingDays', 'liquidity', 'pastPerformance']) {
      expect(key in view).toBe(false);
    }
    expect(PublicOffer.parse(view)).toEqual(view);
  });

  it('agrees with the contract schema for every valid offer', () => {
    fc.assert(
      fc.property(arbOffer, (offer) => {
        expect(Offer.parse(offer)).toEqual(offer);
        expect(toPublicOffer(offer)).toEqual(PublicOffer.parse(offer));
      }),
    );
  });

  it('copies every field PublicOffer declares and nothing else, read from the schema', () => {
    fc.assert(
      fc.property(arbOffer, (offer) => {
        const view = toPublicOffer(offer) as Record<string, unknown>;
        const declared = Object.keys(PublicOffer.shape).filter(
          (key) => (offer as Record<string, unknown>)[key] !== undefined,
        );
        expect(Object.keys(view).sort()).toEqual(declared.sort());
        for (const key of declared) expect(view[key]).toBe((offer as Record<string, unknown>)[key]);
      }),
    );
  });
});
