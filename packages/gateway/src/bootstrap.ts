import {
  type AdminKeyCreated,
  type AdminRole,
  AdminRole as AdminRoleSchema,
  type AuditEntry,
  type PartnerCreate,
  type PartnerCreated,
  PartnerCreate as PartnerCreateSchema,
} from '@finlet/contracts';
import { generateApiKey, generateWebhookSecret } from './auth/api-keys.js';
import { announceCacheChange } from './bus/invalidation.js';
import { newId } from './internal/ids.js';
import type { Store } from './storage/store.js';
import { initialEndpoint } from './webhooks/endpoints.js';

const BOOTSTRAP_ACTOR: AuditEntry['actor'] = { kind: 'cli', id: 'bootstrap', name: null };

/**
 * Creates a partner directly in the database (bootstrap, like PostgreSQL's `createuser`).
 * The secret key and webhook secret are returned once and never stored in clear.
 */
export async function createPartner(
  store: Store,
  input: PartnerCreate,
  now = new Date(),
  actor: AuditEntry['actor'] = BOOTSTRAP_ACTOR,
  requestId: string | null = null,
): Promise<PartnerCreated> {
  const parsed = PartnerCreateSchema.parse(input);
  const { key, keyId, hash } = generateApiKey('partner');
  const webhookSecret = generateWebhookSecret();
  const partner = {
    id: `ptn_${keyId}`,
    name: parsed.name,
    origins: [...new Set(parsed.origins)],
    scenarios: [...new Set(parsed.scenarios)],
    webhookUrl: parsed.webhookUrl ?? null,
    status: 'active' as const,
    ...(parsed.rateLimits && Object.keys(parsed.rateLimits).length > 0
      ? { rateLimits: parsed.rateLimits }
      : {}),
    createdAt: now.toISOString(),
  };
  await store.transaction(async (tx) => {
    await tx.partners.create({ partner, keyId, secretKeyHash: hash, webhookSecret });
    await tx.partnerKeys.insert({
      id: keyId,
      partnerId: partner.id,
      keyHash: hash,
      createdAt: partner.createdAt,
      expiresAt: null,
      revokedAt: null,
    });
    // The partner's `webhookUrl` is its first webhook endpoint, signed with the returned secret.
    if (partner.webhookUrl) await tx.webhooks.createEndpoint(initialEndpoint(partner, webhookSecret));
    await tx.audit.append({
      id: newId('aud'),
      at: partner.createdAt,
      actor,
      action: 'partner.create',
      target: { kind: 'partner', id: partner.id, version: null },
      before: null,
      after: partner,
      comment: null,
      requestId,
    });
  });
  // Running instances learn of the new origins (CORS preflights) at once.
  await announceCacheChange(store, 'credentials');
  return { partner, secretKey: key, webhookSecret };
}

/** Creates an admin API key for a bank product-team member; the key is returned once. */
export async function createAdminKey(
  store: Store,
  input: { name: string; role: AdminRole },
  now = new Date(),
): Promise<AdminKeyCreated> {
  const role = AdminRoleSchema.parse(input.role);
  const name = input.name.trim();
  if (!name || name.length > 120) throw new RangeError('the admin name must be 1–120 characters');
  const { key, keyId, hash } = generateApiKey('admin');
  const admin = { id: `adm_${keyId}`, name, role };
  const createdAt = now.toISOString();
  await store.transaction(async (tx) => {
    await tx.adminKeys.create({ identity: admin, keyHash: hash, createdAt, revokedAt: null });
    await tx.audit.append({
      id: newId('aud'),
      at: createdAt,
      actor: BOOTSTRAP_ACTOR,
      action: 'admin_key.create',
      target: { kind: 'admin_key', id: admin.id, version: null },
      before: null,
      after: admin,
      comment: null,
      requestId: null,
    });
  });
  return { admin, apiKey: key, createdAt };
}
