// What `POST /v1/disclosures` answers in the preview: the receipt the gateway keeps as compliance
// evidence, with the texts taken from the preview bank's own offer versions (not from the widget)
// and their SHA-256 digest, parsed with the `DisclosureReceipt` contract.
import { DisclosureReceipt, DisclosureReceiptCreate, type EmbedSessionClaims } from '@finlet/contracts';
import { catalogueFor, PREVIEW_NOW } from './fixtures.js';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

let receipts = 0;

/** The receipt for the offers an element showed, or undefined when one is not in the catalogue. */
export async function disclosureReceiptFor(
  claims: EmbedSessionClaims,
  body: unknown,
): Promise<DisclosureReceipt | undefined> {
  const input = DisclosureReceiptCreate.parse(body);
  const offers = [];
  for (const shown of input.offers) {
    const offer = catalogueFor(claims).find((o) => o.id === shown.id && o.version === shown.version);
    if (!offer) return undefined;
    const disclosures = offer.disclosures.map((d) => d[input.locale]);
    offers.push({
      id: offer.id,
      version: offer.version,
      disclosures,
      digest: await sha256Hex(disclosures.join('\n')),
    });
  }
  receipts += 1;
  return DisclosureReceipt.parse({
    id: `dsr_storybook${String(receipts).padStart(8, '0')}`,
    partnerId: claims.aud,
    userId: claims.sub,
    surface: input.surface,
    locale: input.locale,
    shownAt: PREVIEW_NOW.toISOString(),
    offers,
  });
}
