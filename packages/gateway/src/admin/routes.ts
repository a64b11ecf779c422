import type { Offer, OfferAction, OfferContent } from '@finlet/contracts';
import { createPartner } from '../bootstrap.js';
import { adminCaller } from '../http/callers.js';
import type { FeatureHandlers, SharedHandler } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import { audit } from '../internal/audit.js';
import type { GatewayDeps } from '../internal/deps.js';
import { StoreConflictError } from '../storage/errors.js';
import { guardWebhookUrl } from '../webhooks/routes.js';
import { etag, ifMatch, requestActor, VersionWorkflow } from './workflow.js';

/** The shared version workflow applied to offers (publishing refreshes the published catalogue). */
export function offerWorkflow(deps: GatewayDeps): VersionWorkflow<Offer> {
  return new VersionWorkflow<Offer>(
    {
      kind: 'offer',
      noun: 'offer',
      versions: (store) => store.offers,
      // The advisor's index holds the published offers too.
      onPublishedChange: () => deps.caches.changed('offers', 'knowledge'),
    },
    deps,
  );
}

export function adminHandlers(deps: GatewayDeps) {
  const workflow = offerWorkflow(deps);
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

  /** A new version's content names the offer of its path. */
  function samePathId(content: OfferContent, pathId: string): OfferContent {
    if (content.id !== pathId) {
      throw new HttpProblem('invalid_request', {
        detail: `id: the body's id "${content.id}" differs from the path's "${pathId}".`,
        errors: [{ path: 'id', message: 'must equal the offer id in the path' }],
      });
    }
    return content;
  }

  function transition(
    action: Exclude<OfferAction, 'publish'>,
  ): SharedHandler<`${Exclude<OfferAction, 'publish'>}Offer`> {
    return async (c, { params: { id, version }, body: { comment } }) => {
      const actor = requestActor(c, action === 'submit' ? ['author'] : ['approver']);
      const offer = await workflow.transition(actor, id, version, action, comment);
      return c.json(offer, 200, etag(offer));
    };
  }

  return {
    adminMe: (c) => c.json(adminCaller(c, ['author', 'approver', 'reviewer', 'agent'])),
    listPartners: async (c) => {
      adminCaller(c, []);
      return c.json({ partners: await deps.store.partners.list() });
    },
    createPartner: async (c, { body: input }) => {
      const admin = adminCaller(c, []);
      if (input.webhookUrl !== undefined) await guardWebhookUrl(input.webhookUrl, 'webhookUrl', deps);
      const created = await createPartner(
        deps.store,
        input,
        deps.clock(),
        { kind: 'admin', id: admin.id, name: admin.name },
        c.get('requestId'),
      );
      await deps.caches.changed('credentials');
      return c.json(created, 201, { 'cache-control': 'no-store' });
    },
    setPartnerRateLimits: async (c, { params: { id }, body: limits }) => {
      adminCaller(c, []);
      const stored = Object.keys(limits).length > 0 ? limits : null;
      const partner = await deps.store.transaction(async (tx) => {
        const before = await tx.partners.get(id);
        if (!before) throw new HttpProblem('not_found', { detail: `No partner ${id.slice(0, 64)}.` });
        await tx.partners.updateRateLimits(id, stored);
        const after = (await tx.partners.get(id)) ?? before;
        await audit(tx, c, deps.clock(), {
          action: 'partner.rate_limits.set',
          target: { kind: 'partner', id, version: null },
          before: before.rateLimits ?? null,
          after: stored,
        });
        return after;
      });
      await deps.caches.changed('credentials');
      return c.json(partner);
    },
    listOffers: async (c, { query }) => {
      adminCaller(c);
      return c.json({
        offers: await deps.store.offers.listLatest({
          ...(query.status ? { status: query.status } : {}),
          ...(query.scenario ? { scenario: query.scenario } : {}),
        }),
      });
    },
    createOffer: async (c, { body: content }) => {
      const admin = adminCaller(c, ['author']);
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
    getOfferVersions: async (c, { params: { id } }) => {
      adminCaller(c);
      const offers = await deps.store.offers.listVersions(id);
      if (offers.length === 0) throw new HttpProblem('not_found', { detail: `No offer ${id}.` });
      return c.json({ offers });
    },
    createOfferVersion: async (c, { params: { id }, body }) => {
      const admin = adminCaller(c, ['author']);
      const content = samePathId(body, id);
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
    updateOfferDraft: async (c, { params: { id, version }, body }) => {
      const actor = requestActor(c, ['author']);
      const content = samePathId(body, id);
      const offer = await workflow.updateDraft(actor, id, version, content, ifMatch(c));
      return c.json(offer, 200, etag(offer));
    },
    getOfferVersion: async (c, { params: { id, version } }) => {
      adminCaller(c);
      const offer = await getVersion(id, version);
      return c.json(offer, 200, etag(offer));
    },
    submitOffer: transition('submit'),
    approveOffer: transition('approve'),
    rejectOffer: transition('reject'),
    publishOffer: async (c, { params: { id, version }, body: { comment, at } }) => {
      const actor = requestActor(c, ['approver']);
      const offer = await workflow.publish(actor, id, version, { comment, at });
      return c.json(offer, 200, etag(offer));
    },
    retireOffer: transition('retire'),
    unscheduleOffer: async (c, { params: { id, version }, body: { comment } }) => {
      const actor = requestActor(c, ['approver']);
      const offer = await workflow.unschedule(actor, id, version, comment);
      return c.json(offer, 200, etag(offer));
    },
    rollbackOffer: async (c, { params: { id, version }, body: { comment } }) => {
      const actor = requestActor(c, ['approver']);
      const offer = await workflow.rollback(actor, id, version, comment);
      return c.json(offer, 201, {
        ...etag(offer),
        location: `/v1/admin/offers/${id}/versions/${offer.version}`,
      });
    },
    listAudit: async (c, { query }) => {
      adminCaller(c);
      // Stored times are UTC; an offset in the query would otherwise compare wrongly as text.
      const utc = (t: string | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
      const from = utc(query.from);
      const to = utc(query.to);
      const entries = await deps.store.audit.list({
        ...query,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
      const limit = query.limit ?? 100;
      return c.json({
        entries,
        next: entries.length === limit ? (entries[entries.length - 1]?.id ?? null) : null,
      });
    },
  } satisfies FeatureHandlers;
}
