import type {
  Money,
  Offer,
  OfferPreviewEvaluation,
  PreviewNudgeReason,
  PreviewTriggerResult,
  ProductType,
  Scenario,
  Signal,
  Signals,
} from '@finlet/contracts';
import { evaluateCondition, evaluateNudges, type NudgeDecision } from '../nudges/evaluate.js';
import { evaluateChecks, isVisible } from './checks.js';
import { evaluateEligibility } from './eligibility.js';
import { investorLevelFrom } from './suitability.js';

export interface PreviewOfferInput {
  /** The version previewed, whatever its status. */
  readonly offer: Offer;
  readonly signals: Signals;
  /** Business signals its triggers read (a sample, not stored). */
  readonly events: readonly Signal[];
  readonly scenario: Scenario;
  readonly partnerId: string;
  readonly now: Date;
  readonly amount?: Money | undefined;
  readonly termMonths?: number | undefined;
  readonly productTypes?: readonly ProductType[] | undefined;
}

export interface OfferPreviewOutcome {
  evaluation: OfferPreviewEvaluation;
  /** The nudge the triggers would raise for a user with no earlier nudges, or null. */
  nudge: NudgeDecision | null;
  nudgeReason: PreviewNudgeReason;
  triggers: PreviewTriggerResult[];
}

/**
 * What one offer version would do for a sample session: each criterion and check, as `matchOffers`
 * explains them, and the nudge its triggers would raise (cool-downs and caps do not apply: the
 * sample user has no history). Pure, like the rest of the engine.
 *
 * @example
 * previewOffer({ offer: draft, signals: { 'inventory.turnover_days': 62 }, events: [], scenario: 'supply-chain', partnerId, now })
 */
export function previewOffer(input: PreviewOfferInput): OfferPreviewOutcome {
  const { offer, now } = input;
  const criteria = evaluateEligibility(offer, input.signals).criteria;
  const checks = evaluateChecks(offer, {
    scenario: input.scenario,
    partnerId: input.partnerId,
    now,
    amount: input.amount,
    termMonths: input.termMonths,
    productTypes: input.productTypes,
    investorLevel: investorLevelFrom(input.signals),
  });
  const visible = isVisible(checks);
  const evaluation: OfferPreviewEvaluation = {
    offer: { id: offer.id, version: offer.version, status: offer.status },
    visible,
    eligible: criteria.every((c) => c.met) && checks.every((c) => c.met),
    criteria,
    checks,
  };
  const triggers: PreviewTriggerResult[] = (offer.triggers ?? []).map((trigger) => {
    const conditions = trigger.when.map((condition) => {
      const outcome = evaluateCondition(condition, input.events, now);
      return { condition, met: outcome.met, text: outcome.text ?? null };
    });
    return { triggerId: trigger.id, met: conditions.every((c) => c.met), conditions };
  });
  if (triggers.length === 0) return { evaluation, nudge: null, nudgeReason: 'no_triggers', triggers };
  // A nudge comes only with the offer shown to this session (same scenario, partner and period).
  if (!visible) return { evaluation, nudge: null, nudgeReason: 'not_visible', triggers };
  const { nudges } = evaluateNudges({
    offers: [offer],
    signals: input.events,
    history: [],
    partnerId: input.partnerId,
    now,
  });
  const nudge = nudges[0] ?? null;
  return { evaluation, nudge, nudgeReason: nudge ? 'raised' : 'conditions_unmet', triggers };
}
