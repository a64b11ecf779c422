import {
  type KnowledgeAction,
  type KnowledgeDocument,
  KnowledgeDocumentContent,
  KnowledgeListQuery,
  OfferTransition,
} from '@finlet/contracts';
import { nextOfferState } from '@finlet/engine';
import type { Context } from 'hono';
import { z } from 'zod';
import { parseParams, readJson } from '../http/body.js';
import { adminCaller } from '../http/callers.js';
import type { GatewayEnv } from '../http/context.js';
import type { Handlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import { audit } from '../internal/audit.js';
import type { GatewayDeps } from '../internal/deps.js';
import { StoreConflictError } from '../storage/store.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const VersionParams = z.object({
  id: z.string().min(1).max(64),
  version: z.coerce.number().int().min(1).max(1_000_000),
});

/** Admin API for knowledge documents: the offer workflow (four eyes, versions, audit) applied to documents. */
export function knowledgeHandlers(deps: GatewayDeps, onPublishedChange: () => void): Handlers {
  function draft(
    content: KnowledgeDocumentContent,
    version: number,
    authorId: string,
    at: string,
  ): KnowledgeDocument {
    return {
      ...content,
      version,
      status: 'draft',
      createdBy: authorId,
      createdAt: at,
      updatedAt: at,
      submittedBy: null,
      approvedBy: null,
      publishedAt: null,
      retiredAt: null,
    };
  }

  async function create(c: Context<GatewayEnv>, pathId?: string) {
    const admin = adminCaller(c, ['author']);
    const content = await readJson(c, KnowledgeDocumentContent);
    if (pathId !== undefined && content.id !== pathId) {
      throw new HttpProblem('invalid_request', {
        detail: `id: the body's id "${content.id}" differs from the path's "${pathId}".`,
        errors: [{ path: 'id', message: 'must equal the document id in the path' }],
      });
    }
    const now = deps.clock();
    const doc = await deps.store.transaction(async (tx) => {
      const latest = await tx.knowledge.latestVersionNumber(content.id);
      if (pathId === undefined && latest > 0) {
        throw new HttpProblem('conflict', {
          detail: `Document ${content.id} exists; create a new version instead.`,
        });
      }
      if (pathId !== undefined && latest === 0)
        throw new HttpProblem('not_found', { detail: `No document ${pathId}.` });
      const created = draft(content, latest + 1, admin.id, now.toISOString());
      try {
        await tx.knowledge.insertVersion(created);
      } catch (error) {
        if (error instanceof StoreConflictError) throw new HttpProblem('conflict', { detail: error.message });
        throw error;
      }
      await audit(tx, c, now, {
        action: 'knowledge.create',
        target: { kind: 'knowledge', id: created.id, version: created.version },
        after: { status: 'draft' },
      });
      return created;
    });
    return c.json(doc, 201);
  }

  function transition(action: KnowledgeAction) {
    return async (c: Context<GatewayEnv>) => {
      const admin = adminCaller(c, action === 'submit' ? ['author'] : ['approver']);
      const { id, version } = parseParams(VersionParams, c.req.param(), 'path');
      const { comment } = await readJson(c, OfferTransition);
      if (action === 'reject' && !comment) {
        throw new HttpProblem('invalid_request', {
          detail: 'comment: say why the version is rejected.',
          errors: [{ path: 'comment', message: 'required when rejecting' }],
        });
      }
      const now = deps.clock();
      const at = now.toISOString();
      const conflict = (v: number) =>
        new HttpProblem('conflict', { detail: `Document ${id} version ${v} changed meanwhile; retry.` });
      const updated = await deps.store.transaction(async (tx) => {
        const before = await tx.knowledge.getVersion(id, version);
        if (!before)
          throw new HttpProblem('not_found', { detail: `No version ${version} of document ${id}.` });
        const next = nextOfferState(before.status, action, {
          actorId: admin.id,
          actorRole: admin.role,
          createdBy: before.createdBy,
          submittedBy: before.submittedBy,
        });
        if (!next.ok)
          throw new HttpProblem(next.code, { detail: next.reason.replaceAll('offer', 'document') });
        const after: KnowledgeDocument = {
          ...before,
          status: next.status,
          updatedAt: at,
          ...(action === 'submit' ? { submittedBy: admin.id } : {}),
          ...(action === 'approve' ? { approvedBy: admin.id } : {}),
          ...(action === 'reject' ? { submittedBy: null, approvedBy: null } : {}),
          ...(action === 'publish' ? { publishedAt: at, retiredAt: null } : {}),
          ...(action === 'retire' ? { retiredAt: at } : {}),
        };
        if (action === 'publish') {
          const current = await tx.knowledge.getPublished(id);
          if (current) {
            const retired = { ...current, status: 'retired' as const, retiredAt: at, updatedAt: at };
            if (!(await tx.knowledge.updateVersion(retired, 'published'))) throw conflict(current.version);
            await audit(tx, c, now, {
              action: 'knowledge.retire',
              target: { kind: 'knowledge', id, version: current.version },
              before: { status: 'published' },
              after: { status: 'retired' },
              comment: `superseded by version ${version}`,
            });
          }
        }
        if (!(await tx.knowledge.updateVersion(after, before.status))) throw conflict(version);
        await audit(tx, c, now, {
          action: `knowledge.${action}`,
          target: { kind: 'knowledge', id, version },
          before: { status: before.status },
          after: { status: after.status },
          ...(comment ? { comment } : {}),
        });
        return after;
      });
      if (action === 'publish' || action === 'retire') onPublishedChange();
      return c.json(updated);
    };
  }

  return {
    listKnowledgeDocuments: async (c) => {
      adminCaller(c);
      const query = parseParams(KnowledgeListQuery, c.req.query(), 'query');
      return c.json({ documents: await deps.store.knowledge.listLatest(query) });
    },
    createKnowledgeDocument: (c) => create(c),
    getKnowledgeDocumentVersions: async (c) => {
      adminCaller(c);
      const { id } = parseParams(IdParams, c.req.param(), 'path');
      const documents = await deps.store.knowledge.listVersions(id);
      if (documents.length === 0) throw new HttpProblem('not_found', { detail: `No document ${id}.` });
      return c.json({ documents });
    },
    createKnowledgeDocumentVersion: (c) => create(c, parseParams(IdParams, c.req.param(), 'path').id),
    submitKnowledgeDocument: transition('submit'),
    approveKnowledgeDocument: transition('approve'),
    rejectKnowledgeDocument: transition('reject'),
    publishKnowledgeDocument: transition('publish'),
    retireKnowledgeDocument: transition('retire'),
  };
}
