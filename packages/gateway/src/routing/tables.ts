import type { RailTableStatus } from '@finlet/contracts';

/** Row shapes of the tables added by migration `0002_rails` (merged into `Database`). */
interface VersionedRow {
  id: string;
  version: number;
  status: RailTableStatus;
  updated_at: string;
  published_at: string | null;
  body: string;
}

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
