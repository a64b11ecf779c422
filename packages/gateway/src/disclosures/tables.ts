/** Row shapes of the table added by migration `0005_disclosures` (merged into `Database`). */
export interface DisclosureTables {
  disclosure_receipts: {
    id: string;
    partner_id: string;
    user_id: string;
    surface: string;
    locale: string;
    shown_at: string;
    /** JSON of the receipt's offers (ids, versions, texts, digests). */
    offers: string;
    /** Space-separated offer ids, for filtering by offer. */
    offer_ids: string;
  };
}
