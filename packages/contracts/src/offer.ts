import { z } from 'zod';
import { BasisPoints, LocalizedText, Scenario, SignalKey, SignalValue, Slug, Timestamp } from './common.js';
import { CurrencyCode, Money } from './money.js';
import { OfferTrigger } from './nudges.js';
import { ScheduledVersionFields, VersionAction, VersionStatus } from './versioned.js';

export const ProductType = z
  .enum([
    'installment',
    'consumer_loan',
    'credit_card',
    'business_loan',
    'startup_loan',
    'inventory_financing',
    'receivables_financing',
    'trade_finance',
    'business_account',
    'travel_card',
  ])
  .meta({ id: 'ProductType' });
export type ProductType = z.infer<typeof ProductType>;

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
    amount: z.strictObject({ min: Money, max: Money }),
    termMonths: RangeMonths.optional(),
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
    amount: z.object({ min: Money, max: Money }),
    termMonths: z.object({ min: z.int(), max: z.int() }).optional(),
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
