import type { ThesaurusConcept } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import { KyselyVersionedTableStore, type VersionedTableStore } from '../admin/table-store.js';
import type { Database } from '../storage/schema.js';

/** The bank's thesaurus concepts: every version, and the published ones the advisor reads. */
export type ThesaurusStore = VersionedTableStore<ThesaurusConcept>;

export class KyselyThesaurusStore
  extends KyselyVersionedTableStore<ThesaurusConcept>
  implements ThesaurusStore
{
  constructor(db: Kysely<Database> | Transaction<Database>) {
    super(db, 'thesaurus_concepts');
  }
}
