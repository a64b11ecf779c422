import { z } from 'zod';
import { LocalizedText, Scenario, SignalValue, Timestamp } from './common.js';
import { Money } from './money.js';
import { CriterionOperator, ProductType, PublicOffer } from './offer.js';
import { SuitabilityPrompt, SuitabilityReasonCode } from './suitability.js';

/**
 * Most eligible offers an answer carries when the caller does not say: what `<finlet-offers>` shows.
 * Each match carries its offer and explanation (about 2 KB), so a widget asks for what it shows.
 */
export const DEFAULT_MATCH_LIMIT = 5;

/**
 * What the widget asks for. The amount and term are the user's wish (used for limit checks and
 * ranking); eligibility never reads them: it reads only the session's trusted signals.
 */
export const OfferMatchRequest = z
  .strictObject({
    amount: Money.optional(),
    termMonths: z.int().min(1).max(360).optional(),
    productTypes: z.array(ProductType).max(20).optional(),
    includeIneligible: z.boolean().default(false),
    limit: z.int().min(1).max(50).default(DEFAULT_MATCH_LIMIT).meta({
      description:
        'Most eligible offers to return, best first (then, with `includeIneligible`, at most as many ineligible ones). Default 5: what `<finlet-offers>` shows.',
    }),
  })
  .meta({ id: 'OfferMatchRequest' });
export type OfferMatchRequest = z.input<typeof OfferMatchRequest>;

export const CriterionResult = z
  .object({
    id: z.string(),
    signal: z.string(),
    op: CriterionOperator,
    expected: z.union([SignalValue, z.array(z.union([z.string(), z.number()]))]).nullable(),
    observed: SignalValue.nullable().meta({
      description: 'The trusted signal’s value, or null when it is missing.',
    }),
    met: z.boolean(),
    label: LocalizedText,
  })
  .meta({ id: 'CriterionResult' });
export type CriterionResult = z.infer<typeof CriterionResult>;

export const CheckKind = z.enum([
  'amount',
  'term',
  'currency',
  'scenario',
  'effective',
  'partner',
  'product_type',
  'risk_level',
]);
export type CheckKind = z.infer<typeof CheckKind>;

/** A non-criterion requirement (limits, currency, scenario…), explained the same way as criteria. */
export const CheckResult = z
  .object({
    check: CheckKind,
    met: z.boolean(),
    expected: z.string().meta({ description: 'What the offer requires, e.g. `1000.00–200000.00 CNY`.' }),
    observed: z.string().nullable(),
    /** Set on an unmet `risk_level` check: why the product is not recommended, as a code and in words. */
    code: SuitabilityReasonCode.optional(),
    reason: LocalizedText.optional(),
    /**
     * On an unmet `above_risk_level` check: the bank's policy lets the user still choose it after
     * an explicit "I understand…" acknowledgement (`POST /v1/suitability/acknowledgements`).
     */
    overridable: z.boolean().optional(),
    /** With `overridable`: the "I understand…" words to show, and to send back when the user agrees. */
    acknowledgement: LocalizedText.optional(),
    /** On a met `risk_level` check above the investor's level: met only by the user's recorded acknowledgement. */
    acknowledged: z.boolean().optional(),
  })
  .meta({ id: 'CheckResult' });
export type CheckResult = z.infer<typeof CheckResult>;

export const ScoreBreakdown = z
  .object({
    fit: z.number(),
    price: z.number(),
    specificity: z.number(),
    priority: z.number(),
  })
  .meta({ id: 'ScoreBreakdown', description: 'Each component in [0, 1] before weighting.' });
export type ScoreBreakdown = z.infer<typeof ScoreBreakdown>;

export const OfferMatch = z
  .object({
    offer: PublicOffer,
    eligible: z.boolean(),
    rank: z.int().min(1).nullable().meta({ description: '1 is the best; null for ineligible offers.' }),
    score: z.number().min(0).max(1),
    scoreBreakdown: ScoreBreakdown,
    criteria: z.array(CriterionResult),
    checks: z.array(CheckResult),
  })
  .meta({ id: 'OfferMatch' });
export type OfferMatch = z.infer<typeof OfferMatch>;

export const OfferMatchResult = z
  .object({
    matches: z.array(OfferMatch),
    scenario: Scenario,
    evaluatedAt: Timestamp,
    considered: z.int().min(0).meta({ description: 'Published offers evaluated for this session.' }),
    suitability: SuitabilityPrompt.optional().meta({
      description:
        'Present when rated products (wealth, funds) would be matched but the user has no valid risk assessment: take it first.',
    }),
  })
  .meta({ id: 'OfferMatchResult' });
export type OfferMatchResult = z.infer<typeof OfferMatchResult>;
