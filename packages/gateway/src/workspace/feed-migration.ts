import { type Kysely, type Migration, sql } from 'kysely';

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
