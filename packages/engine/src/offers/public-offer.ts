import { type Offer, PublicOffer } from '@finlet/contracts';

/**
 * The fields partners and users may see of an offer: exactly those of the contracts' `PublicOffer`,
 * read from its schema, so a public field added there is shown without touching this file, and a
 * field added only to `Offer` (a workflow field, an internal rule) never leaks.
 */
const PUBLIC_FIELDS = Object.keys(PublicOffer.shape) as (keyof PublicOffer & keyof Offer)[];

/** What partners and users may see of an offer; absent optional fields stay absent (not `undefined`). */
export function toPublicOffer(offer: Offer): PublicOffer {
  const view: Partial<Record<keyof PublicOffer, unknown>> = {};
  for (const key of PUBLIC_FIELDS) if (offer[key] !== undefined) view[key] = offer[key];
  // Every required PublicOffer field is required on Offer too, so each one was copied.
  return view as PublicOffer;
}
