import { z } from 'zod';
import { Locale, Timestamp } from './common.js';

/**
 * A product's risk level, R1 (lowest: deposits, cash-like) to R5 (highest), as the bank rates it
 * for suitability matching.
 */
export const ProductRiskLevel = z.enum(['R1', 'R2', 'R3', 'R4', 'R5']).meta({ id: 'ProductRiskLevel' });
export type ProductRiskLevel = z.infer<typeof ProductRiskLevel>;

/**
 * An investor's assessed risk tolerance, C1 (conservative) to C5 (aggressive), from the bank's
 * risk questionnaire.
 */
export const InvestorRiskLevel = z.enum(['C1', 'C2', 'C3', 'C4', 'C5']).meta({ id: 'InvestorRiskLevel' });
export type InvestorRiskLevel = z.infer<typeof InvestorRiskLevel>;

/** 1–5 for either scale. */
export const riskRank = (level: ProductRiskLevel | InvestorRiskLevel): number => Number(level.slice(1));

/** Whether an investor at `investor` may be offered a product at `product` without an override. */
export const suits = (investor: InvestorRiskLevel, product: ProductRiskLevel): boolean =>
  riskRank(product) <= riskRank(investor);

/**
 * The trusted signal (in the partner-signed session's `signals`) that carries the investor's
 * assessed level, `C1`–`C5`. Any other value counts as no assessment.
 */
export const INVESTOR_RISK_LEVEL_SIGNAL = 'investor.risk_level';

/**
 * Why a product with a risk level is not recommended: it is above the investor's level, or the
 * investor has no valid assessment yet.
 */
export const SuitabilityReasonCode = z
  .enum(['above_risk_level', 'needs_risk_assessment'])
  .meta({ id: 'SuitabilityReasonCode' });
export type SuitabilityReasonCode = z.infer<typeof SuitabilityReasonCode>;

/**
 * When a user may still choose a product above their level, after an explicit, recorded "I
 * understand this product exceeds my risk level" acknowledgement. The bank sets it in the gateway's
 * configuration; the default allows one level above, never for a C1 investor, never an R5 product.
 */
export const SuitabilityOverridePolicy = z
  .strictObject({
    /** false: no override at all, an above-level product is only ever withheld. */
    allowed: z.boolean(),
    /** How many levels above the investor's a product may be (1: C2 may choose R3, not R4). */
    maxLevelsAbove: z.int().min(0).max(4),
    /** Investor levels that may never override (the most conservative). */
    neverForInvestor: z.array(InvestorRiskLevel),
    /** Product levels that may never be chosen by override. */
    neverForProduct: z.array(ProductRiskLevel),
  })
  .meta({ id: 'SuitabilityOverridePolicy' });
export type SuitabilityOverridePolicy = z.infer<typeof SuitabilityOverridePolicy>;

export const DEFAULT_SUITABILITY_OVERRIDE_POLICY: SuitabilityOverridePolicy = {
  allowed: true,
  maxLevelsAbove: 1,
  neverForInvestor: ['C1'],
  neverForProduct: ['R5'],
};

/**
 * Whether the policy lets an investor at `investor` choose a product at `product` by acknowledging
 * that it exceeds their level. A user without a valid assessment never may: they take it first.
 */
export function overrideAllowed(
  policy: SuitabilityOverridePolicy,
  investor: InvestorRiskLevel | undefined,
  product: ProductRiskLevel,
): boolean {
  if (investor === undefined || !policy.allowed) return false;
  const above = riskRank(product) - riskRank(investor);
  return (
    above > 0 &&
    above <= policy.maxLevelsAbove &&
    !policy.neverForInvestor.includes(investor) &&
    !policy.neverForProduct.includes(product)
  );
}

/** The acknowledgement a user records, as the session sends it. */
export const SuitabilityAcknowledgementInput = z
  .strictObject({
    offerId: z.string().min(1).max(64),
    offerVersion: z.int().min(1),
    /** The "I understand…" wording the user saw, exactly as shown. */
    wording: z.string().min(1).max(2000),
    locale: Locale,
  })
  .meta({ id: 'SuitabilityAcknowledgementInput' });
export type SuitabilityAcknowledgementInput = z.infer<typeof SuitabilityAcknowledgementInput>;

/** A recorded acknowledgement: the user chose a product above their level knowingly. */
export const SuitabilityAcknowledgement = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    userId: z.string(),
    offerId: z.string(),
    offerVersion: z.int().min(1),
    investorLevel: InvestorRiskLevel,
    productLevel: ProductRiskLevel,
    wording: z.string(),
    locale: Locale,
    acknowledgedAt: Timestamp,
  })
  .meta({ id: 'SuitabilityAcknowledgement' });
export type SuitabilityAcknowledgement = z.infer<typeof SuitabilityAcknowledgement>;

/**
 * The words shown before a user acknowledges a product above their level; the widget shows these
 * and sends them back, and the gateway records what was shown.
 */
export function acknowledgementWording(
  locale: Locale,
  investor: InvestorRiskLevel,
  product: ProductRiskLevel,
): string {
  return locale === 'zh-CN'
    ? `我已了解：该产品风险等级 ${product} 超出我的风险承受能力等级 ${investor}，我仍自愿选择，并自行承担相应风险。`
    : `I understand this product's risk level ${product} exceeds my assessed risk tolerance ${investor}, and I choose it of my own will, accepting the risk.`;
}
