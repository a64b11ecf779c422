import { OfferMatchRequest } from '@finlet/contracts';
import { matchOffers } from '@finlet/engine';
import { readJson } from '../http/body.js';
import { sessionCaller } from '../http/callers.js';
import type { Handlers } from '../http/handler.js';
import type { GatewayDeps } from '../internal/deps.js';
import { MatchMemo } from './match-memo.js';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

export function offerHandlers(deps: GatewayDeps): Handlers {
  const memo = new MatchMemo();
  return {
    matchOffers: async (c) => {
      const { partner, claims } = sessionCaller(c);
      const request = await readJson(c, OfferMatchRequest);
      const offers = await deps.publishedOffers.list();
      const now = deps.clock();
      const key = `${partner.id}\n${claims.jti}\n${await c.req.text()}`;
      const cached = memo.get(now, offers, key);
      if (cached !== undefined) return c.body(cached, 200, JSON_TYPE);
      const body = JSON.stringify(
        matchOffers({
          offers,
          signals: claims.sig ?? {},
          scenario: claims.scn,
          partnerId: partner.id,
          request,
          now,
        }),
      );
      memo.set(now, offers, key, body);
      return c.body(body, 200, JSON_TYPE);
    },
  };
}
