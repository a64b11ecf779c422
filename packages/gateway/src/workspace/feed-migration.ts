import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../storage/dialect.js';

/** The pseudo-tenants of the bank's own feed, one per masking role (see `bankTenant`). */
export const BANK_FEED_TENANT_IDS = ['bank:approver', 'bank:reviewer', 'bank:admin'] as const;

/**
 * `0014_bank_webhooks`: the bank's own webhook endpoints reuse the partners' webhook tables (same
 * signing, outbox, worker and retries), whose rows belong to a partner. Three rows stand for the
 * bank's feed, one per masking role: disabled, with no usable key (no presented key has a `:` in
 * its id), never listed among partners.
 */
export function bankWebhooksMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const id of BANK_FEED_TENANT_IDS) {
        await sql`INSERT INTO partners
            (id, name, origins, scenarios, webhook_url, status, key_id, secret_key_hash, webhook_secret, created_at)
          VALUES (${id}, ${`The bank's own feed (${id.slice(5)} view)`}, '[]', '[]', NULL, 'disabled',
            ${id}, '!', '!', '1970-01-01T00:00:00.000Z')`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      for (const id of BANK_FEED_TENANT_IDS) {
        await sql`DELETE FROM webhook_attempts WHERE endpoint_id IN (SELECT id FROM webhook_endpoints WHERE partner_id = ${id})`.execute(
          db,
        );
        await sql`DELETE FROM webhook_deliveries WHERE partner_id = ${id}`.execute(db);
        await sql`DELETE FROM outbox_events WHERE partner_id = ${id}`.execute(db);
        await sql`DELETE FROM webhook_endpoints WHERE partner_id = ${id}`.execute(db);
        await sql`DELETE FROM partners WHERE id = ${id}`.execute(db);
      }
    },
  };
}

/**
 * `0018_bank_feed`: the bank's endpoints get their own table, `bank_webhook_endpoints` (with the
 * masking role as a column), and the placeholder partner rows of 0014 go. The outbox stays shared:
 * an event of the bank's feed is filed under `bank:<role>`, so `outbox_events.partner_id` no
 * longer references `partners`, and `webhook_deliveries.endpoint_id` names an endpoint of either
 * table. Endpoints, their sealed secrets (same purpose), events and pending deliveries move as
 * they are, ids kept, so a delivery in flight is still sent after the upgrade.
 */
export function bankFeedMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('bank_webhook_endpoints')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('event_types', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('previous_secret', 'text')
        .addColumn('previous_secret_expires_at', 'text')
        .addColumn('secret_rotated_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('bank_webhook_endpoints_role')
        .on('bank_webhook_endpoints')
        .columns(['role', 'created_at'])
        .execute();

      if (dialect === 'postgres') await dropForeignKeysPostgres(db);
      else await dropForeignKeysSqlite(db);

      await sql`INSERT INTO bank_webhook_endpoints
          (id, role, url, event_types, description, status, secret, previous_secret,
           previous_secret_expires_at, secret_rotated_at, created_at)
        SELECT id, substr(partner_id, 6), url, event_types, description, status, secret, previous_secret,
           previous_secret_expires_at, secret_rotated_at, created_at
        FROM webhook_endpoints WHERE partner_id LIKE 'bank:%'`.execute(db);
      await sql`DELETE FROM webhook_endpoints WHERE partner_id LIKE 'bank:%'`.execute(db);
      await sql`DELETE FROM partners WHERE id LIKE 'bank:%'`.execute(db);
    },
  };
}

async function dropForeignKeysPostgres(db: Kysely<unknown>): Promise<void> {
  const found = await sql<{ table: string; name: string }>`
    SELECT t.relname AS "table", c.conname AS name
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
    WHERE c.contype = 'f'
      AND t.oid IN (to_regclass('outbox_events'), to_regclass('webhook_deliveries'))
      AND ((t.relname = 'outbox_events' AND a.attname = 'partner_id')
        OR (t.relname = 'webhook_deliveries' AND a.attname = 'endpoint_id'))`.execute(db);
  for (const { table, name } of found.rows) {
    await sql`ALTER TABLE ${sql.id(table)} DROP CONSTRAINT ${sql.id(name)}`.execute(db);
  }
}

/**
 * SQLite cannot drop a constraint: the two tables are rebuilt. The migration runs inside one
 * transaction, where `PRAGMA foreign_keys` cannot be turned off, so dropping a parent table deletes
 * its children by cascade: rows are kept aside first and put back in order.
 */
async function dropForeignKeysSqlite(db: Kysely<unknown>): Promise<void> {
  const tables = ['outbox_events', 'webhook_deliveries', 'webhook_attempts'] as const;
  for (const t of tables) {
    await sql`CREATE TEMP TABLE ${sql.id(`keep_${t}`)} AS SELECT * FROM ${sql.id(t)}`.execute(db);
  }
  await sql`DROP TABLE webhook_attempts`.execute(db);
  await sql`DROP TABLE webhook_deliveries`.execute(db);
  await sql`DROP TABLE outbox_events`.execute(db);

  await sql`CREATE TABLE outbox_events (
      id text PRIMARY KEY,
      partner_id text NOT NULL,
      type text NOT NULL,
      created_at text NOT NULL,
      payload text NOT NULL)`.execute(db);
  await sql`CREATE INDEX outbox_events_partner ON outbox_events (partner_id, created_at)`.execute(db);
  await sql`CREATE TABLE webhook_deliveries (
      id text PRIMARY KEY,
      event_id text NOT NULL REFERENCES outbox_events (id) ON DELETE CASCADE,
      endpoint_id text NOT NULL,
      partner_id text NOT NULL,
      status text NOT NULL,
      attempts integer NOT NULL,
      next_attempt_at text NOT NULL,
      lease_owner text,
      lease_until text,
      last_error text,
      delivered_at text,
      created_at text NOT NULL)`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id)`.execute(db);
  await sql`CREATE TABLE webhook_attempts (
      id text PRIMARY KEY,
      delivery_id text NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
      event_id text NOT NULL,
      endpoint_id text NOT NULL,
      attempt integer NOT NULL,
      at text NOT NULL,
      duration_ms integer NOT NULL,
      http_status integer,
      error text,
      ok integer NOT NULL)`.execute(db);
  await sql`CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id)`.execute(db);

  for (const t of tables) {
    await sql`INSERT INTO ${sql.id(t)} SELECT * FROM ${sql.id(`keep_${t}`)}`.execute(db);
    await sql`DROP TABLE ${sql.id(`keep_${t}`)}`.execute(db);
  }
}
