import {
  type AdminIdentity,
  type Application,
  type ApplicationDecision,
  type ApplicationStatusUpdate,
  DECLINE_REASONS,
  type DecisionRecord,
  PartnerApplicationView,
  type PendingApproval,
} from '@finlet/contracts';
import { canMoveApplication, needsSecondApproval } from '@finlet/engine';
import type { Context } from 'hono';
import type { z } from 'zod';
import { etag, ifMatch } from '../admin/workflow.js';
import { adminCaller } from '../http/callers.js';
import type { GatewayEnv } from '../http/context.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import { audit } from '../internal/audit.js';
import type { GatewayDeps } from '../internal/deps.js';
import { newId } from '../internal/ids.js';
import type { Store } from '../storage/store.js';
import { emitWebhookEvent } from '../webhooks/outbox.js';
import { applicationEventData, emitBankEvent } from './feed.js';
import { recordDecision } from './funnel.js';

type Update = z.output<typeof ApplicationStatusUpdate>;
type Terms = NonNullable<DecisionRecord['approvedTerms']>;

/** Roles that decide on applications (admin always may). */
export const DECIDERS = ['approver', 'reviewer'] as const;

const sameTerms = (a: Terms | null, b: Terms) =>
  a !== null &&
  a.amount?.value === b.amount?.value &&
  a.amount?.currency === b.amount?.currency &&
  a.termMonths === b.termMonths &&
  a.aprBps === b.aprBps;

/** The pending first approval, unless a later decision superseded it. */
export function pendingApproval(decisions: readonly DecisionRecord[]): DecisionRecord | null {
  const last = decisions.at(-1);
  return last?.kind === 'pending_approval' ? last : null;
}

function approvedTerms(application: Application, input: Update): Terms | null {
  if (input.status !== 'approved') return null;
  const amount = input.terms?.amount ?? application.amount;
  // An application without an amount (an account, a debit card) is approved without one.
  if (application.amount === null) {
    if (input.terms?.amount !== undefined)
      throw new HttpProblem('invalid_request', {
        detail: 'This application has no amount to approve.',
        errors: [{ path: 'terms.amount', message: 'not applicable: the product has no amount' }],
      });
  } else if (amount !== null && amount.currency !== application.amount.currency) {
    throw new HttpProblem('invalid_request', {
      detail: `The approved amount must be in ${application.amount.currency}, the currency applied for.`,
      errors: [{ path: 'terms.amount.currency', message: `must be ${application.amount.currency}` }],
    });
  }
  return {
    amount,
    termMonths: input.terms?.termMonths ?? application.termMonths,
    aprBps: input.terms?.aprBps ?? null,
  };
}

function decisionRecord(
  kind: DecisionRecord['kind'],
  admin: AdminIdentity,
  input: Update,
  terms: Terms | null,
  now: Date,
): DecisionRecord {
  return {
    id: newId('dec'),
    kind,
    status: input.status,
    by: { id: admin.id, name: admin.name, role: admin.role },
    at: now.toISOString(),
    question: input.status === 'more_info_needed' ? input.question : null,
    reasonCodes: input.status === 'declined' ? input.reasonCodes : [],
    approvedTerms: terms,
  };
}

async function decide(
  deps: GatewayDeps,
  c: Context<GatewayEnv>,
  tx: Store,
  admin: AdminIdentity,
  id: string,
  input: Update,
  now: Date,
): Promise<{ application: Application } | { pending: PendingApproval }> {
  const record = await tx.applications.find(id);
  if (!record) throw new HttpProblem('not_found', { detail: `No application ${id}.` });
  const before = record.application;
  const expected = ifMatch(c);
  if (expected !== undefined && expected !== before.updatedAt) {
    throw new HttpProblem('stale_version', {
      detail: `Application ${id} changed since you opened it (now ${before.updatedAt}); reload it and decide again.`,
    });
  }
  if (!canMoveApplication(before.status, input.status)) {
    throw new HttpProblem('invalid_state_transition', {
      detail: `An application that is ${before.status} cannot become ${input.status}.`,
    });
  }
  const terms = approvedTerms(before, input);
  if (input.status === 'approved') {
    // Processing stops once consent is withdrawn (PIPL art. 15): no approval on a withdrawn consent.
    for (const consentId of before.consentIds) {
      const consent = await tx.consents.get(before.partnerId, consentId);
      if (consent?.status === 'withdrawn') {
        throw new HttpProblem('consent_withdrawn', {
          detail: `The applicant withdrew consent ${consentId} at ${consent.withdrawnAt}; the application can only be declined.`,
        });
      }
    }
  }
  const history = await tx.workspace.decisions(id);
  if (terms?.amount && needsSecondApproval(terms.amount, deps.fourEyesAbove)) {
    const first = pendingApproval(history);
    if (first && sameTerms(first.approvedTerms, terms) && first.by.id === admin.id) {
      throw new HttpProblem('second_approver_required', {
        detail: `${admin.name} made the first approval; a different reviewer must confirm it.`,
      });
    }
    // No first approval yet, or one for other terms: this one is the first of two.
    if (!first || !sameTerms(first.approvedTerms, terms)) {
      const pending = decisionRecord('pending_approval', admin, input, terms, now);
      const touched: Application = { ...before, updatedAt: now.toISOString() };
      if (!(await tx.applications.update(touched, before.status))) {
        throw new HttpProblem('conflict', {
          detail: `Application ${id} changed meanwhile; read it and try again.`,
        });
      }
      await tx.workspace.insertDecision(id, pending);
      await audit(tx, c, now, {
        action: 'application.approval_pending',
        target: { kind: 'application', id, version: null },
        before: { status: before.status },
        after: { status: 'approved', approvedTerms: terms, pending: true },
        ...(input.comment ? { comment: input.comment } : {}),
      });
      return { pending: { applicationId: id, status: 'pending_second_approval', firstApproval: pending } };
    }
  }

  const decision: ApplicationDecision = {
    status: input.status,
    decidedAt: now.toISOString(),
    question: input.status === 'more_info_needed' ? input.question : null,
    reasons:
      input.status === 'declined'
        ? input.reasonCodes.map((code) => ({ code, text: { ...DECLINE_REASONS[code] } }))
        : [],
    approvedTerms: terms,
  };
  const after: Application = { ...before, status: input.status, updatedAt: now.toISOString(), decision };
  if (!(await tx.applications.update(after, before.status))) {
    throw new HttpProblem('conflict', {
      detail: `Application ${id} changed meanwhile; read it and try again.`,
    });
  }
  await tx.workspace.insertDecision(id, decisionRecord('decision', admin, input, terms, now));
  await audit(tx, c, now, {
    action: 'application.status',
    target: { kind: 'application', id, version: null },
    before: { status: before.status },
    // Codes and terms, never the applicant's personal data.
    after: {
      status: after.status,
      ...(input.status === 'declined' ? { reasonCodes: input.reasonCodes } : {}),
      ...(terms ? { approvedTerms: terms } : {}),
    },
    ...(input.comment ? { comment: input.comment } : {}),
  });
  await recordDecision(tx, { before, after, at: now, amount: terms?.amount ?? null });
  // The partner learns the status only, never the bank's reasons, question or terms.
  await emitWebhookEvent(tx, {
    partnerId: after.partnerId,
    type: 'application.updated',
    data: PartnerApplicationView.parse(after),
    at: now,
  });
  const bankType =
    after.status === 'approved' || after.status === 'declined'
      ? ('application.decided' as const)
      : after.status === 'more_info_needed'
        ? ('application.more_info_requested' as const)
        : undefined;
  if (bankType) {
    const scenario = await tx.workspace.scenarioOf(id);
    await emitBankEvent(tx, {
      type: bankType,
      at: now,
      data: (role) => applicationEventData(after, scenario, role, { decidedBy: admin }),
    });
  }
  return { application: after };
}

export function decisionHandlers(deps: GatewayDeps) {
  return {
    updateApplicationStatus: async (c, { params: { id }, body: input }) => {
      const admin = adminCaller(c, DECIDERS);
      const now = deps.clock();
      const outcome = await deps.store.transaction((tx) => decide(deps, c, tx, admin, id, input, now));
      if ('pending' in outcome) return c.json(outcome.pending, 202);
      deps.webhooks?.notify();
      return c.json(outcome.application, 200, etag(outcome.application));
    },
  } satisfies FeatureHandlers;
}
