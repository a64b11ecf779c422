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
    ...(offer.amount !== undefined ? { amount: offer.amount } : {}),
    ...(offer.termMonths !== undefined ? { termMonths: offer.termMonths } : {}),
    ...(offer.riskLevel !== undefined ? { riskLevel: offer.riskLevel } : {}),
    ...(offer.minHoldingDays !== undefined ? { minHoldingDays: offer.minHoldingDays } : {}),
    ...(offer.liquidity !== undefined ? { liquidity: offer.liquidity } : {}),
    ...(offer.pastPerformance !== undefined ? { pastPerformance: offer.pastPerformance } : {}),
    pricing: offer.pricing,
    texts: offer.texts,
    disclosures: offer.disclosures,
    effective: offer.effective,
  };
}
