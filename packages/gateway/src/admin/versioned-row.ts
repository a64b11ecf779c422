import type { VersionStatus } from '@finlet/contracts';

/** The row of a versioned table; a feature's migration creates it with {@link createVersionedTable}. */
export interface VersionedRow {
  id: string;
  version: number;
  status: VersionStatus;
  updated_at: string;
  published_at: string | null;
  body: string;
}
