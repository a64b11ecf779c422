import { z } from 'zod';
import { prefixedId, Slug, Timestamp } from './common.js';

/**
 * What a consent allows. Sensitive personal information (PIPL art. 28–29) and transfers abroad
 * (art. 39) must each be consented to separately: a consent naming a `sensitive.*` or
 * `cross_border.*` scope may name no other scope.
 */
export const ConsentScope = z
  .enum([
    'profile.basic',
    'business.profile',
    'business.financials',
    'application.submit',
    'status.share_with_partner',
    'sensitive.id_number',
    'sensitive.financial_account',
    'cross_border.transfer',
  ])
  .meta({ id: 'ConsentScope' });
export type ConsentScope = z.infer<typeof ConsentScope>;

export const SEPARATE_CONSENT_PREFIXES = ['sensitive.', 'cross_border.'] as const;
export const isSeparateScope = (scope: ConsentScope) =>
  SEPARATE_CONSENT_PREFIXES.some((p) => scope.startsWith(p));

export const ConsentPurpose = z
  .enum([
    'loan_application',
    'account_opening',
    'card_application',
    'cross_border_payment',
    'advice',
    'proactive_offers',
  ])
  .meta({ id: 'ConsentPurpose' });
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

export const ConsentId = prefixedId('cns').meta({ id: 'ConsentId' });

export const ConsentCreate = z
  .strictObject({
    scopes: z
      .array(ConsentScope)
      .min(1)
      .max(8)
      .refine((s) => new Set(s).size === s.length, 'scopes must not repeat'),
    purpose: ConsentPurpose,
    offerId: Slug.optional().meta({ description: 'The offer the consent is given for, when there is one.' }),
    dataCategories: z.array(z.string().min(1).max(60)).max(20).default([]),
    expiresInDays: z.int().min(1).max(365).default(30),
    retentionDays: z.int().min(1).max(3650).default(1825),
  })
  .meta({ id: 'ConsentCreate' });
export type ConsentCreate = z.input<typeof ConsentCreate>;

export const ConsentStatus = z.enum(['active', 'withdrawn', 'expired']);
export type ConsentStatus = z.infer<typeof ConsentStatus>;

export const Consent = z
  .object({
    id: ConsentId,
    partnerId: z.string(),
    userId: z.string(),
    scopes: z.array(ConsentScope),
    purpose: ConsentPurpose,
    offerId: z.string().nullable(),
    dataCategories: z.array(z.string()),
    recipients: z.object({ bank: z.string(), partner: z.string() }),
    retentionDays: z.int(),
    status: ConsentStatus,
    grantedAt: Timestamp,
    expiresAt: Timestamp,
    withdrawnAt: Timestamp.nullable(),
  })
  .meta({ id: 'Consent' });
export type Consent = z.infer<typeof Consent>;
