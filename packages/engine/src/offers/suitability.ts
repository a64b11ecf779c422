import {
  type CheckResult,
  INVESTOR_RISK_LEVEL_SIGNAL,
  InvestorRiskLevel,
  type LocalizedText,
  type Offer,
  type ProductRiskLevel,
  type Signals,
  type SuitabilityReasonCode,
  suits,
} from '@finlet/contracts';

/**
 * The investor's assessed level from trusted signals (`investor.risk_level`), or undefined when
 * the signals carry none or a value that is not `C1`–`C5`.
 */
export function investorLevelFrom(signals: Signals | undefined): InvestorRiskLevel | undefined {
  const parsed = InvestorRiskLevel.safeParse(signals?.[INVESTOR_RISK_LEVEL_SIGNAL]);
  return parsed.success ? parsed.data : undefined;
}

function reasonText(
  code: SuitabilityReasonCode,
  product: ProductRiskLevel,
  investor: InvestorRiskLevel | undefined,
): LocalizedText {
  return code === 'above_risk_level'
    ? {
        'zh-CN': `该产品风险等级 ${product} 高于您的风险承受能力等级 ${investor}，不向您推荐。`,
        en: `This product's risk level ${product} is above your assessed risk tolerance ${investor}, so it is not recommended to you.`,
      }
    : {
        'zh-CN': `该产品风险等级为 ${product}，请先完成风险承受能力评估。`,
        en: `This product's risk level is ${product}: please complete the risk assessment first.`,
      };
}

/**
 * Suitability of a rated product for the investor: met when the product's level is at or below
 * the investor's. A product without a level has no such check (undefined). With no valid
 * investor level, a rated product is never met: the user is asked to take the assessment.
 */
export function checkRiskLevel(
  offer: Pick<Offer, 'riskLevel'>,
  investorLevel: InvestorRiskLevel | undefined,
): CheckResult | undefined {
  const product = offer.riskLevel;
  if (product === undefined) return undefined;
  // A level from an untyped caller that is not C1–C5 counts as no assessment.
  const investor = InvestorRiskLevel.safeParse(investorLevel).data;
  if (investor !== undefined && suits(investor, product)) {
    return { check: 'risk_level', met: true, expected: `${product} or below`, observed: investor };
  }
  const code: SuitabilityReasonCode = investor === undefined ? 'needs_risk_assessment' : 'above_risk_level';
  return {
    check: 'risk_level',
    met: false,
    expected: `${product} or below`,
    observed: investor ?? null,
    code,
    reason: reasonText(code, product, investor),
  };
}
