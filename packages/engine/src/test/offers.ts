import type { EligibilityCriterion, LocalizedText, Money, Offer } from '@finlet/contracts';

export const label: LocalizedText = { 'zh-CN': '条件', en: 'Criterion' };

export const cny = (value: number): Money => ({ value, currency: 'CNY' });

export function criterion(
  fields: Pick<EligibilityCriterion, 'signal' | 'op'> & Partial<EligibilityCriterion>,
): EligibilityCriterion {
  return { id: fields.id ?? fields.signal.replaceAll(/[._]/g, '-'), label, ...fields };
}

/** A valid published offer; tests override what they exercise. */
export function makeOffer(overrides: Partial<Offer> = {}): Offer {
  return {
    id: 'scf-inventory-loan',
    version: 1,
    status: 'published',
    productType: 'inventory_financing',
    scenarios: ['supply-chain'],
    currency: 'CNY',
    amount: { min: cny(5_000_000), max: cny(300_000_000) },
    termMonths: { min: 3, max: 12 },
    pricing: { apr: { min: 365, max: 720 }, fees: [] },
    texts: {
      'zh-CN': { name: '存货融资', tagline: '以库存为依托的流动资金', highlights: [] },
      en: { name: 'Inventory financing', tagline: 'Working capital backed by your stock', highlights: [] },
    },
    disclosures: [],
    eligibility: [criterion({ id: 'trading-history', signal: 'business.age_months', op: 'gte', value: 6 })],
    effective: { from: '2026-01-01T00:00:00Z' },
    priority: 50,
    createdBy: 'adm_author',
    createdAt: '2025-12-01T00:00:00Z',
    updatedAt: '2025-12-02T00:00:00Z',
    submittedBy: 'adm_author',
    approvedBy: 'adm_approver',
    publishedAt: '2025-12-03T00:00:00Z',
    retiredAt: null,
    ...overrides,
  };
}

export const NOW = new Date('2026-03-01T08:00:00Z');
