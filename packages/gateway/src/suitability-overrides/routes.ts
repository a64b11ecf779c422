import {
  acknowledgementWording,
  overrideAllowed,
  type SuitabilityAcknowledgement,
  type SuitabilityOverridePolicy,
  suits,
} from '@finlet/contracts';
import { investorLevelFrom, type OverrideContext } from '@finlet/engine';
import { sessionCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { jsonResponse, recordIdempotentResponse, sendResponse } from '../http/idempotency.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';
import { newId } from '../internal/ids.js';
import type { Store } from '../storage/store.js';

/** The bank's override policy with the user's recorded acknowledgements, for the engine's match. */
export async function overrideContext(
  store: Store,
  policy: SuitabilityOverridePolicy,
  partnerId: string,
  userId: string,
  offerId?: string,
): Promise<OverrideContext> {
  if (!policy.allowed) return { policy, overrides: [] };
  return { policy, overrides: await store.suitabilityOverrides.listForUser(partnerId, userId, offerId) };
}

export function suitabilityOverrideHandlers(deps: GatewayDeps) {
  return {
    acknowledgeSuitability: async (c, { body }) => {
      const { partner, claims } = sessionCaller(c);
      const offer = (await deps.publishedOffers.list()).find((o) => o.id === body.offerId);
      if (!offer || offer.version !== body.offerVersion) {
        throw new HttpProblem('offer_not_available', {
          detail: offer
            ? `Version ${body.offerVersion} of ${body.offerId} is no longer offered (current: ${offer.version}).`
            : `No published offer ${body.offerId}.`,
          errors: [{ path: 'offerVersion', message: 'not the published version' }],
        });
      }
      const product = offer.riskLevel;
      // The level comes from the session's trusted signals only, never from the request.
      const investor = investorLevelFrom(claims.sig);
      if (product === undefined || (investor !== undefined && suits(investor, product))) {
        throw new HttpProblem('invalid_request', {
          detail: `${offer.id} is not above the user's risk level: there is nothing to acknowledge.`,
          errors: [{ path: 'offerId', message: 'not above the risk level' }],
        });
      }
      if (investor === undefined) {
        throw new HttpProblem('needs_risk_assessment', {
          detail: 'The user has no valid risk assessment: they take it before choosing a rated product.',
        });
      }
      if (!overrideAllowed(deps.suitabilityOverride, investor, product)) {
        throw new HttpProblem('above_risk_level', {
          detail: `The bank's policy does not let a ${investor} investor choose a ${product} product.`,
        });
      }
      // The wording recorded is the one the gateway would have the widget show, and must be what it showed.
      const expected = acknowledgementWording(body.locale, investor, product);
      if (body.wording !== expected) {
        throw new HttpProblem('invalid_request', {
          detail: 'The wording is not the acknowledgement shown for this product and level.',
          errors: [{ path: 'wording', message: `must be: ${expected}` }],
        });
      }
      const ack: SuitabilityAcknowledgement = {
        id: newId('sak'),
        partnerId: partner.id,
        userId: claims.sub,
        offerId: offer.id,
        offerVersion: offer.version,
        investorLevel: investor,
        productLevel: product,
        wording: body.wording,
        locale: body.locale,
        acknowledgedAt: deps.clock().toISOString(),
      };
      const response = jsonResponse(201, ack);
      await deps.store.transaction(async (tx) => {
        await recordIdempotentResponse(c, tx, response);
        await tx.suitabilityOverrides.insert(ack);
      });
      return sendResponse(c, response);
    },
  } satisfies FeatureHandlers;
}
