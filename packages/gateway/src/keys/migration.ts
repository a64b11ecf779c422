import { type Kysely, type Migration, sql } from 'kysely';

/**
 * `0008_key_lifecycle`: a partner may hold several secret keys (rotation with an overlap), each
 * revocable. Every partner's existing key becomes its first row here, so it keeps working. The
 * `key_id` and `secret_key_hash` columns of `partners` stay (SQLite cannot drop a UNIQUE column)
 * and keep naming the partner's first key; `partner_keys` is what authentication reads.
 */
export function keyLifecycleMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('partner_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('partner_keys_partner').on('partner_keys').column('partner_id').execute();
      await sql`INSERT INTO partner_keys (id, partner_id, key_hash, created_at, expires_at, revoked_at)
        SELECT key_id, id, secret_key_hash, created_at, NULL, NULL FROM partners`.execute(db);
    },
  };
}
