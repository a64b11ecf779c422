import type { Kysely, Migration } from 'kysely';
import { createVersionedTable } from '../admin/table-store.js';

/**
 * `0016_suitability`: risk questionnaire versions (the versioned-content workflow) and users'
 * assessments, kept with their answers and the questionnaire version that scored them.
 */
export function suitabilityMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await createVersionedTable(db, 'risk_questionnaires');
      await db.schema
        .createTable('risk_assessments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('assessed_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('risk_assessments_user')
        .on('risk_assessments')
        .columns(['partner_id', 'user_id', 'assessed_at'])
        .execute();
      await db.schema
        .createIndex('risk_assessments_time')
        .on('risk_assessments')
        .column('assessed_at')
        .execute();
    },
  };
}
