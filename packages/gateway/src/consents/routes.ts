import type { Consent } from '@finlet/contracts';
import { validateSeparateConsent } from '@finlet/engine';
import { sessionCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';
import { newId } from '../internal/ids.js';
import { emitBankEvent } from '../workspace/feed.js';
import { recordFunnelEvent } from '../workspace/funnel.js';

/** A consent past its expiry reads as `expired`, whatever is stored. */
export function effectiveConsent(consent: Consent, now: Date): Consent {
  return consent.status === 'active' && Date.parse(consent.expiresAt) <= now.getTime()
    ? { ...consent, status: 'expired' }
    : consent;
}

export function consentHandlers(deps: GatewayDeps) {
  async function ownConsent(partnerId: string, userId: string, id: string): Promise<Consent> {
    const consent = await deps.store.consents.get(partnerId, id);
    // Another user's (or partner's) consent is reported exactly like a missing one.
    if (!consent || consent.userId !== userId)
      throw new HttpProblem('not_found', { detail: `No consent ${id}.` });
    return consent;
  }

  return {
    createConsent: async (c, { body: input }) => {
      const { partner, claims } = sessionCaller(c);
      const offending = validateSeparateConsent(input.scopes);
      if (offending) {
        throw new HttpProblem('consent_not_separate', {
          detail: `${offending.join(', ')} must be consented to on its own, separately from other scopes.`,
          errors: [{ path: 'scopes', message: 'sensitive or cross-border scopes need a separate consent' }],
        });
      }
      if (
        input.offerId !== undefined &&
        !(await deps.publishedOffers.list()).some((o) => o.id === input.offerId)
      ) {
        throw new HttpProblem('offer_not_available', { detail: `No published offer ${input.offerId}.` });
      }
      const now = deps.clock();
      const consent: Consent = {
        id: newId('cns'),
        partnerId: partner.id,
        userId: claims.sub,
        scopes: input.scopes,
        purpose: input.purpose,
        offerId: input.offerId ?? null,
        dataCategories: input.dataCategories,
        recipients: { bank: deps.bankName, partner: partner.name },
        retentionDays: input.retentionDays,
        status: 'active',
        grantedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
        withdrawnAt: null,
      };
      await deps.store.transaction(async (tx) => {
        await tx.consents.insert(consent);
        // A consent given for an offer is the funnel's consent step.
        if (consent.offerId) {
          await recordFunnelEvent(tx, {
            partnerId: partner.id,
            userId: claims.sub,
            scenario: claims.scn,
            offerId: consent.offerId,
            step: 'consented',
            at: now,
          });
        }
      });
      return c.json(consent, 201, { location: `/v1/consents/${consent.id}` });
    },
    getConsent: async (c, { params: { id } }) => {
      const { partner, claims } = sessionCaller(c);
      return c.json(effectiveConsent(await ownConsent(partner.id, claims.sub, id), deps.clock()));
    },
    withdrawConsent: async (c, { params: { id } }) => {
      const { partner, claims } = sessionCaller(c);
      const consent = await ownConsent(partner.id, claims.sub, id);
      if (consent.status === 'withdrawn') return c.json(consent);
      const now = deps.clock();
      // The bank hears of it in the same transaction: processing stops from now (PIPL art. 15).
      const withdrawn = await deps.store.transaction(async (tx) => {
        const done = await tx.consents.withdraw(partner.id, id, now.toISOString());
        if (done)
          await emitBankEvent(tx, { type: 'consent.withdrawn', at: now, data: () => ({ consent: done }) });
        return done;
      });
      if (!withdrawn) throw new HttpProblem('not_found', { detail: `No consent ${id}.` });
      deps.webhooks?.notify();
      return c.json(withdrawn);
    },
  } satisfies FeatureHandlers;
}
