import type { KnowledgeAction, KnowledgeDocument, KnowledgeDocumentContent } from '@finlet/contracts';
import type { Context } from 'hono';
import { etag, ifMatch, requestActor, VersionWorkflow } from '../admin/workflow.js';
import { adminCaller } from '../http/callers.js';
import type { GatewayEnv } from '../http/context.js';
import type { FeatureHandlers, SharedHandler } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import { audit } from '../internal/audit.js';
import type { GatewayDeps } from '../internal/deps.js';
import { StoreConflictError } from '../storage/errors.js';

/** The shared version workflow applied to knowledge documents. */
export function knowledgeWorkflow(
  deps: GatewayDeps,
  onPublishedChange: () => void | Promise<void>,
): VersionWorkflow<KnowledgeDocument> {
  return new VersionWorkflow<KnowledgeDocument>(
    { kind: 'knowledge', noun: 'document', versions: (store) => store.knowledge, onPublishedChange },
    deps,
  );
}

/** Admin API for knowledge documents: the offer workflow (four eyes, versions, audit) applied to documents. */
export function knowledgeHandlers(deps: GatewayDeps, onPublishedChange: () => void | Promise<void>) {
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

  async function create(c: Context<GatewayEnv>, content: KnowledgeDocumentContent, pathId?: string) {
    const admin = adminCaller(c, ['author']);
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

  const workflow = knowledgeWorkflow(deps, onPublishedChange);

  function transition(
    action: Exclude<KnowledgeAction, 'publish'>,
  ): SharedHandler<`${Exclude<KnowledgeAction, 'publish'>}KnowledgeDocument`> {
    return async (c, { params: { id, version }, body: { comment } }) => {
      const actor = requestActor(c, action === 'submit' ? ['author'] : ['approver']);
      const doc = await workflow.transition(actor, id, version, action, comment);
      return c.json(doc, 200, etag(doc));
    };
  }

  return {
    listKnowledgeDocuments: async (c, { query }) => {
      adminCaller(c);
      return c.json({ documents: await deps.store.knowledge.listLatest(query) });
    },
    createKnowledgeDocument: (c, { body }) => create(c, body),
    getKnowledgeDocumentVersions: async (c, { params: { id } }) => {
      adminCaller(c);
      const documents = await deps.store.knowledge.listVersions(id);
      if (documents.length === 0) throw new HttpProblem('not_found', { detail: `No document ${id}.` });
      return c.json({ documents });
    },
    createKnowledgeDocumentVersion: (c, { params, body }) => create(c, body, params.id),
    getKnowledgeDocumentVersion: async (c, { params: { id, version } }) => {
      adminCaller(c);
      const doc = await deps.store.knowledge.getVersion(id, version);
      if (!doc) throw new HttpProblem('not_found', { detail: `No version ${version} of document ${id}.` });
      return c.json(doc, 200, etag(doc));
    },
    updateKnowledgeDocumentDraft: async (c, { params: { id, version }, body: content }) => {
      const actor = requestActor(c, ['author']);
      if (content.id !== id) {
        throw new HttpProblem('invalid_request', {
          detail: `id: the body's id "${content.id}" differs from the path's "${id}".`,
          errors: [{ path: 'id', message: 'must equal the document id in the path' }],
        });
      }
      const doc = await workflow.updateDraft(actor, id, version, content, ifMatch(c));
      return c.json(doc, 200, etag(doc));
    },
    unscheduleKnowledgeDocument: async (c, { params: { id, version }, body: { comment } }) => {
      const actor = requestActor(c, ['approver']);
      const doc = await workflow.unschedule(actor, id, version, comment);
      return c.json(doc, 200, etag(doc));
    },
    rollbackKnowledgeDocument: async (c, { params: { id, version }, body: { comment } }) => {
      const actor = requestActor(c, ['approver']);
      const doc = await workflow.rollback(actor, id, version, comment);
      return c.json(doc, 201, etag(doc));
    },
    submitKnowledgeDocument: transition('submit'),
    approveKnowledgeDocument: transition('approve'),
    rejectKnowledgeDocument: transition('reject'),
    publishKnowledgeDocument: async (c, { params: { id, version }, body: { comment, at } }) => {
      const actor = requestActor(c, ['approver']);
      const doc = await workflow.publish(actor, id, version, { comment, at });
      return c.json(doc, 200, etag(doc));
    },
    retireKnowledgeDocument: transition('retire'),
  } satisfies FeatureHandlers;
}
