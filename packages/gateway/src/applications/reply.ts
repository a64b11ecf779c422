import { type Application, PartnerApplicationView } from '@finlet/contracts';
import { sessionCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import { audit } from '../internal/audit.js';
import type { GatewayDeps } from '../internal/deps.js';
import { emitWebhookEvent } from '../webhooks/outbox.js';
import { applicationEventData, emitBankEvent } from '../workspace/feed.js';

/** The applicant answers the bank's question: the application goes back to the inbox, under review. */
export function replyHandlers(deps: GatewayDeps) {
  return {
    replyToApplication: async (c, { params, body: input }) => {
      const { partner, claims } = sessionCaller(c);
      const { id } = params;
      const now = deps.clock();
      const after = await deps.store.transaction(async (tx) => {
        const record = await tx.applications.get(partner.id, id);
        // Another user's application does not exist for this one.
        if (!record || record.application.userId !== claims.sub) {
          throw new HttpProblem('not_found', { detail: `No application ${id}.` });
        }
        const before = record.application;
        const question = before.decision?.question;
        if (before.status !== 'more_info_needed' || !question) {
          throw new HttpProblem('no_question_pending', {
            detail: `Application ${id} is ${before.status}; the bank has asked nothing to answer.`,
          });
        }
        const at = now.toISOString();
        const reply = { question, answer: input.answer, documentsNote: input.documentsNote || null, at };
        const updated: Application = {
          ...before,
          status: 'under_review',
          updatedAt: at,
          replies: [...(before.replies ?? []), reply],
        };
        if (!(await tx.applications.update(updated, before.status))) {
          throw new HttpProblem('conflict', {
            detail: `Application ${id} changed meanwhile; read it and try again.`,
          });
        }
        await audit(tx, c, now, {
          action: 'application.reply',
          target: { kind: 'application', id, version: null },
          before: { status: before.status },
          // That an answer came, not what it says: the file holds it for those allowed to read it.
          after: { status: updated.status, replies: updated.replies?.length ?? 0 },
        });
        await emitWebhookEvent(tx, {
          partnerId: partner.id,
          type: 'application.updated',
          data: PartnerApplicationView.parse(updated),
          at: now,
        });
        const scenario = await tx.workspace.scenarioOf(id);
        await emitBankEvent(tx, {
          type: 'application.replied',
          at: now,
          data: (role) =>
            applicationEventData(updated, scenario, role, { reply: { text: input.answer, at } }),
        });
        return updated;
      });
      deps.webhooks?.notify();
      return c.json(after);
    },
  } satisfies FeatureHandlers;
}
