import {
  type AdminKeySummary,
  type AuditEntry,
  PARTNER_KEY_OVERLAP_SECONDS,
  type Partner,
  type PartnerKey,
  type PartnerKeyRotated,
  SESSION_TTL_SECONDS,
  type SigningKeyRotated,
} from '@finlet/contracts';
import { generateApiKey } from '../auth/api-keys.js';
import { generateSigningKeyRecord, SIGNING_CLOCK_TOLERANCE_SECONDS } from '../auth/signing-keys.js';
import { announceCacheChange, type CacheTopic } from '../bus/invalidation.js';
import { HttpProblem } from '../http/problem.js';
import { appendAudit } from '../internal/audit.js';
import { addSeconds } from '../internal/time.js';
import type { AdminKeyRecord, Store } from '../storage/store.js';
import type { PartnerKeyRecord } from './store.js';

/**
 * Key lifecycle, shared by the admin API and the CLI (which acts on the database directly, like
 * `partners create`): every change is one transaction with its audit record. After the commit,
 * every running instance is told over the bus (PostgreSQL NOTIFY) to drop its copies; on SQLite
 * instances notice within their credential cache's lifetime (1 s).
 */
export type Actor = AuditEntry['actor'];

interface Context {
  store: Store;
  now: Date;
  actor: Actor;
  requestId?: string | null;
  /** Tells every instance (default: one NOTIFY on the store's database, as the CLI does). */
  announce?: (...topics: CacheTopic[]) => Promise<void>;
}

async function announce(ctx: Context, topic: CacheTopic): Promise<void> {
  await (ctx.announce ? ctx.announce(topic) : announceCacheChange(ctx.store, topic));
}

export function partnerKeyView(record: PartnerKeyRecord, now: Date): PartnerKey {
  const status =
    record.revokedAt !== null
      ? 'revoked'
      : record.expiresAt === null
        ? 'active'
        : new Date(record.expiresAt).getTime() > now.getTime()
          ? 'expiring'
          : 'expired';
  return {
    id: record.id,
    partnerId: record.partnerId,
    prefix: `fsk_${record.id}_`,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    revokedAt: record.revokedAt,
    status,
  };
}

export function adminKeyView(record: AdminKeyRecord): AdminKeySummary {
  return {
    ...record.identity,
    createdAt: record.createdAt,
    revokedAt: record.revokedAt,
    status: record.revokedAt === null ? 'active' : 'revoked',
  };
}

async function requirePartner(store: Store, partnerId: string): Promise<Partner> {
  const partner = await store.partners.get(partnerId);
  if (!partner) throw new HttpProblem('not_found', { detail: `No partner ${partnerId.slice(0, 80)}.` });
  return partner;
}

export async function listPartnerKeys(store: Store, partnerId: string, now: Date): Promise<PartnerKey[]> {
  await requirePartner(store, partnerId);
  return (await store.partnerKeys.listForPartner(partnerId)).map((k) => partnerKeyView(k, now));
}

/**
 * Issues a new secret key. Every key that works now keeps working for `overlapSeconds` (default
 * 24 h) so that the partner can deploy the new one, then is refused.
 */
export async function rotatePartnerKey(
  ctx: Context,
  partnerId: string,
  options: { overlapSeconds?: number | undefined } = {},
): Promise<PartnerKeyRotated> {
  const overlap = options.overlapSeconds ?? PARTNER_KEY_OVERLAP_SECONDS.default;
  if (!Number.isInteger(overlap) || overlap < 0 || overlap > PARTNER_KEY_OVERLAP_SECONDS.max) {
    throw new HttpProblem('invalid_request', {
      detail: `overlapSeconds: must be whole seconds from 0 to ${PARTNER_KEY_OVERLAP_SECONDS.max}.`,
      errors: [{ path: 'overlapSeconds', message: `must be 0 to ${PARTNER_KEY_OVERLAP_SECONDS.max}` }],
    });
  }
  const until = addSeconds(ctx.now, overlap).toISOString();
  const { key, keyId, hash } = generateApiKey('partner');
  const record: PartnerKeyRecord = {
    id: keyId,
    partnerId,
    keyHash: hash,
    createdAt: ctx.now.toISOString(),
    expiresAt: null,
    revokedAt: null,
  };
  const result = await ctx.store.transaction(async (tx) => {
    await requirePartner(tx, partnerId);
    const previous = await tx.partnerKeys.endLiveKeys(partnerId, until);
    await tx.partnerKeys.insert(record);
    const view = partnerKeyView(record, ctx.now);
    const previousKeys = previous.map((k) => partnerKeyView(k, ctx.now));
    await appendAudit(tx, ctx.actor, ctx.requestId ?? null, ctx.now, {
      action: 'partner_key.rotate',
      target: { kind: 'partner', id: partnerId, version: null },
      before: { keys: previous.map((k) => k.id) },
      after: { key: view, previousKeysValidUntil: previous.length > 0 ? until : null },
    });
    return {
      key: view,
      secretKey: key,
      previousKeys,
      previousKeysValidUntil: previous.length > 0 ? until : null,
    };
  });
  await announce(ctx, 'credentials');
  return result;
}

export async function revokePartnerKey(ctx: Context, partnerId: string, keyId: string): Promise<PartnerKey> {
  const result = await ctx.store.transaction(async (tx) => {
    await requirePartner(tx, partnerId);
    const at = ctx.now.toISOString();
    if (!(await tx.partnerKeys.revoke(partnerId, keyId, at))) {
      const existing = (await tx.partnerKeys.listForPartner(partnerId)).find((k) => k.id === keyId);
      if (!existing)
        throw new HttpProblem('not_found', {
          detail: `Partner ${partnerId} has no key ${keyId.slice(0, 80)}.`,
        });
      // Revoking twice is a no-op: the caller's intent already holds.
      return partnerKeyView(existing, ctx.now);
    }
    const record = (await tx.partnerKeys.listForPartner(partnerId)).find((k) => k.id === keyId);
    if (!record) throw new Error('revoked key vanished');
    const view = partnerKeyView(record, ctx.now);
    await appendAudit(tx, ctx.actor, ctx.requestId ?? null, ctx.now, {
      action: 'partner_key.revoke',
      target: { kind: 'partner', id: partnerId, version: null },
      after: view,
    });
    return view;
  });
  await announce(ctx, 'credentials');
  return result;
}

/** Disables or enables a partner: a disabled partner's keys and sessions are refused everywhere. */
export async function setPartnerStatus(
  ctx: Context,
  partnerId: string,
  status: Partner['status'],
): Promise<Partner> {
  const result = await ctx.store.transaction(async (tx) => {
    const before = await requirePartner(tx, partnerId);
    if (before.status === status) return before;
    const after = await tx.partners.setStatus(partnerId, status);
    if (!after) throw new Error('partner vanished');
    await appendAudit(tx, ctx.actor, ctx.requestId ?? null, ctx.now, {
      action: status === 'disabled' ? 'partner.disable' : 'partner.enable',
      target: { kind: 'partner', id: partnerId, version: null },
      before: { status: before.status },
      after: { status: after.status },
    });
    return after;
  });
  await announce(ctx, 'credentials');
  return result;
}

/** Revokes an admin key; its console sessions end with it. */
export async function revokeAdminKey(ctx: Context, id: string): Promise<AdminKeySummary> {
  return ctx.store.transaction(async (tx) => {
    const at = ctx.now.toISOString();
    const revoked = await tx.adminKeys.revoke(id, at);
    const record = await tx.adminKeys.get(id);
    if (!record) throw new HttpProblem('not_found', { detail: `No admin key ${id.slice(0, 80)}.` });
    const view = adminKeyView(record);
    if (!revoked) return view;
    await tx.consoleSessions.revokeForAdminKey(id, at);
    await appendAudit(tx, ctx.actor, ctx.requestId ?? null, ctx.now, {
      action: 'admin_key.revoke',
      target: { kind: 'admin_key', id, version: null },
      before: adminKeyView({ ...record, revokedAt: null }),
      after: view,
    });
    return view;
  });
}

/**
 * How long the JWKS keeps a retired signing key: the longest session any key signs (preview tokens
 * included) plus the clock tolerance, so every token it signed has expired by then.
 */
export const RETIRED_SIGNING_KEY_SERVED_SECONDS = SESSION_TTL_SECONDS.max + SIGNING_CLOCK_TOLERANCE_SECONDS;

/** A new session-signing key signs from now on; the previous one is retired (verifies, never signs). */
export async function rotateSigningKey(ctx: Context): Promise<SigningKeyRotated> {
  const record = await generateSigningKeyRecord(ctx.now);
  const rotated = await ctx.store.transaction(async (tx) => {
    const at = ctx.now.toISOString();
    const previousKid = await tx.signingKeys.retireActive(at);
    const active = await tx.signingKeys.insertIfNoneActive(record);
    const result: SigningKeyRotated = {
      kid: active.kid,
      previousKid,
      previousServedUntil:
        previousKid === null ? null : addSeconds(ctx.now, RETIRED_SIGNING_KEY_SERVED_SECONDS).toISOString(),
    };
    await appendAudit(tx, ctx.actor, ctx.requestId ?? null, ctx.now, {
      action: 'signing_key.rotate',
      target: { kind: 'signing_key', id: active.kid, version: null },
      before: previousKid === null ? null : { kid: previousKid },
      after: result,
    });
    return result;
  });
  await announce(ctx, 'signingKeys');
  return rotated;
}
