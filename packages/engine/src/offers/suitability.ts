import {
  acknowledgementWording,
  type CheckResult,
  INVESTOR_RISK_LEVEL_SIGNAL,
  InvestorRiskLevel,
  type Offer,
  type OfferMatch,
  overrideAllowed,
  type ProductRiskLevel,
  type Signals,
  type SuitabilityOverridePolicy,
  type SuitabilityReasonCode,
  suits,
} from '@finlet/contracts';
import { localizer } from '@finlet/contracts/messages';

/** A user's recorded "I understand this exceeds my level" for one offer version. */
export interface RecordedOverride {
  readonly offerId: string;
  readonly offerVersion: number;
  /** The level the user had when acknowledging: a later level needs a new acknowledgement. */
  readonly investorLevel: InvestorRiskLevel;
}

/** What lets an above-level product through: the bank's policy and the user's acknowledgements. */
export interface OverrideContext {
  readonly policy: SuitabilityOverridePolicy;
  readonly overrides: readonly RecordedOverride[];
}

/**
 * The investor's assessed level from trusted signals (`investor.risk_level`), or undefined when
 * the signals carry none or a value that is not `C1`–`C5`.
 */
export function investorLevelFrom(signals: Signals | undefined): InvestorRiskLevel | undefined {
  // A set lookup, not `safeParse`: this runs for every match, and a zod failure (no level, the
  // common case) builds an error object each time.
  const value = signals?.[INVESTOR_RISK_LEVEL_SIGNAL];
  return typeof value === 'string' && INVESTOR_LEVELS.has(value) ? (value as InvestorRiskLevel) : undefined;
}
const INVESTOR_LEVELS: ReadonlySet<string> = new Set(InvestorRiskLevel.options);

const ZH = {
  above_risk_level: (product: ProductRiskLevel, investor: InvestorRiskLevel | undefined) =>
    `该产品风险等级 ${product} 高于您的风险承受能力等级 ${investor}，不向您推荐。`,
  needs_risk_assessment: (product: ProductRiskLevel, _investor: InvestorRiskLevel | undefined) =>
    `该产品风险等级为 ${product}，请先完成风险承受能力评估。`,
} satisfies Record<SuitabilityReasonCode, unknown>;
const EN: typeof ZH = {
  above_risk_level: (product, investor) =>
    `This product's risk level ${product} is above your assessed risk tolerance ${investor}, so it is not recommended to you.`,
  needs_risk_assessment: (product) =>
    `This product's risk level is ${product}: please complete the risk assessment first.`,
};
/** Why a rated product is withheld, by reason code, in both locales. */
const localizedReason = localizer<typeof ZH>({ 'zh-CN': ZH, en: EN });
type Reason = ReturnType<typeof localizedReason>;
/**
 * The texts depend only on the code and the two levels (at most 60 combinations), and a match asks
 * for them once per rated offer: built once each, then shared (frozen, so no caller can alter them).
 */
const reasons = new Map<string, Reason>();
function reasonText(
  code: SuitabilityReasonCode,
  product: ProductRiskLevel,
  investor: InvestorRiskLevel | undefined,
): Reason {
  const key = `${code} ${product} ${investor ?? ''}`;
  let reason = reasons.get(key);
  if (reason === undefined) {
    reason = Object.freeze(localizedReason(code, product, investor));
    reasons.set(key, reason);
  }
  return reason;
}

/**
 * Suitability of a rated product for the investor: met when the product's level is at or below
 * the investor's. A product without a level has no such check (undefined). With no valid
 * investor level, a rated product is never met: the user is asked to take the assessment.
 */
export function checkRiskLevel(
  offer: Pick<Offer, 'riskLevel' | 'id' | 'version'>,
  investorLevel: InvestorRiskLevel | undefined,
  override?: OverrideContext,
): CheckResult | undefined {
  const product = offer.riskLevel;
  if (product === undefined) return undefined;
  // A level from an untyped caller that is not C1–C5 counts as no assessment (a set lookup: this
  // runs for every rated offer of every match).
  const investor =
    typeof investorLevel === 'string' && INVESTOR_LEVELS.has(investorLevel) ? investorLevel : undefined;
  if (investor !== undefined && suits(investor, product)) {
    return { check: 'risk_level', met: true, expected: `${product} or below`, observed: investor };
  }
  const code: SuitabilityReasonCode = investor === undefined ? 'needs_risk_assessment' : 'above_risk_level';
  const overridable = override !== undefined && overrideAllowed(override.policy, investor, product);
  if (
    overridable &&
    override.overrides.some(
      (o) => o.offerId === offer.id && o.offerVersion === offer.version && o.investorLevel === investor,
    )
  ) {
    return {
      check: 'risk_level',
      met: true,
      expected: `${product} or below`,
      observed: investor ?? null,
      acknowledged: true,
    };
  }
  return {
    check: 'risk_level',
    met: false,
    expected: `${product} or below`,
    observed: investor ?? null,
    code,
    reason: reasonText(code, product, investor),
    ...(code === 'above_risk_level' && override !== undefined ? { overridable } : {}),
    ...(overridable && investor !== undefined
      ? {
          acknowledgement: {
            'zh-CN': acknowledgementWording('zh-CN', investor, product),
            en: acknowledgementWording('en', investor, product),
          },
        }
      : {}),
  };
}

/**
 * The unmet suitability check of a match, if the product is withheld for the investor's level
 * (above it, or no valid assessment): every path that recommends or presents a product asks this.
 */
export function withheldFor(match: Pick<OfferMatch, 'checks'>): CheckResult | undefined {
  return match.checks.find((c) => c.check === 'risk_level' && !c.met);
}
