import type { VersionedRow } from '../admin/versioned-row.js';

/** Row shapes of the table added by migration `0021_thesaurus` (merged into `Database`). */
export interface ThesaurusTables {
  thesaurus_concepts: VersionedRow;
}
