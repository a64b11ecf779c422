import type { Context } from 'hono';
import type { CacheTopic } from '../bus/invalidation.js';
import { adminCaller } from '../http/callers.js';
import type { GatewayEnv } from '../http/context.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';
import {
  adminKeyView,
  listPartnerKeys,
  revokeAdminKey,
  revokePartnerKey,
  rotatePartnerKey,
  rotateSigningKey,
  setPartnerStatus,
} from './lifecycle.js';

/** Key lifecycle for the `admin` role only: every change is audited under the calling admin. */
export function keyHandlers(deps: GatewayDeps) {
  const context = (c: Context<GatewayEnv>) => {
    const admin = adminCaller(c, []);
    return {
      store: deps.store,
      now: deps.clock(),
      actor: { kind: 'admin' as const, id: admin.id, name: admin.name },
      requestId: c.get('requestId'),
      // Drops this instance's copies at once and waits until the others have been sent the change.
      announce: (...topics: CacheTopic[]) => deps.caches.changed(...topics),
    };
  };
  return {
    listPartnerKeys: async (c, { params: { id } }) => {
      const { store, now } = context(c);
      return c.json({ keys: await listPartnerKeys(store, id, now) });
    },
    rotatePartnerKey: async (c, { params: { id }, body: { overlapSeconds } }) => {
      const ctx = context(c);
      const rotated = await rotatePartnerKey(ctx, id, { overlapSeconds });
      return c.json(rotated, 201, { 'cache-control': 'no-store' });
    },
    revokePartnerKey: async (c, { params: { id, keyId } }) => {
      const ctx = context(c);
      const key = await revokePartnerKey(ctx, id, keyId);
      return c.json(key);
    },
    disablePartner: async (c, { params: { id } }) => {
      const ctx = context(c);
      const partner = await setPartnerStatus(ctx, id, 'disabled');
      return c.json(partner);
    },
    enablePartner: async (c, { params: { id } }) => {
      const ctx = context(c);
      const partner = await setPartnerStatus(ctx, id, 'active');
      return c.json(partner);
    },
    listAdminKeys: async (c) => {
      context(c);
      return c.json({ adminKeys: (await deps.store.adminKeys.list()).map(adminKeyView) });
    },
    revokeAdminKey: async (c, { params: { id } }) => {
      const ctx = context(c);
      return c.json(await revokeAdminKey(ctx, id));
    },
    rotateSigningKey: async (c) => {
      const ctx = context(c);
      if (deps.keys.isConfigured) {
        throw new HttpProblem('conflict', {
          detail:
            'The signing key comes from FINLET_SIGNING_KEY: rotate it there (and restart), not in the database.',
        });
      }
      const rotated = await rotateSigningKey(ctx);
      return c.json(rotated, 201, { 'cache-control': 'no-store' });
    },
  } satisfies FeatureHandlers;
}
