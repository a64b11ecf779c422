import { PartnerKeyRotate } from '@finlet/contracts';
import type { Context } from 'hono';
import { z } from 'zod';
import { parseParams, readJson } from '../http/body.js';
import { adminCaller } from '../http/callers.js';
import type { GatewayEnv } from '../http/context.js';
import type { Handlers } from '../http/handler.js';
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

const IdParams = z.object({ id: z.string().min(1).max(64) });
const KeyParams = z.object({ id: z.string().min(1).max(64), keyId: z.string().min(1).max(64) });

/** Key lifecycle for the `admin` role only: every change is audited under the calling admin. */
export function keyHandlers(deps: GatewayDeps): Handlers {
  const context = (c: Context<GatewayEnv>) => {
    const admin = adminCaller(c, []);
    return {
      store: deps.store,
      now: deps.clock(),
      actor: { kind: 'admin' as const, id: admin.id, name: admin.name },
      requestId: c.get('requestId'),
    };
  };
  // This instance drops its own copies at once; the others within their cache lifetime.
  const changed = () => deps.partners.invalidate();
  return {
    listPartnerKeys: async (c) => {
      const { store, now } = context(c);
      const { id } = parseParams(IdParams, c.req.param(), 'path');
      return c.json({ keys: await listPartnerKeys(store, id, now) });
    },
    rotatePartnerKey: async (c) => {
      const ctx = context(c);
      const { id } = parseParams(IdParams, c.req.param(), 'path');
      const { overlapSeconds } = await readJson(c, PartnerKeyRotate);
      const rotated = await rotatePartnerKey(ctx, id, { overlapSeconds });
      changed();
      return c.json(rotated, 201, { 'cache-control': 'no-store' });
    },
    revokePartnerKey: async (c) => {
      const ctx = context(c);
      const { id, keyId } = parseParams(KeyParams, c.req.param(), 'path');
      const key = await revokePartnerKey(ctx, id, keyId);
      changed();
      return c.json(key);
    },
    disablePartner: async (c) => {
      const ctx = context(c);
      const { id } = parseParams(IdParams, c.req.param(), 'path');
      const partner = await setPartnerStatus(ctx, id, 'disabled');
      changed();
      return c.json(partner);
    },
    enablePartner: async (c) => {
      const ctx = context(c);
      const { id } = parseParams(IdParams, c.req.param(), 'path');
      const partner = await setPartnerStatus(ctx, id, 'active');
      changed();
      return c.json(partner);
    },
    listAdminKeys: async (c) => {
      context(c);
      return c.json({ adminKeys: (await deps.store.adminKeys.list()).map(adminKeyView) });
    },
    revokeAdminKey: async (c) => {
      const ctx = context(c);
      const { id } = parseParams(IdParams, c.req.param(), 'path');
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
      deps.keys.expire();
      return c.json(rotated, 201, { 'cache-control': 'no-store' });
    },
  };
}
