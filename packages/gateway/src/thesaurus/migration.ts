import type { Kysely, Migration } from 'kysely';
import { createVersionedTable } from '../admin/table-store.js';

/** `0021_thesaurus`: the bank's thesaurus concepts, versioned like rail and FX tables. */
export function thesaurusMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await createVersionedTable(db, 'thesaurus_concepts');
    },
  };
}
