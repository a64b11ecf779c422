import type { Kysely, Migration } from 'kysely';

/** `0005_disclosures`: receipts of the disclosures widgets showed, kept as compliance evidence. */
export function disclosuresMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('disclosure_receipts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('surface', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('shown_at', 'text', (c) => c.notNull())
        .addColumn('offers', 'text', (c) => c.notNull())
        .addColumn('offer_ids', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('disclosure_receipts_user')
        .on('disclosure_receipts')
        .columns(['partner_id', 'user_id', 'shown_at'])
        .execute();
      await db.schema
        .createIndex('disclosure_receipts_time')
        .on('disclosure_receipts')
        .column('shown_at')
        .execute();
    },
  };
}
