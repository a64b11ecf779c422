import { type Application, type Consent, PartnerApplicationView } from '@finlet/contracts';
import { checkConsents, investorLevelFrom, matchOffers, requiredScopesForApplication } from '@finlet/engine';
import { sessionCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { jsonResponse, recordIdempotentResponse, sendResponse } from '../http/idempotency.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';
import { newId } from '../internal/ids.js';
import { overrideContext } from '../suitability-overrides/routes.js';
import { emitWebhookEvent } from '../webhooks/outbox.js';
import { applicationEventData, emitBankEvent } from '../workspace/feed.js';

/** Shows the first four and last four characters of an ID number, as bank statements do. */
export function maskIdNumber(id: string): string {
  return id.length <= 8
    ? '*'.repeat(id.length)
    : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export function applicationHandlers(deps: GatewayDeps) {
  return {
    createApplication: async (c, { body: input }) => {
      const { partner, claims } = sessionCaller(c);
      const now = deps.clock();

      const offer = (await deps.publishedOffers.list()).find((o) => o.id === input.offerId);
      if (!offer || (input.offerVersion !== undefined && input.offerVersion !== offer.version)) {
        throw new HttpProblem('offer_not_available', {
          detail:
            offer && input.offerVersion !== undefined
              ? `Version ${input.offerVersion} of ${input.offerId} is no longer offered (current: ${offer.version}).`
              : `No published offer ${input.offerId}.`,
        });
      }
      // A product with an amount range (a loan, a fund) needs the amount; one without (an account,
      // a debit card, a deposit) is applied for without one.
      if (offer.amount !== undefined && input.amount === undefined) {
        throw new HttpProblem('invalid_request', {
          detail: `${offer.id} needs an amount within its range.`,
          errors: [{ path: 'amount', message: 'required for this product' }],
        });
      }
      // Eligibility is decided again here from the trusted session, never taken from the widget.
      const [match] = matchOffers({
        offers: [offer],
        signals: claims.sig ?? {},
        scenario: claims.scn,
        partnerId: partner.id,
        request: {
          ...(input.amount !== undefined ? { amount: input.amount } : {}),
          ...(input.termMonths !== undefined ? { termMonths: input.termMonths } : {}),
          includeIneligible: true,
          limit: 1,
        },
        now,
        investorLevel: investorLevelFrom(claims.sig),
        // An above-level product passes only with the user's recorded acknowledgement, where policy allows.
        override: await overrideContext(
          deps.store,
          deps.suitabilityOverride,
          partner.id,
          claims.sub,
          offer.id,
        ),
      }).matches;
      if (!match)
        throw new HttpProblem('offer_not_available', {
          detail: `${offer.id} is not offered in this session.`,
        });
      const unsuitable = match.checks.find((check) => !check.met && check.code !== undefined);
      if (unsuitable?.code) {
        throw new HttpProblem(unsuitable.code, { detail: unsuitable.reason?.en ?? unsuitable.code });
      }
      const failedChecks = match.checks.filter((check) => !check.met);
      if (failedChecks.length > 0) {
        throw new HttpProblem('amount_out_of_range', {
          detail: failedChecks
            .map((f) => `${f.check}: needs ${f.expected}, got ${f.observed ?? 'nothing'}`)
            .join('; '),
          errors: failedChecks.map((f) => ({
            path: f.check === 'term' ? 'termMonths' : 'amount',
            message: `needs ${f.expected}`,
          })),
        });
      }
      const unmet = match.criteria.filter((criterion) => !criterion.met);
      if (unmet.length > 0) {
        throw new HttpProblem('offer_not_eligible', {
          detail: `Unmet: ${unmet.map((u) => u.label.en).join('; ')}.`,
        });
      }

      const consents = (
        await Promise.all(input.consentIds.map((id) => deps.store.consents.get(partner.id, id)))
      ).filter((consent): consent is Consent => consent !== undefined);
      const coverage = checkConsents({
        consents,
        required: requiredScopesForApplication(input.applicant),
        userId: claims.sub,
        partnerId: partner.id,
        now,
      });
      if (!coverage.ok) {
        throw new HttpProblem('consent_required', {
          detail: `Missing live consent for: ${coverage.missing.join(', ')}.`,
          errors: coverage.missing.map((scope) => ({
            path: 'consentIds',
            message: `no live consent covers ${scope}`,
          })),
        });
      }

      const application: Application = {
        id: newId('app'),
        partnerId: partner.id,
        userId: claims.sub,
        offerId: offer.id,
        offerVersion: offer.version,
        amount: input.amount ?? null,
        termMonths: input.termMonths ?? null,
        purpose: input.purpose ?? null,
        status: 'submitted',
        applicant: {
          name: input.applicant.name,
          phone: input.applicant.phone ?? null,
          email: input.applicant.email ?? null,
          businessName: input.applicant.businessName ?? null,
          idNumberMasked: input.applicant.idNumber ? maskIdNumber(input.applicant.idNumber) : null,
        },
        consentIds: [...new Set(input.consentIds)],
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      const response = jsonResponse(201, application, { location: `/v1/applications/${application.id}` });
      // The partner hears of it by webhook, and a retry with the Idempotency-Key finds this answer: the
      // outbox row and the stored response commit with the application or not at all.
      await deps.store.transaction(async (tx) => {
        await recordIdempotentResponse(c, tx, response);
        await tx.applications.insert({
          application,
          idNumber: input.applicant.idNumber ?? null,
          session: claims,
        });
        await emitWebhookEvent(tx, {
          partnerId: partner.id,
          type: 'application.created',
          data: PartnerApplicationView.parse(application),
          at: now,
        });
        // The bank's own feed gets the file's summary, masked for each listening endpoint's role.
        await emitBankEvent(tx, {
          type: 'application.submitted',
          at: now,
          data: (role) => applicationEventData(application, claims.scn, role),
        });
      });
      deps.webhooks?.notify();
      return sendResponse(c, response);
    },
    getApplication: async (c, { params: { id } }) => {
      const caller = c.get('caller');
      if (caller?.kind !== 'session' && caller?.kind !== 'partner') throw new HttpProblem('unauthorized');
      const record = await deps.store.applications.get(caller.partner.id, id);
      const notFound = new HttpProblem('not_found', { detail: `No application ${id}.` });
      if (!record) throw notFound;
      if (caller.kind === 'session') {
        if (record.application.userId !== caller.claims.sub) throw notFound;
        return c.json(record.application);
      }
      // The partner's server sees the status, not the applicant's data or the bank's reasons.
      return c.json(PartnerApplicationView.parse(record.application));
    },
  } satisfies FeatureHandlers;
}
