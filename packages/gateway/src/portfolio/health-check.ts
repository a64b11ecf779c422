import {
  DEFAULT_LOCALE,
  type EmbedSessionClaims,
  type HealthCheckReport,
  type Holding,
  type Locale,
  PORTFOLIO_HOLDINGS_SIGNAL,
  type ProblemFieldError,
} from '@finlet/contracts';
import { checkPortfolio, healthCheckCatalogue, investorLevelFrom, type SourcedHolding } from '@finlet/engine';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';

/** Signals are kept for a year at most (older ones are refused at intake). */
const HOLDINGS_LOOKBACK_MS = 366 * 86_400_000;

export interface HealthCheckCaller {
  readonly partnerId: string;
  readonly claims: EmbedSessionClaims;
}

/** The holdings of the newest trusted `portfolio.holdings` signal for the session user (none: empty). */
export async function signalledHoldings(
  deps: GatewayDeps,
  caller: HealthCheckCaller,
): Promise<SourcedHolding[]> {
  const since = new Date(deps.clock().getTime() - HOLDINGS_LOOKBACK_MS).toISOString();
  const signals = await deps.store.signals.recentForUser(caller.partnerId, caller.claims.sub, since);
  let newest: Extract<(typeof signals)[number], { type: typeof PORTFOLIO_HOLDINGS_SIGNAL }> | undefined;
  for (const s of signals) {
    if (s.type !== PORTFOLIO_HOLDINGS_SIGNAL) continue;
    if (
      newest === undefined ||
      s.occurredAt > newest.occurredAt ||
      (s.occurredAt === newest.occurredAt && s.id > newest.id)
    )
      newest = s;
  }
  if (newest === undefined) return [];
  const source = { kind: 'signal', signalId: newest.id, occurredAt: newest.occurredAt } as const;
  return newest.data.holdings.map((holding) => ({ holding, source }));
}

/**
 * The holdings a check reads: the newest trusted `portfolio.holdings` signal's, then those the
 * user entered. An entered holding that clashes with a signalled one (same id, other currency) is
 * refused with its path in the body.
 */
export async function holdingsFor(
  deps: GatewayDeps,
  caller: HealthCheckCaller,
  entered: readonly Holding[],
): Promise<SourcedHolding[]> {
  const fromSignal = await signalledHoldings(deps, caller);
  const all = [
    ...fromSignal,
    ...entered.map((holding): SourcedHolding => ({ holding, source: { kind: 'user' } })),
  ];
  const first = all[0];
  if (first === undefined) {
    throw new HttpProblem('holdings_required', {
      detail: `Enter holdings in the body, or send a ${PORTFOLIO_HOLDINGS_SIGNAL} signal for this user first.`,
    });
  }
  const signalled = new Set(fromSignal.map((s) => s.holding.id));
  const currency = first.holding.marketValue.currency;
  const errors: ProblemFieldError[] = entered.flatMap((h, i) => [
    ...(signalled.has(h.id)
      ? [
          {
            path: `holdings.${i}.id`,
            message: `the partner already reports a holding ${h.id}`,
            code: 'duplicate_holding_id',
          },
        ]
      : []),
    ...(h.marketValue.currency !== currency
      ? [
          {
            path: `holdings.${i}.marketValue.currency`,
            message: `must be ${currency}, the portfolio's currency (one currency per check)`,
            code: 'mixed_currencies',
          },
        ]
      : []),
  ]);
  if (errors.length > 0) {
    throw new HttpProblem('invalid_request', { detail: `${errors[0]?.path}: ${errors[0]?.message}`, errors });
  }
  return all;
}

/** The health check of the session user's holdings, suggestions drawn from the offers this session may see. */
export async function portfolioHealthCheck(
  deps: GatewayDeps,
  caller: HealthCheckCaller,
  entered: readonly Holding[],
  locale: Locale | undefined,
): Promise<HealthCheckReport> {
  const holdings = await holdingsFor(deps, caller, entered);
  const catalogue = healthCheckCatalogue(await deps.publishedOffers.list(), {
    scenario: caller.claims.scn,
    partnerId: caller.partnerId,
    now: deps.clock(),
  });
  return checkPortfolio({
    holdings,
    // The assessed level is the trusted session signal, never anything in the body.
    investorLevel: investorLevelFrom(caller.claims.sig),
    catalogue,
    locale: locale ?? caller.claims.loc ?? DEFAULT_LOCALE,
  });
}
