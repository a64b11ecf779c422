import { createPartner } from '../bootstrap.js';
import { adminCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import { audit } from '../internal/audit.js';
import type { GatewayDeps } from '../internal/deps.js';
import { guardWebhookUrl } from '../webhooks/routes.js';
import { contentKind, contentRoutes } from './versioned-routes.js';

/** Offers as versioned content: publishing refreshes the published catalogue and the advisor's index. */
export const offerKind = (deps: GatewayDeps) =>
  // The advisor's index holds the published offers too.
  contentKind('Offer', deps, { noun: 'offer', versions: (s) => s.offers, caches: ['offers', 'knowledge'] });

export function adminHandlers(deps: GatewayDeps) {
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
    ...contentRoutes(deps, offerKind(deps)),
    // Who may read the log, and what of the users in it, is `USER_DATA_ROUTES` (enforced before this).
    listAudit: async (c, { query }) => {
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
