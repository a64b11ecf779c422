import type { FxTable, RailTable, RiskQuestionnaire } from '@finlet/contracts';
import { type Kysely, type MigrationResultSet, Migrator, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { KyselyAuditStore } from '../admin/audit-store.js';
import { AgentGrantStore } from '../agents/store.js';
import { KyselyApplicationStore } from '../applications/store.js';
import { KyselySigningKeyStore } from '../auth/signing-key-store.js';
import { KyselyConsentStore } from '../consents/store.js';
import { KyselyConsoleSessionStore } from '../console/store.js';
import { KyselyDisclosureStore } from '../disclosures/store.js';
import { KyselyHandoffStore } from '../handoffs/store.js';
import { KyselyIdempotencyStore } from '../idempotency/store.js';
import { KyselyAdminKeyStore } from '../keys/admin-key-store.js';
import { KyselyPartnerKeyStore } from '../keys/store.js';
import { KyselyChatStore, KyselyKnowledgeStore } from '../knowledge/store.js';
import { KyselyOfferStore } from '../offers/store.js';
import { KyselyPartnerStore, toPartner } from '../partners/store.js';
import { KyselyRouteQuoteStore, KyselyVersionedTableStore } from '../routing/store.js';
import { SecretSealer } from '../secrets/sealer.js';
import { KyselySecretStore } from '../secrets/store.js';
import { KyselyNudgeStore, KyselySignalStore } from '../signals/store.js';
import { SocialStore } from '../social/store.js';
import { KyselyRiskAssessmentStore } from '../suitability/store.js';
import { KyselySuitabilityOverrideStore } from '../suitability-overrides/store.js';
import { KyselyThesaurusStore } from '../thesaurus/store.js';
import { KyselyWebhookStore } from '../webhooks/store.js';
import { KyselyBankFeedStore } from '../workspace/feed-store.js';
import { DEFAULT_FUNNEL_TIME_ZONE } from '../workspace/funnel-days.js';
import { KyselyFunnelRollupStore } from '../workspace/funnel-rollup-store.js';
import { KyselyWorkspaceStore } from '../workspace/store.js';
import { type Dialect, InCodeMigrations } from './migrations.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface KyselyStoreOptions {
  db: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL schema holding the tables (the connection's `current_schema()`). */
  tableSchema?: string;
  /** The PostgreSQL pool under `db` (shared with the rate limiter). */
  pool?: pg.Pool;
  /** Seals secrets on write and opens them on read; without a master key it stores them in clear. */
  sealer?: SecretSealer;
  /** The bank's time zone: the funnel's days. Default Asia/Shanghai. */
  timeZone?: string;
  /** SQLite: see `Store.changeStamp`. */
  changeStamp?: () => number;
  onClose: () => Promise<void>;
}

/** The one Store implementation: the same Kysely queries for SQLite and PostgreSQL. */
export class KyselyStore implements Store {
  readonly dialect: Dialect;
  readonly pool: pg.Pool | undefined;
  readonly changeStamp: (() => number) | undefined;
  private readonly root: Kysely<Database>;
  /** The root database, or the transaction this store is bound to. */
  private readonly db: Db;
  private readonly sealer: SecretSealer;

  constructor(
    private readonly options: KyselyStoreOptions,
    tx?: Transaction<Database>,
  ) {
    this.dialect = options.dialect;
    this.pool = options.pool;
    this.changeStamp = options.changeStamp;
    this.root = options.db;
    this.db = tx ?? options.db;
    this.sealer = options.sealer ?? new SecretSealer();
  }

  private migrator(db: Kysely<Database>): Migrator {
    const schema = this.options.tableSchema;
    return new Migrator({
      db,
      provider: new InCodeMigrations(this.dialect, this.options.timeZone ?? DEFAULT_FUNNEL_TIME_ZONE),
      // Migrations landed out of name order (0002_rails after 0003/0004); each creates its own tables,
      // so a database that already has later ones may still apply an earlier-named one.
      allowUnorderedMigrations: true,
      // Kysely otherwise looks for its bookkeeping tables in every schema, and would take another
      // schema's table for ours.
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
  }

  async migrate(): Promise<{ applied: string[] }> {
    const { error, results } =
      this.dialect === 'sqlite'
        ? await this.migrateSqlite()
        : await this.migrator(this.root).migrateToLatest();
    if (error)
      throw new Error(`migration failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
  }

  /**
   * Kysely takes no lock on SQLite and runs each migration outside a transaction, so two processes
   * starting on one file could both apply a migration. One IMMEDIATE transaction around the whole run
   * makes the second wait for the first and then find nothing pending, and rolls back a failed run.
   */
  private async migrateSqlite(): Promise<MigrationResultSet> {
    return this.root.connection().execute(async (conn) => {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      let outcome: MigrationResultSet;
      try {
        outcome = await this.migrator(conn).migrateToLatest();
      } catch (error) {
        await sql`ROLLBACK`.execute(conn);
        throw error;
      }
      await sql.raw(outcome.error ? 'ROLLBACK' : 'COMMIT').execute(conn);
      return outcome;
    });
  }

  async pendingMigrations(): Promise<string[]> {
    const all = await this.migrator(this.root).getMigrations();
    return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
  }

  async ping(): Promise<void> {
    await this.root.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.db !== this.root) return fn(this);
    return this.root.transaction().execute((trx) => fn(new KyselyStore(this.options, trx)));
  }

  async close(): Promise<void> {
    if (this.db !== this.root) throw new Error('close the store, not a transaction bound to it');
    await this.options.onClose();
  }

  get partners(): KyselyPartnerStore {
    return new KyselyPartnerStore(this.db, this.sealer);
  }

  get partnerKeys(): KyselyPartnerKeyStore {
    return new KyselyPartnerKeyStore(this.db, toPartner);
  }

  get adminKeys(): KyselyAdminKeyStore {
    return new KyselyAdminKeyStore(this.db);
  }

  get signingKeys(): KyselySigningKeyStore {
    return new KyselySigningKeyStore(this.db, this.sealer);
  }

  get offers(): KyselyOfferStore {
    return new KyselyOfferStore(this.db);
  }

  get consents(): KyselyConsentStore {
    return new KyselyConsentStore(this.db);
  }

  get applications(): KyselyApplicationStore {
    return new KyselyApplicationStore(this.db, this.funnelRollups);
  }

  get idempotency(): KyselyIdempotencyStore {
    return new KyselyIdempotencyStore(this.db);
  }

  get disclosures(): KyselyDisclosureStore {
    return new KyselyDisclosureStore(this.db);
  }

  get agentGrants(): AgentGrantStore {
    return new AgentGrantStore(this.db);
  }

  get social(): SocialStore {
    return new SocialStore(this.db, this.sealer);
  }

  get consoleSessions(): KyselyConsoleSessionStore {
    return new KyselyConsoleSessionStore(this.db);
  }

  get signals(): KyselySignalStore {
    return new KyselySignalStore(this.db, this.dialect);
  }

  get nudges(): KyselyNudgeStore {
    return new KyselyNudgeStore(this.db);
  }

  get secrets(): KyselySecretStore {
    return new KyselySecretStore(this.db, this.sealer);
  }

  get webhooks(): KyselyWebhookStore {
    return new KyselyWebhookStore(this.db, this.dialect, this.sealer);
  }

  get bankFeed(): KyselyBankFeedStore {
    return new KyselyBankFeedStore(this.db, this.sealer);
  }

  get knowledge(): KyselyKnowledgeStore {
    return new KyselyKnowledgeStore(this.db);
  }

  get chat(): KyselyChatStore {
    return new KyselyChatStore(this.db);
  }

  get railTables(): KyselyVersionedTableStore<RailTable> {
    return new KyselyVersionedTableStore<RailTable>(this.db, 'rail_tables');
  }

  get fxTables(): KyselyVersionedTableStore<FxTable> {
    return new KyselyVersionedTableStore<FxTable>(this.db, 'fx_tables');
  }

  get routeQuotes(): KyselyRouteQuoteStore {
    return new KyselyRouteQuoteStore(this.db);
  }

  get suitabilityOverrides(): KyselySuitabilityOverrideStore {
    return new KyselySuitabilityOverrideStore(this.db);
  }

  get thesaurus(): KyselyThesaurusStore {
    return new KyselyThesaurusStore(this.db);
  }

  get riskQuestionnaires(): KyselyVersionedTableStore<RiskQuestionnaire> {
    return new KyselyVersionedTableStore<RiskQuestionnaire>(this.db, 'risk_questionnaires');
  }

  get riskAssessments(): KyselyRiskAssessmentStore {
    return new KyselyRiskAssessmentStore(this.db);
  }

  get funnelRollups(): KyselyFunnelRollupStore {
    return new KyselyFunnelRollupStore(
      this.db,
      this.dialect,
      this.options.timeZone ?? DEFAULT_FUNNEL_TIME_ZONE,
    );
  }

  get workspace(): KyselyWorkspaceStore {
    return new KyselyWorkspaceStore(this.db);
  }

  get handoffs(): KyselyHandoffStore {
    return new KyselyHandoffStore(this.db);
  }

  get audit(): KyselyAuditStore {
    return new KyselyAuditStore(this.db);
  }
}
