import { z } from 'zod';
import { BasisPoints, LocalizedText, Scenario, SignalKey, SignalValue, Slug, Timestamp } from './common.js';
import { CurrencyCode, Money } from './money.js';
import { OfferTrigger } from './nudges.js';
import { ProductType } from './product-type.js';
import { ProductRiskLevel } from './suitability.js';
import { ScheduledVersionFields, VersionAction, VersionStatus } from './versioned.js';

export { ProductType };

/**
 * Whether a product type has an amount range:
 * - `required`: credit (loans, instalments, credit cards, financing): the range is the credit limit.
 * - `optional`: investments and deposits (a subscription or deposit range, when the bank sets one),
 *   and the business account and travel card (whose offers have always carried one).
 * - `absent`: a personal account or a debit card has no amount: a range there is refused.
 */
export const AMOUNT_RANGE_RULE = {
  installment: 'required',
  consumer_loan: 'required',
  credit_card: 'required',
  business_loan: 'required',
  startup_loan: 'required',
  inventory_financing: 'required',
  receivables_financing: 'required',
  trade_finance: 'required',
  business_account: 'optional',
  travel_card: 'optional',
  wealth_management: 'optional',
  fund: 'optional',
  time_deposit: 'optional',
  personal_account: 'absent',
  debit_card: 'absent',
} as const satisfies Record<ProductType, 'required' | 'optional' | 'absent'>;

/** Investment products: they need a `riskLevel` and are matched against the investor's level. */
export const INVESTMENT_PRODUCT_TYPES = [
  'wealth_management',
  'fund',
] as const satisfies readonly ProductType[];

/**
 * How a holder gets money back: `daily` (redeemable any business day), `periodic` (on the product's
 * open days), `at_maturity` (only at the end of the term), `closed_period` (not before the closed
 * period ends; then as the product's documents say).
 */
export const Liquidity = z
  .enum(['daily', 'periodic', 'at_maturity', 'closed_period'])
  .meta({ id: 'Liquidity' });
export type Liquidity = z.infer<typeof Liquidity>;

/**
 * The mandatory warning a past-performance disclosure carries, in each language. A disclosure's own
 * `notice` must contain it; widgets show it from their own messages as well, never only the bank's text.
 */
export const PAST_PERFORMANCE_WARNING = {
  'zh-CN': '过往业绩不代表未来表现',
  en: 'Past performance does not guarantee future returns',
} as const;

/** Past returns of an investment product, shown only with the mandatory warning. */
export const PastPerformance = z
  .strictObject({
    periods: z
      .array(
        z.strictObject({
          /** The period, e.g. “近一年” / “Last 12 months”. */
          label: LocalizedText,
          /** Return over the period in basis points (512 = 5.12 %). */
          returnBps: z.int().min(-100_000).max(100_000),
        }),
      )
      .min(1)
      .max(10),
    /** Must contain PAST_PERFORMANCE_WARNING in each language. */
    notice: LocalizedText,
  })
  .superRefine((p, ctx) => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const wording = PAST_PERFORMANCE_WARNING[locale];
      if (!p.notice[locale].toLowerCase().includes(wording.toLowerCase())) {
        ctx.addIssue({
          code: 'custom',
          path: ['notice', locale],
          message: `must contain “${wording}”`,
          params: { code: 'past_performance_warning_missing' },
        });
      }
    }
  })
  .meta({ id: 'PastPerformance' });
export type PastPerformance = z.infer<typeof PastPerformance>;

/** Lifecycle of one offer version: draft → in_review → approved → published → retired (rejected goes back to draft). */
export const OfferStatus = VersionStatus;
export type OfferStatus = VersionStatus;

export const CriterionOperator = z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'exists']);
export type CriterionOperator = z.infer<typeof CriterionOperator>;

/** One eligibility rule over a trusted signal, e.g. `business.age_months gte 6`. */
export const EligibilityCriterion = z
  .strictObject({
    id: Slug,
    signal: SignalKey,
    op: CriterionOperator,
    value: z
      .union([
        SignalValue,
        z
          .array(z.union([z.string(), z.number()]))
          .min(1)
          .max(100),
      ])
      .optional(),
    label: LocalizedText.meta({ description: 'What the criterion means, in words a customer understands.' }),
  })
  .superRefine((c, ctx) => {
    const list = Array.isArray(c.value);
    if (c.op === 'exists') {
      if (c.value !== undefined)
        ctx.addIssue({ code: 'custom', path: ['value'], message: '`exists` takes no value' });
    } else if (c.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `\`${c.op}\` needs a value` });
    } else if ((c.op === 'in' || c.op === 'not_in') !== list) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: list
          ? `\`${c.op}\` compares with one value, not a list`
          : `\`${c.op}\` needs a list of values`,
      });
    } else if (['gt', 'gte', 'lt', 'lte'].includes(c.op) && typeof c.value !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `\`${c.op}\` needs a number` });
    }
  })
  .meta({ id: 'EligibilityCriterion' });
export type EligibilityCriterion = z.infer<typeof EligibilityCriterion>;

export const FeeKind = z.enum([
  'origination',
  'service',
  'annual',
  'early_repayment',
  'late_payment',
  'account',
  'transfer',
  'subscription',
  'redemption',
  'management',
  'custody',
]);
export const Fee = z
  .strictObject({
    id: Slug,
    kind: FeeKind,
    fixed: Money.optional(),
    rateBps: BasisPoints.optional().meta({ description: 'Fee as a share of the amount, in basis points.' }),
    label: LocalizedText,
  })
  .refine((f) => f.fixed !== undefined || f.rateBps !== undefined, {
    message: 'a fee needs `fixed`, `rateBps` or both',
  })
  .meta({ id: 'Fee' });
export type Fee = z.infer<typeof Fee>;

export const OfferText = z.strictObject({
  name: z.string().trim().min(1).max(80),
  tagline: z.string().trim().min(1).max(200),
  highlights: z.array(z.string().trim().min(1).max(120)).max(6).default([]),
});
export type OfferText = z.infer<typeof OfferText>;

const RangeMonths = z
  .strictObject({ min: z.int().min(1).max(360), max: z.int().min(1).max(360) })
  .refine((r) => r.min <= r.max, { message: '`min` must not exceed `max`', path: ['min'] });

/** What a product team writes: the content of one offer version. */
export const OfferContent = z
  .strictObject({
    id: Slug.meta({ description: 'Stable offer id chosen by the product team, e.g. `scf-inventory-loan`.' }),
    productType: ProductType,
    scenarios: z.array(Scenario).min(1),
    currency: CurrencyCode,
    /** Required for credit, optional or refused for other types: see AMOUNT_RANGE_RULE. */
    amount: z.strictObject({ min: Money, max: Money }).optional(),
    termMonths: RangeMonths.optional(),
    /** Required for wealth_management and fund. */
    riskLevel: ProductRiskLevel.optional(),
    /** Shortest time a holder keeps the product before redeeming. */
    minHoldingDays: z.int().min(1).max(3650).optional(),
    liquidity: Liquidity.optional(),
    pastPerformance: PastPerformance.optional(),
    pricing: z.strictObject({
      apr: z
        .strictObject({ min: BasisPoints, max: BasisPoints })
        .refine((r) => r.min <= r.max, { message: '`min` must not exceed `max`', path: ['min'] })
        .optional()
        .meta({ description: 'Annual percentage rate range in basis points (365 = 3.65 %).' }),
      fees: z.array(Fee).max(20).default([]),
    }),
    texts: z.strictObject({ 'zh-CN': OfferText, en: OfferText }),
    disclosures: z.array(LocalizedText).max(20).default([]),
    eligibility: z.array(EligibilityCriterion).max(50).default([]),
    effective: z
      .strictObject({ from: Timestamp, until: Timestamp.optional() })
      .refine((e) => e.until === undefined || Date.parse(e.from) < Date.parse(e.until), {
        message: '`until` must be after `from`',
        path: ['until'],
      }),
    priority: z.int().min(0).max(100).default(50).meta({
      description: 'Product-team weight in ranking, 0–100 (50 neutral).',
    }),
    partners: z
      .array(z.string())
      .max(200)
      .optional()
      .meta({ description: 'Restrict the offer to these partner ids; absent means every partner.' }),
    triggers: z.array(OfferTrigger).max(10).optional().meta({
      description: 'Rules that raise a nudge from partner signals; reviewed and approved with the offer.',
    }),
  })
  .superRefine((o, ctx) => {
    const amountRule = AMOUNT_RANGE_RULE[o.productType];
    if (o.amount === undefined && amountRule === 'required') {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `a ${o.productType} needs an amount range`,
        params: { code: 'amount_range_required' },
      });
    }
    if (o.amount !== undefined && amountRule === 'absent') {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `a ${o.productType} has no amount range`,
        params: { code: 'amount_range_not_applicable' },
      });
    }
    if (
      o.riskLevel === undefined &&
      (INVESTMENT_PRODUCT_TYPES as readonly ProductType[]).includes(o.productType)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['riskLevel'],
        message: `a ${o.productType} needs a risk level`,
        params: { code: 'risk_level_required' },
      });
    }
    if (o.amount !== undefined) {
      for (const side of ['min', 'max'] as const) {
        if (o.amount[side].currency !== o.currency) {
          ctx.addIssue({
            code: 'custom',
            path: ['amount', side, 'currency'],
            message: `must be the offer currency ${o.currency}`,
          });
        }
      }
      if (o.amount.min.value > o.amount.max.value) {
        ctx.addIssue({ code: 'custom', path: ['amount', 'min'], message: '`min` must not exceed `max`' });
      }
    }
    const ids = new Set<string>();
    o.eligibility.forEach((c, i) => {
      if (ids.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['eligibility', i, 'id'], message: `duplicate id ${c.id}` });
      ids.add(c.id);
    });
    const triggerIds = new Set<string>();
    o.triggers?.forEach((t, i) => {
      if (triggerIds.has(t.id))
        ctx.addIssue({ code: 'custom', path: ['triggers', i, 'id'], message: `duplicate id ${t.id}` });
      triggerIds.add(t.id);
    });
    o.pricing.fees.forEach((f, i) => {
      if (f.fixed && f.fixed.currency !== o.currency) {
        ctx.addIssue({
          code: 'custom',
          path: ['pricing', 'fees', i, 'fixed', 'currency'],
          message: `must be the offer currency ${o.currency}`,
        });
      }
    });
  })
  .meta({ id: 'OfferContent' });
export type OfferContent = z.infer<typeof OfferContent>;
export type OfferContentInput = z.input<typeof OfferContent>;

/** One stored version of an offer, as the admin API returns it. */
export const Offer = z
  .object({
    id: Slug,
    productType: ProductType,
    scenarios: z.array(Scenario),
    currency: CurrencyCode,
    amount: z.object({ min: Money, max: Money }).optional(),
    termMonths: z.object({ min: z.int(), max: z.int() }).optional(),
    riskLevel: ProductRiskLevel.optional(),
    minHoldingDays: z.int().optional(),
    liquidity: Liquidity.optional(),
    pastPerformance: PastPerformance.optional(),
    pricing: z.object({
      apr: z.object({ min: BasisPoints, max: BasisPoints }).optional(),
      fees: z.array(Fee),
    }),
    texts: z.object({ 'zh-CN': OfferText, en: OfferText }),
    disclosures: z.array(LocalizedText),
    eligibility: z.array(EligibilityCriterion),
    effective: z.object({ from: Timestamp, until: Timestamp.optional() }),
    priority: z.int(),
    partners: z.array(z.string()).optional(),
    triggers: z.array(OfferTrigger).optional(),
    ...ScheduledVersionFields.shape,
  })
  .meta({ id: 'Offer' });
export type Offer = z.infer<typeof Offer>;

/** What partners and end users see of a published offer: no internal workflow fields. */
export const PublicOffer = Offer.pick({
  id: true,
  version: true,
  productType: true,
  scenarios: true,
  currency: true,
  amount: true,
  termMonths: true,
  riskLevel: true,
  minHoldingDays: true,
  liquidity: true,
  pastPerformance: true,
  pricing: true,
  texts: true,
  disclosures: true,
  effective: true,
}).meta({ id: 'PublicOffer' });
export type PublicOffer = z.infer<typeof PublicOffer>;

export const OfferAction = VersionAction;
export type OfferAction = VersionAction;

export const OfferTransition = z
  .strictObject({ comment: z.string().trim().max(2000).optional() })
  .meta({ id: 'OfferTransition' });
export type OfferTransition = z.infer<typeof OfferTransition>;

/** Publish now, or at `at` (an approved version then waits for the scheduler). */
export const OfferPublish = z
  .strictObject({ comment: z.string().trim().max(2000).optional(), at: Timestamp.optional() })
  .meta({ id: 'OfferPublish' });
export type OfferPublish = z.infer<typeof OfferPublish>;

/** Restore an earlier published version as a new published version; the comment says why. */
export const OfferRollback = z
  .strictObject({ comment: z.string().trim().min(1).max(2000) })
  .meta({ id: 'OfferRollback' });
export type OfferRollback = z.infer<typeof OfferRollback>;

export const OfferList = z.object({ offers: z.array(Offer) }).meta({ id: 'OfferList' });
export type OfferList = z.infer<typeof OfferList>;
