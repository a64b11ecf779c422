import {
  AuditQuery,
  type Offer,
  type OfferAction,
  OfferContent,
  OfferListQuery,
  OfferTransition,
  PartnerCreate,
} from '@finlet/contracts';
import { nextOfferState } from '@finlet/engine';
import type { Context } from 'hono';
import { z } from 'zod';
import { createPartner } from '../bootstrap.js';
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

export function adminHandlers(deps: GatewayDeps): Handlers {
  async function getVersion(id: string, version: number): Promise<Offer> {
    const offer = await deps.store.offers.getVersion(id, version);
    if (!offer) throw new HttpProblem('not_found', { detail: `No version ${version} of offer ${id}.` });
    return offer;
  }

  function newDraft(content: OfferContent, version: number, authorId: string, now: Date): Offer {
    const at = now.toISOString();
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

  async function readContent(c: Context<GatewayEnv>, pathId?: string): Promise<OfferContent> {
    const content = await readJson(c, OfferContent);
    if (pathId !== undefined && content.id !== pathId) {
      throw new HttpProblem('invalid_request', {
        detail: `id: the body's id "${content.id}" differs from the path's "${pathId}".`,
        errors: [{ path: 'id', message: 'must equal the offer id in the path' }],
      });
    }
    return content;
  }

  function transition(action: OfferAction) {
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
      const updated = await deps.store.transaction(async (tx) => {
        const before = await tx.offers.getVersion(id, version);
        if (!before) throw new HttpProblem('not_found', { detail: `No version ${version} of offer ${id}.` });
        const next = nextOfferState(before.status, action, {
          actorId: admin.id,
          actorRole: admin.role,
          createdBy: before.createdBy,
          submittedBy: before.submittedBy,
        });
        if (!next.ok) throw new HttpProblem(next.code, { detail: next.reason });
        const after: Offer = {
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
          // One published version per offer: the one it replaces is retired in the same transaction.
          const current = await tx.offers.getPublished(id);
          if (current) {
            const retired: Offer = { ...current, status: 'retired', retiredAt: at, updatedAt: at };
            if (!(await tx.offers.updateVersion(retired, 'published'))) throw conflict(id, current.version);
            await audit(tx, c, now, {
              action: 'offer.retire',
              target: { kind: 'offer', id, version: current.version },
              before: { status: current.status },
              after: { status: 'retired' },
              comment: `superseded by version ${version}`,
            });
          }
        }
        if (!(await tx.offers.updateVersion(after, before.status))) throw conflict(id, version);
        await audit(tx, c, now, {
          action: `offer.${action}`,
          target: { kind: 'offer', id, version },
          before: { status: before.status },
          after: { status: after.status },
          ...(comment ? { comment } : {}),
        });
        return after;
      });
      if (action === 'publish' || action === 'retire') deps.publishedOffers.invalidate();
      return c.json(updated);
    };
  }

  return {
    adminMe: (c) => c.json(adminCaller(c, ['author', 'approver'])),
    listPartners: async (c) => {
      adminCaller(c, []);
      return c.json({ partners: await deps.store.partners.list() });
    },
    createPartner: async (c) => {
      const admin = adminCaller(c, []);
      const input = await readJson(c, PartnerCreate);
      const created = await createPartner(
        deps.store,
        input,
        deps.clock(),
        { kind: 'admin', id: admin.id, name: admin.name },
        c.get('requestId'),
      );
      deps.partners.invalidate();
      return c.json(created, 201, { 'cache-control': 'no-store' });
    },
    listOffers: async (c) => {
      adminCaller(c);
      const query = parseParams(OfferListQuery, c.req.query(), 'query');
      return c.json({
        offers: await deps.store.offers.listLatest({
          ...(query.status ? { status: query.status } : {}),
          ...(query.scenario ? { scenario: query.scenario } : {}),
        }),
      });
    },
    createOffer: async (c) => {
      const admin = adminCaller(c, ['author']);
      const content = await readContent(c);
      const now = deps.clock();
      const offer = newDraft(content, 1, admin.id, now);
      try {
        await deps.store.transaction(async (tx) => {
          if ((await tx.offers.latestVersionNumber(content.id)) > 0) throw new StoreConflictError(content.id);
          await tx.offers.insertVersion(offer);
          await audit(tx, c, now, {
            action: 'offer.create',
            target: { kind: 'offer', id: offer.id, version: 1 },
            after: content,
          });
        });
      } catch (error) {
        if (error instanceof StoreConflictError) {
          throw new HttpProblem('conflict', {
            detail: `Offer ${content.id} exists; start a new version with POST /v1/admin/offers/${content.id}/versions.`,
          });
        }
        throw error;
      }
      return c.json(offer, 201, { location: `/v1/admin/offers/${offer.id}` });
    },
    getOfferVersions: async (c) => {
      adminCaller(c);
      const { id } = parseParams(IdParams, c.req.param(), 'path');
      const offers = await deps.store.offers.listVersions(id);
      if (offers.length === 0) throw new HttpProblem('not_found', { detail: `No offer ${id}.` });
      return c.json({ offers });
    },
    createOfferVersion: async (c) => {
      const admin = adminCaller(c, ['author']);
      const { id } = parseParams(IdParams, c.req.param(), 'path');
      const content = await readContent(c, id);
      const now = deps.clock();
      for (let attempt = 0; ; attempt++) {
        const latest = await deps.store.offers.latestVersionNumber(id);
        if (latest === 0)
          throw new HttpProblem('not_found', {
            detail: `No offer ${id}; create it with POST /v1/admin/offers.`,
          });
        const offer = newDraft(content, latest + 1, admin.id, now);
        try {
          await deps.store.transaction(async (tx) => {
            await tx.offers.insertVersion(offer);
            await audit(tx, c, now, {
              action: 'offer.create_version',
              target: { kind: 'offer', id, version: offer.version },
              after: content,
            });
          });
          return c.json(offer, 201, { location: `/v1/admin/offers/${id}` });
        } catch (error) {
          // Two authors raced for the same version number: take the next one.
          if (!(error instanceof StoreConflictError) || attempt >= 3) throw error;
        }
      }
    },
    updateOfferDraft: async (c) => {
      const admin = adminCaller(c, ['author']);
      const { id, version } = parseParams(VersionParams, c.req.param(), 'path');
      const content = await readContent(c, id);
      const before = await getVersion(id, version);
      if (before.status !== 'draft') {
        throw new HttpProblem('invalid_state_transition', {
          detail: `Version ${version} is ${before.status}; only drafts can be edited. Start a new version instead.`,
        });
      }
      const now = deps.clock();
      // The last editor counts as the author, so nobody can approve content they wrote.
      const after: Offer = { ...newDraft(content, version, admin.id, now), createdAt: before.createdAt };
      await deps.store.transaction(async (tx) => {
        if (!(await tx.offers.updateVersion(after, 'draft'))) throw conflict(id, version);
        await audit(tx, c, now, {
          action: 'offer.update',
          target: { kind: 'offer', id, version },
          before: stripWorkflow(before),
          after: content,
          comment: admin.id === before.createdBy ? null : `edited by ${admin.name}, now the author`,
        });
      });
      return c.json(after);
    },
    submitOffer: transition('submit'),
    approveOffer: transition('approve'),
    rejectOffer: transition('reject'),
    publishOffer: transition('publish'),
    retireOffer: transition('retire'),
    listAudit: async (c) => {
      adminCaller(c);
      const query = parseParams(AuditQuery, c.req.query(), 'query');
      return c.json({ entries: await deps.store.audit.list(query) });
    },
  };
}

function conflict(id: string, version: number): HttpProblem {
  return new HttpProblem('conflict', {
    detail: `Version ${version} of ${id} was changed by someone else; reload it.`,
  });
}

function stripWorkflow(
  offer: Offer,
): Omit<
  Offer,
  | 'status'
  | 'version'
  | 'createdBy'
  | 'createdAt'
  | 'updatedAt'
  | 'submittedBy'
  | 'approvedBy'
  | 'publishedAt'
  | 'retiredAt'
> {
  const {
    status: _s,
    version: _v,
    createdBy: _c,
    createdAt: _ca,
    updatedAt: _u,
    submittedBy: _sb,
    approvedBy: _a,
    publishedAt: _p,
    retiredAt: _r,
    ...content
  } = offer;
  return content;
}
