import { z } from 'zod';

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
