import type { Money, Offer, ScoreBreakdown } from '@finlet/contracts';

/**
 * How an offer's score is made. Every component is in [0, 1] and the weights sum to 1, so the
 * score is in [0, 1] too:
 *
 *     score = 0.30·fit + 0.35·price + 0.20·specificity + 0.15·priority
 *
 * - **fit**: how comfortably the wished amount sits in the offer's limits. 1 when no amount is
 *   wished (nothing to miss); 0 when the amount is outside the limits or in another currency;
 *   otherwise, with headroom `h = (max − amount) / max`, `fit = 0.5 + 0.5·min(1, h / 0.25)`:
 *   1 while the amount uses at most 75 % of the maximum, falling to 0.5 at the maximum itself.
 *   A product without an amount range (an account, a card, a fund) gets a neutral 0.5 against a
 *   wished amount: it neither misses nor fits it.
 * - **price**: cheaper is better, relative to the cheapest candidate. An offer's yearly cost is
 *   its APR midpoint plus its fees for the wished amount, all in basis points of that amount
 *   (see {@link yearlyCostBps}); `price = (cheapest + 100) / (cost + 100)`. The 100 bp cushion
 *   keeps a 0 % promotion from pushing every other offer to 0 and keeps a few basis points'
 *   difference from swinging the whole weight. Offers without an APR (accounts, travel cards)
 *   cannot be priced against loans and get a neutral 0.5.
 * - **specificity**: `0.5 / scenarioCount + 0.5·met / (met + 2)`: an offer made for this one
 *   scenario beats a catch-all, and one whose met criteria pre-qualify the user (e.g. 3 met
 *   criteria → 0.6) beats an offer open to anyone.
 * - **priority**: the product team's weight, `priority / 100`.
 *
 * Components are rounded to 4 decimals before weighting and the score after, so the score can be
 * recomputed from the reported breakdown. Equal scores are ordered by offer id, then version.
 */
export const SCORE_WEIGHTS = {
  fit: 0.3,
  price: 0.35,
  specificity: 0.2,
  priority: 0.15,
} as const satisfies Record<keyof ScoreBreakdown, number>;

/** Share of the maximum an amount may use and still fit perfectly. */
const COMFORTABLE_SHARE = 0.75;
/** Cushion added to both costs in the price ratio, in basis points (1 percentage point). */
const PRICE_CUSHION_BPS = 100;
/** Fit of a product without an amount range (an account, a card) against a wished amount. */
const NEUTRAL_FIT = 0.5;
/** Price component of an offer that has no APR to compare. */
const NEUTRAL_PRICE = 0.5;
/** Term over which one-off fees are spread when neither the wish nor the offer names one. */
const DEFAULT_TERM_MONTHS = 12;

/** What the user wished for; it shapes fit and fees, never eligibility. */
export interface RankingWish {
  readonly amount?: Money | undefined;
  readonly termMonths?: number | undefined;
}

export type RankedOfferFields = Pick<
  Offer,
  'id' | 'version' | 'amount' | 'termMonths' | 'pricing' | 'scenarios' | 'priority'
>;

export interface RankingCandidate {
  readonly offer: RankedOfferFields;
  /** How many of the offer's criteria the session's signals meet. */
  readonly metCriteria: number;
}

export interface Scored {
  readonly score: number;
  readonly scoreBreakdown: ScoreBreakdown;
}

export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** The fit component: see {@link SCORE_WEIGHTS}. */
export function fitScore(offer: Pick<Offer, 'amount'>, amount: Money | undefined): number {
  if (amount === undefined) return 1;
  if (offer.amount === undefined) return NEUTRAL_FIT;
  const { min, max } = offer.amount;
  if (amount.currency !== max.currency || amount.currency !== min.currency) return 0;
  if (amount.value < min.value || amount.value > max.value) return 0;
  const headroom = max.value > 0 ? (max.value - amount.value) / max.value : 0;
  return 0.5 + 0.5 * Math.min(1, headroom / (1 - COMFORTABLE_SHARE));
}

/**
 * An offer's yearly cost in basis points of the wished amount, or null when it has no APR.
 *
 * The APR midpoint stands for the rate the user is likely to get. Fees that every borrower pays
 * are added: one-off fees (`origination`, `service`) spread over the term (the wished term, else
 * the offer's shortest, else 12 months), recurring ones (`annual`, `account`) once a year. A fixed
 * fee counts only against a wished amount in its currency; fees that depend on behaviour (late or
 * early repayment, transfers) are left out.
 */
export function yearlyCostBps(
  offer: Pick<Offer, 'pricing' | 'termMonths'>,
  wish: RankingWish,
): number | null {
  const apr = offer.pricing.apr;
  if (apr === undefined) return null;
  const termMonths = Math.max(1, wish.termMonths ?? offer.termMonths?.min ?? DEFAULT_TERM_MONTHS);
  const amount = wish.amount;
  let cost = (apr.min + apr.max) / 2;
  for (const fee of offer.pricing.fees) {
    const oneOff = fee.kind === 'origination' || fee.kind === 'service';
    const yearly = fee.kind === 'annual' || fee.kind === 'account';
    if (!oneOff && !yearly) continue;
    let bps = fee.rateBps ?? 0;
    if (fee.fixed && amount && amount.value > 0 && fee.fixed.currency === amount.currency) {
      bps += (fee.fixed.value / amount.value) * 10_000;
    }
    cost += oneOff ? (bps * 12) / termMonths : bps;
  }
  return cost;
}

/** The specificity component: see {@link SCORE_WEIGHTS}. */
export function specificityScore(offer: Pick<Offer, 'scenarios'>, metCriteria: number): number {
  const met = Math.max(0, metCriteria);
  return 0.5 / Math.max(1, offer.scenarios.length) + (0.5 * met) / (met + 2);
}

/** The priority component: the product team's 0–100 weight as a share. */
export function priorityScore(offer: Pick<Offer, 'priority'>): number {
  return clamp01(offer.priority / 100);
}

/**
 * Scores candidates against each other (price is relative to the cheapest of them), returning one
 * score per candidate in input order. Pass every offer the session could see, eligible or not, so
 * a score does not change with whether ineligible offers are shown.
 */
export function scoreOffers(candidates: readonly RankingCandidate[], wish: RankingWish): Scored[] {
  const costs = candidates.map((c) => yearlyCostBps(c.offer, wish));
  const priced = costs.filter((c): c is number => c !== null);
  const cheapest = priced.reduce((lo, c) => Math.min(lo, c), Number.POSITIVE_INFINITY);
  return candidates.map((candidate, i) => {
    const cost = costs[i] ?? null;
    const breakdown: ScoreBreakdown = {
      fit: round4(clamp01(fitScore(candidate.offer, wish.amount))),
      price: round4(
        cost === null ? NEUTRAL_PRICE : clamp01((cheapest + PRICE_CUSHION_BPS) / (cost + PRICE_CUSHION_BPS)),
      ),
      specificity: round4(clamp01(specificityScore(candidate.offer, candidate.metCriteria))),
      priority: round4(priorityScore(candidate.offer)),
    };
    const weighted =
      SCORE_WEIGHTS.fit * breakdown.fit +
      SCORE_WEIGHTS.price * breakdown.price +
      SCORE_WEIGHTS.specificity * breakdown.specificity +
      SCORE_WEIGHTS.priority * breakdown.priority;
    return { score: round4(clamp01(weighted)), scoreBreakdown: breakdown };
  });
}

/**
 * Total order for ranking: higher score first, then offer id, then version (both ascending).
 * Ids compare by code unit, not by locale, so every machine orders them the same way.
 */
export function compareScored(
  a: { readonly score: number; readonly offer: Pick<Offer, 'id' | 'version'> },
  b: { readonly score: number; readonly offer: Pick<Offer, 'id' | 'version'> },
): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.offer.id !== b.offer.id) return a.offer.id < b.offer.id ? -1 : 1;
  return a.offer.version - b.offer.version;
}
