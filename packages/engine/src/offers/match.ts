import {
  type InvestorRiskLevel,
  type Offer,
  type OfferMatch,
  type OfferMatchRequest,
  type OfferMatchResult,
  type Scenario,
  type Signals,
  suitabilityPromptMessage,
} from '@finlet/contracts';
import { evaluateChecks, isVisibleFor } from './checks.js';
import { evaluateEligibility } from './eligibility.js';
import { toPublicOffer } from './public-offer.js';
import { compareScored, scoreOffers } from './ranking.js';
import type { OverrideContext } from './suitability.js';

/** The match request after the contract schema has filled its defaults (`includeIneligible`, `limit`). */
export type ParsedOfferMatchRequest = ReturnType<typeof OfferMatchRequest.parse>;

export interface MatchOffersInput {
  /** Offer versions to consider, normally the published ones. `(id, version)` identifies each. */
  readonly offers: readonly Offer[];
  /** Trusted signals from the session or the partner's server; never widget attributes. */
  readonly signals: Signals;
  readonly scenario: Scenario;
  readonly partnerId: string;
  readonly request: ParsedOfferMatchRequest;
  readonly now: Date;
  /**
   * The investor's assessed level (see `investorLevelFrom`). A product with a risk level above it,
   * or any product with a risk level when it is absent, comes back ineligible with a `risk_level`
   * check carrying `above_risk_level` or `needs_risk_assessment`: never recommended.
   */
  readonly investorLevel?: InvestorRiskLevel | undefined;
  /**
   * The bank's override policy and the user's recorded "I understand…" acknowledgements: an
   * above-level product the policy allows is marked `overridable`, and with a matching
   * acknowledgement its `risk_level` check is met (`acknowledged`). Absent: no override.
   */
  readonly override?: OverrideContext | undefined;
  /** The user had an assessment that has expired: the prompt to take it says "again". */
  readonly assessmentExpired?: boolean | undefined;
}

/**
 * Matches offers to a session: evaluates every criterion and check of every offer, ranks the
 * eligible ones (rank 1 is best, see `SCORE_WEIGHTS` for the score) and keeps at most
 * `request.limit` of them. With `includeIneligible`, up to `limit` ineligible offers follow, with
 * `rank: null`, so the user can see why not. Offers for another scenario, partner, period or
 * product type are never returned: they are not for this user.
 *
 * The result is the same for the same inputs whatever the order of `offers`.
 *
 * @example
 * const result = matchOffers({
 *   offers: await store.publishedOffers(),
 *   signals: claims.sig ?? {},
 *   scenario: claims.scn,
 *   partnerId: partner.id,
 *   request: OfferMatchRequest.parse(body),
 *   now: clock(),
 * });
 */
export function matchOffers(input: MatchOffersInput): OfferMatchResult {
  const { request } = input;
  const wish = { amount: request.amount, termMonths: request.termMonths };
  // One context object for the whole catalogue: per-request texts are derived from it once.
  const context = {
    scenario: input.scenario,
    partnerId: input.partnerId,
    now: input.now,
    amount: request.amount,
    termMonths: request.termMonths,
    productTypes: request.productTypes,
    investorLevel: input.investorLevel,
    override: input.override,
  };
  const candidates = input.offers
    .filter((offer) => isVisibleFor(offer, context))
    .map((offer) => ({
      offer,
      criteria: evaluateEligibility(offer, input.signals).criteria,
      checks: evaluateChecks(offer, context),
    }));

  const scores = scoreOffers(
    candidates.map((c) => ({ offer: c.offer, metCriteria: c.criteria.filter((r) => r.met).length })),
    wish,
  );
  // Explicit fields rather than spreads: this runs for every offer of every request.
  const evaluated = candidates
    .map((c, i) => {
      const scored = scores[i]!;
      return {
        offer: c.offer,
        criteria: c.criteria,
        checks: c.checks,
        score: scored.score,
        scoreBreakdown: scored.scoreBreakdown,
        eligible: c.criteria.every((r) => r.met) && c.checks.every((r) => r.met),
      };
    })
    .sort(compareScored);

  const toMatch = (c: (typeof evaluated)[number], rank: number | null): OfferMatch => ({
    offer: toPublicOffer(c.offer),
    eligible: c.eligible,
    rank,
    score: c.score,
    scoreBreakdown: c.scoreBreakdown,
    criteria: c.criteria,
    checks: c.checks,
  });

  const eligible = evaluated
    .filter((c) => c.eligible)
    .slice(0, request.limit)
    .map((c, i) => toMatch(c, i + 1));
  const ineligible = request.includeIneligible
    ? evaluated
        .filter((c) => !c.eligible)
        .slice(0, request.limit)
        .map((c) => toMatch(c, null))
    : [];

  // Rated products that fail nothing but the want of an assessment: the user is asked to take it.
  const awaiting = evaluated
    .filter(
      (c) =>
        c.criteria.every((r) => r.met) &&
        c.checks.every((r) => r.met || r.code === 'needs_risk_assessment') &&
        c.checks.some((r) => r.code === 'needs_risk_assessment'),
    )
    .map((c) => c.offer.id);
  const reason = input.assessmentExpired ? 'assessment_expired' : 'no_assessment';
  return {
    matches: [...eligible, ...ineligible],
    scenario: input.scenario,
    evaluatedAt: input.now.toISOString(),
    considered: input.offers.length,
    ...(awaiting.length > 0
      ? {
          suitability: {
            required: true,
            reason,
            offerIds: awaiting,
            message: suitabilityPromptMessage(reason),
          },
        }
      : {}),
  };
}
