import {
  AMOUNT_RANGE_RULE,
  type CurrencyCode,
  type EligibilityCriterion,
  type Fee,
  FeeKind,
  INVESTMENT_PRODUCT_TYPES,
  InvestorRiskLevel,
  type Money,
  type Offer,
  ProductRiskLevel,
  ProductType,
  SCENARIOS,
  type Scenario,
  type Signals,
} from '@finlet/contracts';
import fc from 'fast-check';
import { label } from './offers.js';

/** Few signal keys, so generated criteria and signals often meet. */
export const SIGNAL_KEYS = [
  'business.age_months',
  'business.region',
  'user.verified',
  'business.revenue',
] as const;
const CURRENCIES: CurrencyCode[] = ['CNY', 'USD', 'JPY'];
const PARTNERS = ['ptn_a', 'ptn_b', 'ptn_c'];

const scalar = fc.oneof(
  fc.integer({ min: -5, max: 50 }),
  fc.constantFrom('sh', 'js', 'bj', '12'),
  fc.boolean(),
);

export const arbSignals: fc.Arbitrary<Signals> = fc.dictionary(fc.constantFrom(...SIGNAL_KEYS), scalar);

const arbCriterionFields = fc.oneof(
  fc.record({ op: fc.constantFrom('eq' as const, 'neq' as const), value: scalar }),
  fc.record({
    op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const),
    value: fc.integer({ min: -5, max: 50 }),
  }),
  fc.record({
    op: fc.constantFrom('in' as const, 'not_in' as const),
    value: fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom('sh', 'js', 'bj')), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  fc.constant({ op: 'exists' as const }),
);

const arbCriteria: fc.Arbitrary<EligibilityCriterion[]> = fc
  .array(fc.tuple(fc.constantFrom(...SIGNAL_KEYS), arbCriterionFields), { maxLength: 3 })
  .map((rules) => rules.map(([signal, fields], i) => ({ id: `rule-${i}`, signal, label, ...fields })));

/** Mostly undefined: each optional filter narrows the match, and most generated cases should still match. */
const rarely = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });

const money = (value: number, currency: CurrencyCode): Money => ({ value, currency });

const arbFee = (currency: CurrencyCode): fc.Arbitrary<Fee> =>
  fc
    .record({
      kind: fc.constantFrom(...FeeKind.options),
      fixed: fc.option(fc.nat({ max: 1_000_000 }), { nil: undefined }),
      rateBps: fc.option(fc.nat({ max: 2_000 }), { nil: undefined }),
    })
    .map(({ kind, fixed, rateBps }) => ({
      id: 'fee',
      kind,
      label,
      ...(fixed !== undefined || rateBps === undefined ? { fixed: money(fixed ?? 0, currency) } : {}),
      ...(rateBps !== undefined ? { rateBps } : {}),
    }));

const iso = (ms: number) => new Date(ms).toISOString();
const JAN_2026 = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;

/** Valid offer versions, as the gateway would store them (parseable by the contracts' `Offer`). */
export const arbOffer: fc.Arbitrary<Offer> = fc
  .record({
    id: fc.constantFrom('alpha-loan', 'beta-card', 'gamma-account', 'delta-trade', 'epsilon-loan'),
    version: fc.integer({ min: 1, max: 3 }),
    productType: fc.constantFrom(...ProductType.options),
    scenarios: fc.oneof(
      fc.constant<Scenario[]>([...SCENARIOS]),
      fc.uniqueArray(fc.constantFrom<Scenario>(...SCENARIOS), { minLength: 1, maxLength: 4 }),
    ),
    currency: fc.constantFrom(...CURRENCIES),
    bounds: fc.tuple(fc.nat({ max: 1e12 }), fc.nat({ max: 1e12 })),
    // Only read where the type's amount range is optional.
    withRange: fc.boolean(),
    riskLevel: fc.constantFrom(...ProductRiskLevel.options),
    rated: fc.boolean(),
    term: fc.option(
      fc.tuple(fc.integer({ min: 1, max: 360 }), fc.integer({ min: 1, max: 360 })).map(([a, b]) => ({
        min: Math.min(a, b),
        max: Math.max(a, b),
      })),
      { nil: undefined },
    ),
    apr: fc.option(
      fc
        .tuple(fc.nat({ max: 5_000 }), fc.nat({ max: 5_000 }))
        .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
      { nil: undefined },
    ),
    feeCount: fc.nat({ max: 3 }),
    eligibility: arbCriteria,
    fromDay: fc.integer({ min: -60, max: 10 }),
    lengthDays: rarely(fc.integer({ min: 1, max: 120 })),
    priority: fc.integer({ min: 0, max: 100 }),
    partners: rarely(fc.subarray(PARTNERS)),
  })
  .chain((o) =>
    fc.array(arbFee(o.currency), { minLength: o.feeCount, maxLength: o.feeCount }).map((fees): Offer => {
      const [lo, hi] = o.bounds[0] <= o.bounds[1] ? o.bounds : [o.bounds[1], o.bounds[0]];
      const from = JAN_2026 + o.fromDay * DAY;
      const rule = AMOUNT_RANGE_RULE[o.productType];
      const ranged = rule === 'required' || (rule === 'optional' && o.withRange);
      const rated = o.rated || (INVESTMENT_PRODUCT_TYPES as readonly ProductType[]).includes(o.productType);
      return {
        id: o.id,
        version: o.version,
        status: 'published',
        productType: o.productType,
        scenarios: o.scenarios,
        currency: o.currency,
        ...(ranged ? { amount: { min: money(lo, o.currency), max: money(hi, o.currency) } } : {}),
        ...(rated ? { riskLevel: o.riskLevel } : {}),
        ...(o.term !== undefined ? { termMonths: o.term } : {}),
        pricing: {
          ...(o.apr !== undefined ? { apr: o.apr } : {}),
          fees: fees.map((f, i) => ({ ...f, id: `fee-${i}` })),
        },
        texts: {
          'zh-CN': { name: '贷款', tagline: '说明', highlights: [] },
          en: { name: 'Loan', tagline: 'Tagline', highlights: [] },
        },
        disclosures: [],
        eligibility: o.eligibility,
        effective: {
          from: iso(from),
          ...(o.lengthDays !== undefined ? { until: iso(from + o.lengthDays * DAY) } : {}),
        },
        priority: o.priority,
        ...(o.partners !== undefined ? { partners: o.partners } : {}),
        createdBy: 'adm_author',
        createdAt: '2025-12-01T00:00:00Z',
        updatedAt: '2025-12-01T00:00:00Z',
        submittedBy: 'adm_author',
        approvedBy: 'adm_approver',
        publishedAt: '2025-12-02T00:00:00Z',
        retiredAt: null,
      };
    }),
  );

/** Distinct offer versions: `(id, version)` identifies one, as in the gateway's store. */
export const arbOffers = fc.uniqueArray(arbOffer, {
  maxLength: 12,
  selector: (o) => `${o.id}@${o.version}`,
});

export const arbRequest = fc.record({
  amount: rarely(fc.record({ value: fc.nat({ max: 1e12 }), currency: fc.constantFrom(...CURRENCIES) })),
  termMonths: rarely(fc.integer({ min: 1, max: 360 })),
  productTypes: rarely(fc.subarray([...ProductType.options], { minLength: 1 })),
  includeIneligible: fc.boolean(),
  limit: fc.integer({ min: 1, max: 50 }),
});

/** An investor level, sometimes none (no assessment). */
export const arbInvestorLevel = fc.option(fc.constantFrom(...InvestorRiskLevel.options), { nil: undefined });

export const arbContext = fc.record({
  signals: arbSignals,
  scenario: fc.constantFrom<Scenario>(...SCENARIOS),
  partnerId: fc.constantFrom(...PARTNERS),
  now: fc.integer({ min: -10, max: 120 }).map((day) => new Date(JAN_2026 + day * DAY + 3_600_000)),
});
