import type { Kysely, Migration } from 'kysely';

/** `0006_console`: sessions of the publishing console (an admin key exchanged for a cookie). */
export function consoleMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('console_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('admin_key_id', 'text', (c) => c.notNull().references('admin_keys.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createIndex('console_sessions_admin')
        .on('console_sessions')
        .column('admin_key_id')
        .execute();
    },
  };
}
