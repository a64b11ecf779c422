import type { Kysely, Migration } from 'kysely';

/**
 * `0019_suitability_overrides`: a user's recorded "I understand this product exceeds my risk
 * level" acknowledgements, kept as evidence and read when they apply for that offer version.
 */
export function suitabilityOverridesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('suitability_overrides')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('offer_id', 'text', (c) => c.notNull())
        .addColumn('offer_version', 'integer', (c) => c.notNull())
        .addColumn('investor_level', 'text', (c) => c.notNull())
        .addColumn('product_level', 'text', (c) => c.notNull())
        .addColumn('wording', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('suitability_overrides_user')
        .on('suitability_overrides')
        .columns(['partner_id', 'user_id', 'offer_id'])
        .execute();
    },
  };
}
