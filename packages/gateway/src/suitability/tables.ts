import type { VersionedRow } from '../admin/versioned-row.js';

/** Row shapes of the tables added by migration `0016_suitability` (merged into `Database`). */
export interface SuitabilityTables {
  /** Same columns as the rail and FX tables: one versioned-table store serves all three. */
  risk_questionnaires: VersionedRow;
  risk_assessments: {
    id: string;
    partner_id: string;
    user_id: string;
    assessed_at: string;
    expires_at: string;
    /** JSON `RiskAssessment`. */
    body: string;
  };
}
