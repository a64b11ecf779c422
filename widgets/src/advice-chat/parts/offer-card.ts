import type { ChatOfferCardPart, ChatPart, Locale } from '@finlet/contracts';
import { html, nothing, type TemplateResult } from 'lit';

/**
 * Why a product on a card is withheld for the user's risk level, in words. A withheld card is
 * never a recommendation: it carries no "eligible" mark and no apply button.
 */
export function renderWithheld(
  part: ChatOfferCardPart,
  locale: Locale,
  label: string,
): TemplateResult | typeof nothing {
  if (!part.withheld) return nothing;
  // The reason names both levels ("rated R4, above your C2"): no separate risk line.
  return html`<p class="withheld" part="withheld" role="note" data-code=${part.withheld.code}>
    <strong>${label}</strong> ${part.withheld.reason[locale]}
  </p>`;
}

/** Whether the answer withholds this offer on a card: then no hand-off to apply for it is shown. */
export function withheldIn(parts: readonly ChatPart[], offerId: string): boolean {
  return parts.some((p) => p.type === 'offer_card' && p.offer.id === offerId && p.withheld !== undefined);
}
