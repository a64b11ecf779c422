import { type Offer, OfferMatchRequest, type Scenario, type Signals } from '@finlet/contracts';
import { matchOffers } from '../offers/match.js';
import { investorLevelFrom, type OverrideContext } from '../offers/suitability.js';
import { checkPortfolio, healthCheckCatalogue, type SourcedHolding } from '../portfolio/health-check.js';
import type { AdvisorTools, RouteQuoteRequest, RouteTable } from './advise.js';

export interface SessionToolsInput {
  /** Published offer versions (with their eligibility rules). */
  readonly offers: readonly Offer[];
  /** The session's trusted signals: never anything typed into the chat. */
  readonly signals: Signals;
  readonly scenario: Scenario;
  readonly partnerId: string;
  readonly now: Date;
  readonly quoteRoute?: (request: RouteQuoteRequest) => RouteTable | null;
  /** The user's holdings from the trusted `portfolio.holdings` signal, when the caller loaded them. */
  readonly holdings?: readonly SourcedHolding[];
  /** The bank's override policy and the user's recorded acknowledgements (absent: none count). */
  readonly override?: OverrideContext | undefined;
}

/** Binds the advisor's tools to one session: offer matching runs the engine's `matchOffers`. */
export function createAdvisorTools(input: SessionToolsInput): AdvisorTools {
  return {
    matchOffers: (request) =>
      matchOffers({
        offers: input.offers,
        signals: input.signals,
        scenario: input.scenario,
        partnerId: input.partnerId,
        now: input.now,
        investorLevel: investorLevelFrom(input.signals),
        override: input.override,
        request: OfferMatchRequest.parse({
          ...(request.amount ? { amount: request.amount } : {}),
          ...(request.termMonths ? { termMonths: request.termMonths } : {}),
          ...(request.productTypes ? { productTypes: [...request.productTypes] } : {}),
          includeIneligible: request.includeIneligible,
          limit: request.limit,
        }),
      }),
    ...(input.quoteRoute ? { quoteRoute: input.quoteRoute } : {}),
    ...(input.holdings
      ? {
          checkPortfolio: (locale) =>
            input.holdings?.length
              ? checkPortfolio({
                  holdings: input.holdings,
                  investorLevel: investorLevelFrom(input.signals),
                  catalogue: healthCheckCatalogue(input.offers, input),
                  locale,
                })
              : null,
        }
      : {}),
  };
}
