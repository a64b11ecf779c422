import { type Locale, type Offer, PAST_PERFORMANCE_WARNING } from '@finlet/contracts';
import { complianceText, PRODUCT_DISCLAIMERS } from '../advisor/compliance.js';

/**
 * The texts a display of the offer discloses, in `locale`, as a disclosure receipt keeps them: the
 * bank's own disclosures, and for a wealth product (one with a risk level or past returns) also its
 * risk level, the product type's risk warning, each past return and the mandatory
 * past-performance wording.
 */
export function disclosedTexts(
  offer: Pick<Offer, 'productType' | 'riskLevel' | 'pastPerformance' | 'disclosures'>,
  locale: Locale,
): string[] {
  const own = offer.disclosures.map((d) => d[locale]);
  if (offer.riskLevel === undefined && offer.pastPerformance === undefined) return own;
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const past = offer.pastPerformance;
  return [
    ...(offer.riskLevel ? [complianceText(locale, 'riskLevel', offer.riskLevel)] : []),
    ...PRODUCT_DISCLAIMERS[offer.productType].map((n) => n[locale]),
    ...(past
      ? [
          ...past.periods.map((p) => `${p.label[locale]}: ${percent.format(p.returnBps / 10_000)}`),
          past.notice[locale],
          PAST_PERFORMANCE_WARNING[locale],
        ]
      : []),
    ...own,
  ];
}

/** Whether showing the offer must leave a disclosure receipt (it has texts to disclose). */
export function hasDisclosures(offer: Pick<Offer, 'riskLevel' | 'pastPerformance' | 'disclosures'>): boolean {
  return offer.disclosures.length > 0 || offer.riskLevel !== undefined || offer.pastPerformance !== undefined;
}
