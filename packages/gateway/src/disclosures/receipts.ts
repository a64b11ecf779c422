import { createHash } from 'node:crypto';
import type { DisclosureReceipt, DisclosureSurface, Locale, Offer } from '@finlet/contracts';
import { disclosedTexts, hasDisclosures } from '@finlet/engine';
import { newId } from '../internal/ids.js';
import type { Store } from '../storage/store.js';

/** One offer's entry in a receipt: the texts shown (from the stored version) and their digest. */
export function receiptEntry(offer: Offer, locale: Locale): DisclosureReceipt['offers'][number] {
  const disclosures = disclosedTexts(offer, locale);
  return {
    id: offer.id,
    version: offer.version,
    disclosures,
    digest: createHash('sha256').update(disclosures.join('\n')).digest('hex'),
  };
}

/**
 * Records that the gateway itself put these offers in front of a user (a chat card, an agent's
 * tool result): the same evidence a widget's receipt keeps. Offers with nothing to disclose are
 * left out; with none left, nothing is stored.
 */
export async function recordShownOffers(
  store: Store,
  input: {
    partnerId: string;
    userId: string;
    surface: DisclosureSurface;
    locale: Locale;
    offers: readonly Offer[];
    at: Date;
  },
): Promise<DisclosureReceipt | undefined> {
  const offers = input.offers.filter(hasDisclosures);
  if (offers.length === 0) return undefined;
  const receipt: DisclosureReceipt = {
    id: newId('dsr'),
    partnerId: input.partnerId,
    userId: input.userId,
    surface: input.surface,
    locale: input.locale,
    shownAt: input.at.toISOString(),
    offers: offers.map((o) => receiptEntry(o, input.locale)),
  };
  await store.disclosures.insert(receipt);
  return receipt;
}
