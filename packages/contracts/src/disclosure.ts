import { z } from 'zod';
import { Locale, prefixedId, Slug, Timestamp, VersionNumber } from './common.js';

export const DisclosureSurface = z.enum(['offers', 'apply', 'chat', 'nudges', 'agent']).meta({
  id: 'DisclosureSurface',
  description:
    'Which element showed the disclosures (`agent`: an AI agent’s tool result, recorded by the gateway).',
});
export type DisclosureSurface = z.infer<typeof DisclosureSurface>;

/** What a widget reports after it put offers with their disclosures on screen. */
export const DisclosureReceiptCreate = z
  .strictObject({
    // `agent` receipts are the gateway's own: a widget reports what an element showed.
    surface: DisclosureSurface.exclude(['agent']),
    locale: Locale,
    offers: z
      .array(z.strictObject({ id: Slug, version: VersionNumber }))
      .min(1)
      .max(50),
  })
  .meta({ id: 'DisclosureReceiptCreate' });
export type DisclosureReceiptCreate = z.input<typeof DisclosureReceiptCreate>;

export const DisclosureReceiptId = prefixedId('dsr').meta({ id: 'DisclosureReceiptId' });

/**
 * Compliance evidence: which disclosure texts (taken from the stored offer version, not from the
 * widget) were shown to which user, by which partner, in which language, and when.
 */
export const DisclosureReceipt = z
  .object({
    id: DisclosureReceiptId,
    partnerId: z.string(),
    userId: z.string(),
    surface: DisclosureSurface,
    locale: Locale,
    shownAt: Timestamp,
    offers: z.array(
      z.object({
        id: z.string(),
        version: z.int(),
        disclosures: z.array(z.string()).meta({ description: 'The texts shown, in `locale`.' }),
        digest: z.string().meta({ description: 'SHA-256 (hex) of the texts joined by newlines.' }),
      }),
    ),
  })
  .meta({ id: 'DisclosureReceipt' });
export type DisclosureReceipt = z.infer<typeof DisclosureReceipt>;

export const DisclosureReceiptQuery = z.strictObject({
  partnerId: z.string().max(64).optional(),
  userId: z.string().max(200).optional(),
  offerId: Slug.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type DisclosureReceiptQuery = z.infer<typeof DisclosureReceiptQuery>;

export const DisclosureReceiptList = z
  .object({ receipts: z.array(DisclosureReceipt) })
  .meta({ id: 'DisclosureReceiptList' });
export type DisclosureReceiptList = z.infer<typeof DisclosureReceiptList>;
