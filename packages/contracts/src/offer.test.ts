import { describe, expect, it } from 'vitest';
import { OfferContent, type OfferContentInput } from './offer.js';

const base: OfferContentInput = {
  id: 'scf-inventory-loan',
  productType: 'inventory_financing',
  scenarios: ['supply-chain'],
  currency: 'CNY',
  amount: { min: { value: 5000000, currency: 'CNY' }, max: { value: 300000000, currency: 'CNY' } },
  termMonths: { min: 3, max: 12 },
  pricing: { apr: { min: 365, max: 720 } },
  texts: {
    'zh-CN': { name: '存货融资', tagline: '以库存为依托的流动资金' },
    en: { name: 'Inventory financing', tagline: 'Working capital backed by your stock' },
  },
  eligibility: [
    {
      id: 'trading-history',
      signal: 'business.age_months',
      op: 'gte',
      value: 6,
      label: { 'zh-CN': '经营满 6 个月', en: 'Trading for 6 months or more' },
    },
  ],
  effective: { from: '2026-01-01T00:00:00Z' },
};

const issuesOf = (input: unknown) =>
  OfferContent.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('OfferContent', () => {
  it('accepts a complete offer and fills defaults', () => {
    const parsed = OfferContent.parse(base);
    expect(parsed.priority).toBe(50);
    expect(parsed.pricing.fees).toEqual([]);
  });

  it('points at the path of each mistake', () => {
    expect(issuesOf({ ...base, amount: { ...base.amount, max: { value: 1, currency: 'USD' } } })).toEqual(
      expect.arrayContaining([
        'amount.max.currency: must be the offer currency CNY',
        'amount.min: `min` must not exceed `max`',
      ]),
    );
    expect(
      issuesOf({ ...base, eligibility: [{ ...base.eligibility?.[0], op: 'in', value: 6 }] }).join('\n'),
    ).toMatch(/eligibility\.0\.value: `in` needs a list/);
    expect(issuesOf({ ...base, unknownField: true }).join('\n')).toMatch(/unknownField/);
    expect(
      issuesOf({ ...base, effective: { from: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' } }),
    ).toEqual(['effective.until: `until` must be after `from`']);
  });
});
