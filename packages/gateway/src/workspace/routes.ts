import type {
  AdminApplicationList,
  AdminApplicationSummary,
  ApplicationFile,
  Consent,
  FunnelReport,
  TimelineEntry,
} from '@finlet/contracts';
import { riskBrief } from '@finlet/engine';
import { etag } from '../admin/workflow.js';
import { effectiveConsent } from '../consents/routes.js';
import { adminCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';
import { currentAssessment } from '../suitability/routes.js';
import { pendingApproval } from './decisions.js';
import { daySpan } from './funnel-days.js';
import { applicantAccess, maskApplicant } from './mask.js';
import type { InboxRow } from './store.js';

/** Roles that read applications (admin always may); authors do not. */
export const APPLICATION_READERS = ['approver', 'reviewer', 'agent'] as const;

const encodeCursor = (row: { submittedAt: string; id: string }) =>
  Buffer.from(JSON.stringify([row.submittedAt, row.id])).toString('base64url');

function decodeCursor(cursor: string): { submittedAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      !Number.isNaN(Date.parse(value[0]))
    ) {
      return { submittedAt: value[0], id: value[1] };
    }
  } catch {}
  throw new HttpProblem('invalid_request', {
    detail: 'The cursor is not one this gateway issued.',
    errors: [{ path: 'cursor', message: 'must be the `next` value of a previous page' }],
  });
}

/** Stored times are UTC text; a query with another offset would compare wrongly as text. */
const utc = (t: string | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

export function summarize(row: InboxRow, role: Parameters<typeof maskApplicant>[1]): AdminApplicationSummary {
  const { application } = row;
  return {
    id: application.id,
    partnerId: application.partnerId,
    userId: application.userId,
    scenario: row.scenario,
    offerId: application.offerId,
    offerVersion: application.offerVersion,
    amount: application.amount,
    termMonths: application.termMonths,
    purpose: application.purpose,
    status: application.status,
    applicant: maskApplicant(application.applicant, role),
    submittedAt: application.createdAt,
    updatedAt: application.updatedAt,
  };
}

export function workspaceHandlers(deps: GatewayDeps) {
  return {
    getFunnel: async (c, { query }) => {
      // Counts only, no personal data: product teams read it too.
      adminCaller(c, ['author', 'approver', 'reviewer']);
      const rollups = deps.store.funnelRollups;
      // Whole days of the bank: the range is widened to the bounds of the days it touches.
      const span = daySpan(rollups.timeZone, new Date(query.from), new Date(query.to));
      const rows = await rollups.funnel({
        firstDay: span.firstDay,
        lastDay: span.lastDay,
        partnerId: query.partnerId,
        scenario: query.scenario,
        offerId: query.offerId,
        byDay: query.by === 'day',
      });
      const body: FunnelReport = {
        from: span.from.toISOString(),
        to: span.to.toISOString(),
        timeZone: rollups.timeZone,
        rows,
      };
      return c.json(body);
    },
    getApplicationFile: async (c, { params: { id } }) => {
      const admin = adminCaller(c, APPLICATION_READERS);
      const access = applicantAccess(admin.role);
      const record = await deps.store.applications.find(id);
      if (!record) throw new HttpProblem('not_found', { detail: `No application ${id}.` });
      const { application } = record;
      const submittedAt = application.createdAt;
      const now = deps.clock();
      const [
        scenario,
        submission,
        offer,
        consents,
        disclosures,
        handoff,
        decisions,
        acknowledgements,
        assessment,
      ] = await Promise.all([
        deps.store.workspace.scenarioOf(id),
        deps.store.workspace.submission(id),
        deps.store.offers.getVersion(application.offerId, application.offerVersion),
        Promise.all(application.consentIds.map((cid) => deps.store.consents.get(application.partnerId, cid))),
        deps.store.workspace.disclosuresShown(
          application.partnerId,
          application.userId,
          application.offerId,
          submittedAt,
        ),
        deps.store.workspace.latestHandoff(application.partnerId, application.userId, submittedAt),
        deps.store.workspace.decisions(id),
        deps.store.suitabilityOverrides.listForUser(
          application.partnerId,
          application.userId,
          application.offerId,
        ),
        currentAssessment(deps.store, application.partnerId, application.userId, now),
      ]);
      const liveConsents = consents
        .filter((consent): consent is Consent => consent !== undefined)
        .map((consent) => effectiveConsent(consent, now));
      const timeline: TimelineEntry[] = [
        ...disclosures.map((receipt) => ({
          at: receipt.shownAt,
          // Opening <finlet-apply> for the offer shows its disclosures: that is the user choosing it.
          kind: receipt.surface === 'apply' ? ('selected' as const) : ('shown' as const),
          ref: receipt.id,
          detail: receipt.surface,
        })),
        ...liveConsents.flatMap((consent) => [
          {
            at: consent.grantedAt,
            kind: 'consented' as const,
            ref: consent.id,
            detail: consent.scopes.join(' '),
          },
          ...(consent.withdrawnAt
            ? [{ at: consent.withdrawnAt, kind: 'consent_withdrawn' as const, ref: consent.id, detail: null }]
            : []),
        ]),
        { at: submittedAt, kind: 'submitted', ref: application.id, detail: null },
        ...(application.replies ?? []).map((reply, i) => ({
          at: reply.at,
          kind: 'replied' as const,
          ref: `${application.id}#reply-${i + 1}`,
          detail: null,
        })),
        ...decisions.map((d) => ({
          at: d.at,
          kind: d.kind === 'pending_approval' ? ('pending_approval' as const) : ('decided' as const),
          ref: d.id,
          detail: d.status,
        })),
      ];
      // Equal times keep the journey's order (shown before selected before consent before submit).
      const order: TimelineEntry['kind'][] = [
        'shown',
        'selected',
        'consented',
        'submitted',
        'pending_approval',
        'decided',
        'replied',
        'consent_withdrawn',
      ];
      timeline.sort((a, b) => a.at.localeCompare(b.at) || order.indexOf(a.kind) - order.indexOf(b.kind));
      const file: ApplicationFile = {
        application: {
          ...summarize({ application, scenario: scenario ?? submission?.scenario ?? null }, admin.role),
          consentIds: application.consentIds,
        },
        access,
        offer: offer ?? null,
        consents: liveConsents,
        signals: {
          recorded: submission !== undefined,
          session: submission
            ? {
                id: submission.sessionId,
                issuedAt: submission.sessionIssuedAt,
                claims: submission.sessionSignals,
              }
            : null,
          partner: submission?.partnerSignals ?? [],
        },
        disclosures,
        handoff: handoff ?? null,
        // The bank sees that the applicant chose a product above their level knowingly, and the words they saw.
        suitabilityAcknowledgements: acknowledgements.filter(
          (a) => a.offerVersion === application.offerVersion && a.acknowledgedAt <= submittedAt,
        ),
        replies: application.replies ?? [],
        timeline,
        decisions,
        pendingApproval: pendingApproval(decisions),
        brief: riskBrief({
          application: {
            id: application.id,
            partnerId: application.partnerId,
            amount: application.amount,
            termMonths: application.termMonths,
            purpose: application.purpose,
            submittedAt,
          },
          offer: offer ?? null,
          session: submission
            ? {
                id: submission.sessionId,
                issuedAt: submission.sessionIssuedAt,
                claims: submission.sessionSignals,
              }
            : null,
          partnerSignals: submission?.partnerSignals ?? [],
          consents: liveConsents,
        }),
        ...(assessment ? { riskAssessment: assessment } : {}),
      };
      return c.json(file, 200, etag(application));
    },
    listAdminApplications: async (c, { query }) => {
      const admin = adminCaller(c, APPLICATION_READERS);
      const access = applicantAccess(admin.role);
      const rows = await deps.store.workspace.inbox({
        status: query.status,
        partnerId: query.partnerId,
        scenario: query.scenario,
        offerId: query.offerId,
        submittedFrom: utc(query.submittedFrom),
        submittedTo: utc(query.submittedTo),
        currency: query.currency,
        amountMin: query.amountMin,
        amountMax: query.amountMax,
        q: query.q,
        // A role that sees names masked must not find people by name either.
        searchNames: access.name === 'full' && access.businessName === 'full',
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: query.limit,
      });
      const applications = rows.map((row) => summarize(row, admin.role));
      const last = applications.at(-1);
      const body: AdminApplicationList = {
        applications,
        next: last && applications.length === query.limit ? encodeCursor(last) : null,
      };
      return c.json(body);
    },
  } satisfies FeatureHandlers;
}
