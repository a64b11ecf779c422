import type { VersionedRow } from '../admin/versioned-row.js';

/** Row shapes of the tables added by migration `0002_rails` (merged into `Database`). */
export interface RailTables {
  rail_tables: VersionedRow;
  fx_tables: VersionedRow;
  route_quotes: {
    id: string;
    partner_id: string;
    user_id: string;
    created_at: string;
    expires_at: string;
    body: string;
  };
}
