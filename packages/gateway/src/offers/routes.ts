import { OfferMatchRequest } from '@finlet/contracts';
import { matchOffers } from '@finlet/engine';
import { readJson } from '../http/body.js';
import { sessionCaller } from '../http/callers.js';
import type { Handlers } from '../http/handler.js';
import type { GatewayDeps } from '../internal/deps.js';

export function offerHandlers(deps: GatewayDeps): Handlers {
  return {
    matchOffers: async (c) => {
      const { partner, claims } = sessionCaller(c);
      const request = await readJson(c, OfferMatchRequest);
      const result = matchOffers({
        offers: await deps.publishedOffers.list(),
        signals: claims.sig ?? {},
        scenario: claims.scn,
        partnerId: partner.id,
        request,
        now: deps.clock(),
      });
      return c.json(result);
    },
  };
}
