import { describe, expect, it } from 'vitest';
import {
  AMOUNT_RANGE_RULE,
  Offer,
  OfferContent,
  type OfferContentInput,
  PAST_PERFORMANCE_WARNING,
  ProductType,
  PublicOffer,
} from './offer.js';

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

/** A wealth-management product: no amount range, a risk level, liquidity and past performance. */
const { amount: _amount, termMonths: _term, ...noRange } = base;
const wealth: OfferContentInput = {
  ...noRange,
  id: 'cash-plus',
  productType: 'wealth_management',
  scenarios: ['consumption'],
  pricing: {
    fees: [
      { id: 'mgmt', kind: 'management', rateBps: 30, label: { 'zh-CN': '管理费', en: 'Management fee' } },
    ],
  },
  eligibility: [],
  riskLevel: 'R2',
  minHoldingDays: 30,
  liquidity: 'periodic',
  pastPerformance: {
    periods: [{ label: { 'zh-CN': '近一年', en: 'Last 12 months' }, returnBps: 285 }],
    notice: {
      'zh-CN': '过往业绩不代表未来表现，理财非存款。',
      en: 'Past performance does not guarantee future returns.',
    },
  },
};
const codesOf = (input: unknown) =>
  OfferContent.safeParse(input).error?.issues.map((i) => {
    const code = i.code === 'custom' ? (i.params as { code?: string } | undefined)?.code : undefined;
    return `${i.path.join('.')}: ${code ?? i.code}`;
  }) ?? [];

describe('OfferContent product breadth', () => {
  it('accepts a wealth product without an amount range, and existing offers unchanged', () => {
    expect(OfferContent.parse(wealth)).toMatchObject({
      riskLevel: 'R2',
      liquidity: 'periodic',
      minHoldingDays: 30,
    });
    expect(OfferContent.parse(wealth).amount).toBeUndefined();
    expect(OfferContent.parse(base).amount).toEqual(base.amount);
  });

  it('requires an amount range for credit, refuses one for accounts and debit cards, takes either for deposits', () => {
    for (const productType of ProductType.options) {
      const rule = AMOUNT_RANGE_RULE[productType];
      const rated = { ...base, productType, riskLevel: 'R1' as const };
      const { amount: _a, ...without } = rated;
      expect(codesOf(without), productType).toEqual(
        rule === 'required' ? ['amount: amount_range_required'] : [],
      );
      expect(codesOf(rated), productType).toEqual(
        rule === 'absent' ? ['amount: amount_range_not_applicable'] : [],
      );
    }
    expect(AMOUNT_RANGE_RULE.debit_card).toBe('absent');
    expect(AMOUNT_RANGE_RULE.time_deposit).toBe('optional');
    expect(AMOUNT_RANGE_RULE.consumer_loan).toBe('required');
  });

  it('requires a risk level for wealth products and funds only', () => {
    const { riskLevel: _r, ...unrated } = wealth;
    expect(codesOf(unrated)).toEqual(['riskLevel: risk_level_required']);
    expect(codesOf({ ...unrated, productType: 'fund' })).toEqual(['riskLevel: risk_level_required']);
    expect(codesOf({ ...unrated, productType: 'time_deposit' })).toEqual([]);
    expect(codesOf({ ...wealth, riskLevel: 'R6' })).toEqual(['riskLevel: invalid_value']);
  });

  it('refuses past performance without the mandatory warning in both languages', () => {
    const notice = { 'zh-CN': '近一年收益优异。', en: 'Strong returns last year.' };
    const past = { ...wealth.pastPerformance!, notice };
    expect(codesOf({ ...wealth, pastPerformance: past })).toEqual([
      'pastPerformance.notice.zh-CN: past_performance_warning_missing',
      'pastPerformance.notice.en: past_performance_warning_missing',
    ]);
    const enOnly = { ...past, notice: { ...notice, en: `${PAST_PERFORMANCE_WARNING.en}.` } };
    expect(codesOf({ ...wealth, pastPerformance: enOnly })).toEqual([
      'pastPerformance.notice.zh-CN: past_performance_warning_missing',
    ]);
  });

  it('validates the holding period and liquidity', () => {
    expect(codesOf({ ...wealth, minHoldingDays: 0 })).toEqual(['minHoldingDays: too_small']);
    expect(codesOf({ ...wealth, liquidity: 'whenever' })).toEqual(['liquidity: invalid_value']);
  });

  it('keeps the new fields in the stored and public offer, and a stored offer without a range valid', () => {
    const stored = {
      ...OfferContent.parse(wealth),
      version: 1,
      status: 'published',
      createdBy: 'adm_a',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      submittedBy: null,
      approvedBy: null,
      publishedAt: null,
      retiredAt: null,
    };
    const offer = Offer.parse(stored);
    expect(PublicOffer.parse(offer)).toMatchObject({
      riskLevel: 'R2',
      liquidity: 'periodic',
      minHoldingDays: 30,
    });
    expect(PublicOffer.parse(offer).pastPerformance?.periods[0]?.returnBps).toBe(285);
  });
});
