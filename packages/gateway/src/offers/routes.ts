import type { Offer, OfferMatchResult } from '@finlet/contracts';
import { assessmentValid, investorLevelFrom, matchOffers } from '@finlet/engine';
import { bodyText } from '../http/body.js';
import { sessionCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import type { GatewayDeps } from '../internal/deps.js';
import { previewedOffer, withPreviewed } from '../preview/scope.js';
import { overrideContext } from '../suitability-overrides/routes.js';
import { MatchMemo } from './match-memo.js';

const encoder = new TextEncoder();
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/**
 * Serialises a match result. Each public offer's JSON (most of the answer's bytes) is rendered once
 * per catalogue and spliced in, rather than re-serialised for every request. Same bytes as
 * `JSON.stringify(result)`: a test holds it to that.
 */
export function serializeMatchResult(
  result: OfferMatchResult,
  offerJson: (id: string, version: number) => string,
): string {
  const matches = result.matches.map((match) => {
    const { offer, ...rest } = match;
    return `{"offer":${offerJson(offer.id, offer.version)},${JSON.stringify(rest).slice(1)}`;
  });
  const { matches: _matches, ...tail } = result;
  return `{"matches":[${matches.join(',')}],${JSON.stringify(tail).slice(1)}`;
}

export function offerHandlers(deps: GatewayDeps) {
  const memo = new MatchMemo();
  let fragments: { catalogue: readonly Offer[]; json: Map<string, string> } | undefined;

  function offerJsonFor(catalogue: readonly Offer[], result: OfferMatchResult) {
    if (fragments?.catalogue !== catalogue) fragments = { catalogue, json: new Map() };
    const json = fragments.json;
    const byKey = new Map(result.matches.map((m) => [`${m.offer.id}@${m.offer.version}`, m.offer]));
    return (id: string, version: number): string => {
      const key = `${id}@${version}`;
      let text = json.get(key);
      if (text === undefined) {
        text = JSON.stringify(byKey.get(key));
        json.set(key, text);
      }
      return text;
    };
  }

  return {
    matchOffers: async (c, { body: request }) => {
      const { partner, claims } = sessionCaller(c);
      const published = await deps.publishedOffers.list();
      const now = deps.clock();
      if (claims.pvw) {
        // A preview: the published catalogue with the previewed version in place of its offer.
        const result = matchOffers({
          offers: withPreviewed(published, await previewedOffer(deps, claims)),
          signals: claims.sig ?? {},
          scenario: claims.scn,
          partnerId: partner.id,
          request,
          now,
          investorLevel: investorLevelFrom(claims.sig),
        });
        return c.json(result, 200, { 'cache-control': 'no-store' });
      }
      const offers = published;
      // The level can change within a session (the user takes the assessment): it is part of the question.
      const investorLevel = investorLevelFrom(claims.sig);
      // Acknowledgements are read only when they can matter: a rated catalogue, a level, overrides on.
      const override =
        investorLevel !== undefined && offers.some((o) => o.riskLevel !== undefined)
          ? await overrideContext(deps.store, deps.suitabilityOverride, partner.id, claims.sub)
          : undefined;
      // Without a level, a user whose assessment lapsed is asked to take it again rather than first.
      const lapsed =
        investorLevel === undefined && offers.some((o) => o.riskLevel !== undefined)
          ? await deps.store.riskAssessments.latest(partner.id, claims.sub)
          : undefined;
      const assessmentExpired = lapsed !== undefined && !assessmentValid(lapsed, now);
      // The same session asking the same question, with the same acknowledgements, gets the same answer.
      const acknowledged =
        override?.overrides.map((o) => `${o.offerId}@${o.offerVersion}:${o.investorLevel}`).join(',') ?? '';
      const key = `${partner.id}\n${claims.jti}\n${investorLevel ?? (assessmentExpired ? 'expired' : '')}\n${acknowledged}\n${await bodyText(c)}`;
      const cached = memo.get(now, offers, key);
      if (cached !== undefined) return c.body(cached, 200, JSON_TYPE);
      const result = matchOffers({
        offers,
        signals: claims.sig ?? {},
        scenario: claims.scn,
        partnerId: partner.id,
        request,
        now,
        // The assessed level is a trusted session signal (`investor.risk_level`), never the request body.
        investorLevel,
        override,
        assessmentExpired,
      });
      // Encoded once: a repeat answer is written to the socket as bytes, with no UTF-8 encoding.
      const body = encoder.encode(serializeMatchResult(result, offerJsonFor(offers, result)));
      memo.set(now, offers, key, body);
      return c.body(body, 200, JSON_TYPE);
    },
  } satisfies FeatureHandlers;
}
