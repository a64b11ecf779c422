import type { OfferPreview, Partner } from '@finlet/contracts';
import { previewOffer } from '@finlet/engine';
import { mintSessionToken } from '../auth/sessions.js';
import { adminCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';
import { PREVIEW_SUBJECT_PREFIX, PREVIEW_TTL_SECONDS, previewNudge, previewSignals } from './scope.js';

export function previewHandlers(deps: GatewayDeps) {
  async function partnerFor(partnerId: string | undefined): Promise<Partner> {
    const partner =
      partnerId === undefined
        ? (await deps.store.partners.list()).find((p) => p.status === 'active')
        : await deps.partners.get(partnerId);
    if (partner?.status !== 'active') {
      throw new HttpProblem('invalid_request', {
        detail:
          partnerId === undefined
            ? 'partnerId: there is no active partner to preview with; create one first.'
            : `partnerId: ${partnerId} is not an active partner.`,
        errors: [{ path: 'partnerId', message: 'must be an active partner' }],
      });
    }
    return partner;
  }

  return {
    // A read: it stores nothing and writes no audit entry.
    previewOfferVersion: async (c, { params: { id, version }, body: request }) => {
      const admin = adminCaller(c, ['author', 'approver']);
      const offer = await deps.store.offers.getVersion(id, version);
      if (!offer) throw new HttpProblem('not_found', { detail: `No version ${version} of offer ${id}.` });
      const partner = await partnerFor(request.partnerId);
      const now = deps.clock();
      const userId = `${PREVIEW_SUBJECT_PREFIX}${admin.id}`;
      const session = await mintSessionToken(
        deps.sessions,
        partner.id,
        {
          userId,
          scenario: request.scenario,
          ...(request.signals ? { signals: request.signals } : {}),
          ...(request.prefill ? { prefill: request.prefill } : {}),
          ...(request.locale ? { locale: request.locale } : {}),
          ttlSeconds: PREVIEW_TTL_SECONDS,
        },
        now,
        {
          offerId: offer.id,
          version: offer.version,
          ...(request.events?.length ? { evt: request.events } : {}),
        },
      );
      const outcome = previewOffer({
        offer,
        signals: request.signals ?? {},
        events: previewSignals({ sub: userId, sig: request.signals }, request.events, now),
        scenario: request.scenario,
        partnerId: partner.id,
        now,
        amount: request.prefill?.amount,
        termMonths: request.prefill?.termMonths,
      });
      const body: OfferPreview = {
        token: session.token,
        expiresAt: session.expiresAt.toISOString(),
        partnerId: partner.id,
        evaluation: outcome.evaluation,
        nudge: outcome.nudge
          ? previewNudge(outcome.nudge, { partnerId: partner.id, userId, jti: session.sessionId, now })
          : null,
        nudgeReason: outcome.nudgeReason,
        triggers: outcome.triggers,
      };
      return c.json(body, 200, { 'cache-control': 'no-store' });
    },
  } satisfies FeatureHandlers;
}
