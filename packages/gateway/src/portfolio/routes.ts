import { sessionCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import type { GatewayDeps } from '../internal/deps.js';
import { portfolioHealthCheck } from './health-check.js';

export function portfolioHandlers(deps: GatewayDeps) {
  return {
    checkPortfolioHealth: async (c, { body }) => {
      const { partner, claims } = sessionCaller(c);
      const report = await portfolioHealthCheck(
        deps,
        { partnerId: partner.id, claims },
        body.holdings ?? [],
        body.locale,
      );
      return c.json(report, 200, { 'cache-control': 'no-store' });
    },
  } satisfies FeatureHandlers;
}
