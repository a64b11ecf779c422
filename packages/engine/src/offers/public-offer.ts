import type { Offer, PublicOffer } from '@finlet/contracts';

/**
 * What partners and users may see of an offer. The fields are picked one by one rather than by
 * spreading, so a workflow field added to `Offer` later (author, approver…) never leaks by default.
 */
export function toPublicOffer(offer: Offer): PublicOffer {
  return {
    id: offer.id,
    version: offer.version,
    productType: offer.productType,
    scenarios: offer.scenarios,
    currency: offer.currency,
    amount: offer.amount,
    ...(offer.termMonths !== undefined ? { termMonths: offer.termMonths } : {}),
    pricing: offer.pricing,
    texts: offer.texts,
    disclosures: offer.disclosures,
    effective: offer.effective,
  };
}
