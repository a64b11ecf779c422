import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { agentGrantsMigration } from '../agents/migration.js';
import { consoleMigration } from '../console/migration.js';
import { disclosuresMigration } from '../disclosures/migration.js';
import { handoffMigration } from '../handoffs/migration.js';
import { idempotencyMigration } from '../idempotency/migration.js';
import { keyLifecycleMigration } from '../keys/migration.js';
import { knowledgeMigration } from '../knowledge/migration.js';
import { rateLimitsMigration } from '../rate-limits/migration.js';
import { railsMigration } from '../routing/migration.js';
import { signalsMigration } from '../signals/migration.js';
import { socialMigration } from '../social/migration.js';
import { suitabilityMigration } from '../suitability/migration.js';
import { suitabilityOverridesMigration } from '../suitability-overrides/migration.js';
import { thesaurusMigration } from '../thesaurus/migration.js';
import { bankFeedMigration, bankWebhooksMigration } from '../workspace/feed-migration.js';
import { DEFAULT_FUNNEL_TIME_ZONE } from '../workspace/funnel-days.js';
import { funnelRollupsMigration } from '../workspace/funnel-rollup-migration.js';
import { bankWorkspaceMigration } from '../workspace/migration.js';
import type { Dialect } from './dialect.js';

export type { Dialect } from './dialect.js';

/**
 * Versioned migrations, in code so that a bundled gateway needs no migration files on disk.
 * Names sort in the order they apply; never edit a released one, add the next.
 */
export function migrations(
  dialect: Dialect,
  timeZone: string = DEFAULT_FUNNEL_TIME_ZONE,
): Record<string, Migration> {
  return {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('partners')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('origins', 'text', (c) => c.notNull())
          .addColumn('scenarios', 'text', (c) => c.notNull())
          .addColumn('webhook_url', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('key_id', 'text', (c) => c.notNull().unique())
          .addColumn('secret_key_hash', 'text', (c) => c.notNull())
          .addColumn('webhook_secret', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('admin_keys')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('key_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .execute();

        await db.schema
          .createTable('signing_keys')
          .addColumn('kid', 'text', (c) => c.primaryKey())
          .addColumn('alg', 'text', (c) => c.notNull())
          .addColumn('private_jwk', 'text', (c) => c.notNull())
          .addColumn('public_jwk', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('retired_at', 'text')
          .execute();
        // At most one active key, however many instances start at once.
        await sql`CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((retired_at IS NULL)) WHERE retired_at IS NULL`.execute(
          db,
        );

        await db.schema
          .createTable('offer_versions')
          .addColumn('offer_id', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('offer_versions_pk', ['offer_id', 'version'])
          .execute();
        await sql`CREATE UNIQUE INDEX offer_versions_one_published ON offer_versions (offer_id) WHERE status = 'published'`.execute(
          db,
        );
        await db.schema.createIndex('offer_versions_status').on('offer_versions').column('status').execute();

        await db.schema
          .createTable('consents')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('consents_owner')
          .on('consents')
          .columns(['partner_id', 'user_id'])
          .execute();

        await db.schema
          .createTable('applications')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('id_number', 'text')
          .execute();
        await db.schema
          .createIndex('applications_owner')
          .on('applications')
          .columns(['partner_id', 'user_id'])
          .execute();

        await db.schema
          .createTable('idempotency_keys')
          .addColumn('partner_id', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('request_hash', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('response_status', 'integer')
          .addColumn('response_headers', 'text')
          .addColumn('response_body', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('idempotency_keys_pk', ['partner_id', 'key'])
          .execute();
        await db.schema
          .createIndex('idempotency_keys_expiry')
          .on('idempotency_keys')
          .column('expires_at')
          .execute();

        await db.schema
          .createTable('audit_log')
          .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor_kind', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('actor_name', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target_kind', 'text', (c) => c.notNull())
          .addColumn('target_id', 'text', (c) => c.notNull())
          .addColumn('target_version', 'integer')
          .addColumn('before', 'text')
          .addColumn('after', 'text')
          .addColumn('comment', 'text')
          .addColumn('request_id', 'text')
          .execute();
        await db.schema
          .createIndex('audit_log_target')
          .on('audit_log')
          .columns(['target_kind', 'target_id'])
          .execute();
        await db.schema.createIndex('audit_log_actor').on('audit_log').column('actor_id').execute();

        // The audit log is append-only: the database itself refuses to change or delete a record.
        if (dialect === 'postgres') {
          await sql`CREATE FUNCTION finlet_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
          await sql`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION finlet_audit_log_append_only()`.execute(db);
        } else {
          await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
          await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
        }
      },
    },
    '0002_rails': railsMigration(),
    '0003_signals': signalsMigration(),
    '0004_knowledge': knowledgeMigration(),
    '0005_disclosures': disclosuresMigration(),
    '0006_console': consoleMigration(),
    '0007_idempotency': idempotencyMigration(),
    '0008_key_lifecycle': keyLifecycleMigration(),
    '0009_rate_limits': rateLimitsMigration(dialect),
    '0011_bank_workspace': bankWorkspaceMigration(dialect),
    '0012_handoff': handoffMigration(dialect),
    '0013_agent_grants': agentGrantsMigration(dialect),
    '0014_bank_webhooks': bankWebhooksMigration(),
    '0015_social': socialMigration(dialect),
    '0016_suitability': suitabilityMigration(),
    '0018_bank_feed': bankFeedMigration(dialect),
    '0019_suitability_overrides': suitabilityOverridesMigration(),
    '0020_funnel_rollups': funnelRollupsMigration(dialect, timeZone),
    '0021_thesaurus': thesaurusMigration(),
  };
}

export class InCodeMigrations implements MigrationProvider {
  constructor(
    private readonly dialect: Dialect,
    private readonly timeZone: string = DEFAULT_FUNNEL_TIME_ZONE,
  ) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect, this.timeZone);
  }
}
