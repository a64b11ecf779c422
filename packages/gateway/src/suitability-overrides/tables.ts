/** Row shapes of the table added by migration `0019_suitability_overrides` (merged into `Database`). */
export interface SuitabilityOverrideTables {
  suitability_overrides: {
    id: string;
    partner_id: string;
    user_id: string;
    offer_id: string;
    offer_version: number;
    investor_level: string;
    product_level: string;
    /** The "I understand…" wording exactly as the user saw it. */
    wording: string;
    locale: string;
    acknowledged_at: string;
  };
}
