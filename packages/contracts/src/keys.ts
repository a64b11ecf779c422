import { z } from 'zod';
import { AdminRole } from './admin.js';
import { Timestamp } from './common.js';
import { PartnerId } from './partner.js';

/** How long a rotated-out partner key keeps working, so the partner can deploy the new one. */
export const PARTNER_KEY_OVERLAP_SECONDS = { default: 86_400, max: 30 * 86_400 } as const;

/**
 * - `active`: works, no end set;
 * - `expiring`: rotated out, works until `expiresAt`;
 * - `expired`: rotated out and past `expiresAt`;
 * - `revoked`: refused since `revokedAt`.
 */
export const PartnerKeyStatus = z.enum(['active', 'expiring', 'expired', 'revoked']).meta({
  id: 'PartnerKeyStatus',
});
export type PartnerKeyStatus = z.infer<typeof PartnerKeyStatus>;

/** One secret key of a partner, never with its secret. */
export const PartnerKey = z
  .object({
    id: z.string().meta({ description: 'The key id: the part after `fsk_` in the secret key.' }),
    partnerId: PartnerId,
    /** How the key starts (`fsk_<id>_`): enough to tell which key a server holds. */
    prefix: z.string(),
    createdAt: Timestamp,
    expiresAt: Timestamp.nullable().meta({
      description: 'End of the overlap after a rotation; null while current.',
    }),
    revokedAt: Timestamp.nullable(),
    status: PartnerKeyStatus,
  })
  .meta({ id: 'PartnerKey' });
export type PartnerKey = z.infer<typeof PartnerKey>;

export const PartnerKeyList = z.object({ keys: z.array(PartnerKey) }).meta({ id: 'PartnerKeyList' });
export type PartnerKeyList = z.infer<typeof PartnerKeyList>;

export const PartnerKeyRotate = z
  .strictObject({
    overlapSeconds: z.int().min(0).max(PARTNER_KEY_OVERLAP_SECONDS.max).optional().meta({
      description: 'How long the current keys keep working (default 86400, 24 h; 0 ends them now).',
    }),
  })
  .meta({ id: 'PartnerKeyRotate' });
export type PartnerKeyRotate = z.input<typeof PartnerKeyRotate>;

/** Returned once, by a rotation: the new secret key is never shown again. */
export const PartnerKeyRotated = z
  .object({
    key: PartnerKey,
    secretKey: z.string(),
    /** The keys that were current and now end at `previousKeysValidUntil`. */
    previousKeys: z.array(PartnerKey),
    previousKeysValidUntil: Timestamp.nullable(),
  })
  .meta({ id: 'PartnerKeyRotated' });
export type PartnerKeyRotated = z.infer<typeof PartnerKeyRotated>;

/** An admin key, never with its secret. */
export const AdminKeySummary = z
  .object({
    id: z.string(),
    name: z.string(),
    role: AdminRole,
    createdAt: Timestamp,
    revokedAt: Timestamp.nullable(),
    status: z.enum(['active', 'revoked']),
  })
  .meta({ id: 'AdminKeySummary' });
export type AdminKeySummary = z.infer<typeof AdminKeySummary>;

export const AdminKeyList = z.object({ adminKeys: z.array(AdminKeySummary) }).meta({ id: 'AdminKeyList' });
export type AdminKeyList = z.infer<typeof AdminKeyList>;

export const SigningKeyRotated = z
  .object({
    kid: z.string().meta({ description: 'The key that signs session tokens from now on.' }),
    previousKid: z.string().nullable(),
    previousServedUntil: Timestamp.nullable().meta({
      description:
        'Until when the JWKS keeps the previous public key: when the last token it signed has expired.',
    }),
  })
  .meta({ id: 'SigningKeyRotated' });
export type SigningKeyRotated = z.infer<typeof SigningKeyRotated>;
