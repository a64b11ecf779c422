import type { Kysely, Migration } from 'kysely';
import { createVersionedTable } from '../admin/table-store.js';

/** `0002_rails`: rail table and FX table versions (offer lifecycle), and route quotes. */
export function railsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const table of ['rail_tables', 'fx_tables']) await createVersionedTable(db, table);
      await db.schema
        .createTable('route_quotes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('route_quotes_owner')
        .on('route_quotes')
        .columns(['partner_id', 'user_id'])
        .execute();
    },
  };
}
