import { randomUUID } from 'node:crypto';
import type {
  Application,
  AuditEntry,
  AuditQuery,
  Consent,
  FxTable,
  Offer,
  OfferStatus,
  Partner,
  PartnerRateLimits,
  RailTable,
  RiskQuestionnaire,
} from '@finlet/contracts';
import {
  type Kysely,
  type MigrationResultSet,
  Migrator,
  type Selectable,
  sql,
  type Transaction,
} from 'kysely';
import type pg from 'pg';
import { AgentGrantStore } from '../agents/store.js';
import { KyselyConsoleSessionStore } from '../console/store.js';
import { KyselyDisclosureStore } from '../disclosures/store.js';
import { KyselyHandoffStore } from '../handoffs/store.js';
import { KyselyPartnerKeyStore } from '../keys/store.js';
import { KyselyChatStore, KyselyKnowledgeStore } from '../knowledge/store.js';
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
import { applicationIndexColumns, KyselyWorkspaceStore } from '../workspace/store.js';
import { StoreConflictError } from './errors.js';
import { type Dialect, InCodeMigrations } from './migrations.js';
import type { Database } from './schema.js';
import type {
  AdminKeyRecord,
  ApplicationRecord,
  IdempotencyBegin,
  IdempotencyClaim,
  OfferFilter,
  PartnerRecord,
  SigningKeyRecord,
  Store,
  StoredResponse,
} from './store.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Unique-constraint violations of either dialect become `StoreConflictError`. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

async function unique<T>(work: Promise<T>, what: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error)) throw new StoreConflictError(`${what} already exists`, { cause: error });
    throw error;
  }
}

const json = (value: unknown) => JSON.stringify(value);
const parse = <T>(text: string): T => JSON.parse(text) as T;

function toPartner(row: Database['partners']): Partner {
  return {
    id: row.id,
    name: row.name,
    origins: parse(row.origins),
    scenarios: parse(row.scenarios),
    webhookUrl: row.webhook_url,
    status: row.status,
    ...(row.rate_limits === null ? {} : { rateLimits: parse<PartnerRateLimits>(row.rate_limits) }),
    createdAt: row.created_at,
  };
}

function toAudit(row: Selectable<Database['audit_log']>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: { kind: row.actor_kind as AuditEntry['actor']['kind'], id: row.actor_id, name: row.actor_name },
    action: row.action,
    target: { kind: row.target_kind, id: row.target_id, version: row.target_version },
    before: row.before === null ? null : parse(row.before),
    after: row.after === null ? null : parse(row.after),
    comment: row.comment,
    requestId: row.request_id,
  };
}

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
  onClose: () => Promise<void>;
}

/** The one Store implementation: the same Kysely queries for SQLite and PostgreSQL. */
export class KyselyStore implements Store {
  readonly dialect: Dialect;
  readonly pool: pg.Pool | undefined;
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

  /**
   * One claim attempt, inside a transaction: `undefined` when the row changed between the statements
   * (released, or taken over by another retry), so the caller should look again.
   */
  private async claimIdempotencyKey(input: {
    partnerId: string;
    key: string;
    requestHash: string;
    now: string;
    expiresAt: string;
    leaseExpiresAt: string;
  }): Promise<IdempotencyBegin | undefined> {
    const owner = randomUUID();
    const claim = { partnerId: input.partnerId, key: input.key, owner };
    // An expired row counts as absent: delete it, then race for the key like everyone else.
    await this.db
      .deleteFrom('idempotency_keys')
      .where('partner_id', '=', input.partnerId)
      .where('key', '=', input.key)
      .where('expires_at', '<=', input.now)
      .execute();
    // ON CONFLICT DO NOTHING waits for a concurrent inserter to finish, then yields to it: exactly one
    // caller inserts, and nobody gets a unique-violation error (which would abort the transaction).
    const inserted = await this.db
      .insertInto('idempotency_keys')
      .values({
        partner_id: input.partnerId,
        key: input.key,
        request_hash: input.requestHash,
        state: 'started',
        response_status: null,
        response_headers: null,
        response_body: null,
        created_at: input.now,
        expires_at: input.expiresAt,
        owner,
        lease_expires_at: input.leaseExpiresAt,
      })
      .onConflict((oc) => oc.columns(['partner_id', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { state: 'started', claim };
    const row = await this.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('partner_id', '=', input.partnerId)
      .where('key', '=', input.key)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.state === 'completed' && row.response_status !== null) {
      return {
        state: 'completed',
        requestHash: row.request_hash,
        response: {
          status: Number(row.response_status),
          headers: parse<Record<string, string>>(row.response_headers ?? '{}'),
          body: row.response_body ?? '',
        },
      };
    }
    const leaseOver = row.lease_expires_at === null || row.lease_expires_at <= input.now;
    if (row.state !== 'started' || !leaseOver || row.request_hash !== input.requestHash) {
      return { state: 'in_progress', requestHash: row.request_hash };
    }
    // The owner died (or outran its lease). Nothing it did is committed, since its effects commit
    // with `complete`; take the claim over from exactly that owner, so that of several retries one
    // wins, and the old owner's `complete` now finds someone else's claim and writes nothing.
    const taken = await this.db
      .updateTable('idempotency_keys')
      .set({
        owner,
        lease_expires_at: input.leaseExpiresAt,
        created_at: input.now,
        expires_at: input.expiresAt,
      })
      .where('partner_id', '=', input.partnerId)
      .where('key', '=', input.key)
      .where('state', '=', 'started')
      .where((eb) => (row.owner === null ? eb('owner', 'is', null) : eb('owner', '=', row.owner)))
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1 ? { state: 'started', claim } : undefined;
  }

  readonly partners = {
    create: async ({ partner, keyId, secretKeyHash, webhookSecret }: PartnerRecord): Promise<void> => {
      await unique(
        this.db
          .insertInto('partners')
          .values({
            id: partner.id,
            name: partner.name,
            origins: json(partner.origins),
            scenarios: json(partner.scenarios),
            webhook_url: partner.webhookUrl,
            status: partner.status,
            key_id: keyId,
            secret_key_hash: secretKeyHash,
            webhook_secret: this.sealer.seal(webhookSecret, 'partners.webhook_secret'),
            created_at: partner.createdAt,
            rate_limits: partner.rateLimits ? json(partner.rateLimits) : null,
          })
          .execute(),
        `partner ${partner.id}`,
      );
    },
    get: async (id: string): Promise<Partner | undefined> => {
      const row = await this.db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toPartner(row);
    },
    list: async (): Promise<Partner[]> =>
      (await this.db.selectFrom('partners').selectAll().orderBy('created_at').orderBy('id').execute()).map(
        toPartner,
      ),
    allOrigins: async (): Promise<string[]> => {
      const rows = await this.db
        .selectFrom('partners')
        .select('origins')
        .where('status', '=', 'active')
        .execute();
      return [...new Set(rows.flatMap((r) => parse<string[]>(r.origins)))];
    },
    updateOrigins: async (id: string, origins: readonly string[]): Promise<boolean> => {
      const result = await this.db
        .updateTable('partners')
        .set({ origins: json([...origins]) })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    updateRateLimits: async (id: string, limits: PartnerRateLimits | null): Promise<boolean> => {
      const result = await this.db
        .updateTable('partners')
        .set({ rate_limits: limits === null ? null : json(limits) })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    setStatus: async (id: string, status: Partner['status']): Promise<Partner | undefined> => {
      await this.db.updateTable('partners').set({ status }).where('id', '=', id).execute();
      return this.partners.get(id);
    },
  };

  get partnerKeys(): KyselyPartnerKeyStore {
    return new KyselyPartnerKeyStore(this.db, toPartner);
  }

  readonly adminKeys = {
    create: async (record: AdminKeyRecord): Promise<void> => {
      await unique(
        this.db
          .insertInto('admin_keys')
          .values({
            id: record.identity.id,
            name: record.identity.name,
            role: record.identity.role,
            key_hash: record.keyHash,
            created_at: record.createdAt,
            revoked_at: record.revokedAt,
          })
          .execute(),
        `admin key ${record.identity.id}`,
      );
    },
    get: async (id: string): Promise<AdminKeyRecord | undefined> => {
      const row = await this.db.selectFrom('admin_keys').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toAdminKey(row);
    },
    list: async (): Promise<AdminKeyRecord[]> =>
      (await this.db.selectFrom('admin_keys').selectAll().orderBy('created_at').execute()).map(toAdminKey),
    revoke: async (id: string, at: string): Promise<boolean> => {
      const result = await this.db
        .updateTable('admin_keys')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };

  readonly signingKeys = {
    list: async (): Promise<SigningKeyRecord[]> =>
      (
        await this.db
          .selectFrom('signing_keys')
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('kid')
          .execute()
      ).map((row) => ({
        kid: row.kid,
        alg: 'ES256' as const,
        privateJwk: this.sealer.open(row.private_jwk, 'signing_keys.private_jwk'),
        publicJwk: row.public_jwk,
        createdAt: row.created_at,
        retiredAt: row.retired_at,
      })),
    insertIfNoneActive: async (record: SigningKeyRecord): Promise<SigningKeyRecord> => {
      // The partial unique index admits one key with `retired_at IS NULL`; when another instance
      // stored its key first, DO NOTHING (rather than a caught error, which would abort an
      // enclosing PostgreSQL transaction) leaves theirs in place.
      await this.db
        .insertInto('signing_keys')
        .values({
          kid: record.kid,
          alg: record.alg,
          private_jwk: this.sealer.seal(record.privateJwk, 'signing_keys.private_jwk'),
          public_jwk: record.publicJwk,
          created_at: record.createdAt,
          retired_at: record.retiredAt,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      const active = (await this.signingKeys.list()).find((k) => k.retiredAt === null);
      if (!active) throw new Error('no active signing key after insert');
      return active;
    },
    retireActive: async (at: string): Promise<string | null> => {
      const row = await this.db
        .updateTable('signing_keys')
        .set({ retired_at: at })
        .where('retired_at', 'is', null)
        .returning('kid')
        .executeTakeFirst();
      return row?.kid ?? null;
    },
  };

  readonly offers = {
    insertVersion: async (offer: Offer): Promise<void> => {
      await unique(
        this.db
          .insertInto('offer_versions')
          .values({
            offer_id: offer.id,
            version: offer.version,
            status: offer.status,
            created_by: offer.createdBy,
            created_at: offer.createdAt,
            updated_at: offer.updatedAt,
            body: json(offer),
          })
          .execute(),
        `offer ${offer.id} version ${offer.version}`,
      );
    },
    updateVersion: async (
      offer: Offer,
      expectedStatus: OfferStatus,
      expectedUpdatedAt?: string,
    ): Promise<boolean> => {
      let update = this.db.updateTable('offer_versions');
      if (expectedUpdatedAt !== undefined) update = update.where('updated_at', '=', expectedUpdatedAt);
      const result = await unique(
        update
          .set({
            status: offer.status,
            created_by: offer.createdBy,
            updated_at: offer.updatedAt,
            body: json(offer),
          })
          .where('offer_id', '=', offer.id)
          .where('version', '=', offer.version)
          .where('status', '=', expectedStatus)
          .executeTakeFirst(),
        `published version of ${offer.id}`,
      );
      return Number(result.numUpdatedRows) === 1;
    },
    getVersion: async (id: string, version: number): Promise<Offer | undefined> => {
      const row = await this.db
        .selectFrom('offer_versions')
        .select('body')
        .where('offer_id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return row && parse<Offer>(row.body);
    },
    listVersions: async (id: string): Promise<Offer[]> =>
      (
        await this.db
          .selectFrom('offer_versions')
          .select('body')
          .where('offer_id', '=', id)
          .orderBy('version', 'desc')
          .execute()
      ).map((r) => parse<Offer>(r.body)),
    listLatest: async (filter: OfferFilter = {}): Promise<Offer[]> => {
      let query = this.db
        .selectFrom('offer_versions as o')
        .select('o.body')
        .where(({ eb, selectFrom }) =>
          eb(
            'o.version',
            '=',
            selectFrom('offer_versions as l')
              .select(({ fn }) => fn.max('l.version').as('v'))
              .whereRef('l.offer_id', '=', 'o.offer_id'),
          ),
        )
        .orderBy('o.offer_id');
      if (filter.status) query = query.where('o.status', '=', filter.status);
      const offers = (await query.execute()).map((r) => parse<Offer>(r.body));
      const scenario = filter.scenario;
      return scenario ? offers.filter((o) => (o.scenarios as string[]).includes(scenario)) : offers;
    },
    listScheduled: async (): Promise<Offer[]> =>
      (
        await this.db
          .selectFrom('offer_versions')
          .select('body')
          .where('status', '=', 'approved')
          .orderBy('offer_id')
          .orderBy('version')
          .execute()
      )
        .map((r) => parse<Offer>(r.body))
        .filter((o) => typeof o.scheduledPublishAt === 'string')
        .sort((a, b) => String(a.scheduledPublishAt).localeCompare(String(b.scheduledPublishAt))),
    listPublished: async (): Promise<Offer[]> =>
      (
        await this.db
          .selectFrom('offer_versions')
          .select('body')
          .where('status', '=', 'published')
          .orderBy('offer_id')
          .execute()
      ).map((r) => parse<Offer>(r.body)),
    getPublished: async (id: string): Promise<Offer | undefined> => {
      const row = await this.db
        .selectFrom('offer_versions')
        .select('body')
        .where('offer_id', '=', id)
        .where('status', '=', 'published')
        .executeTakeFirst();
      return row && parse<Offer>(row.body);
    },
    latestVersionNumber: async (id: string): Promise<number> => {
      const row = await this.db
        .selectFrom('offer_versions')
        .select(({ fn }) => fn.max('version').as('v'))
        .where('offer_id', '=', id)
        .executeTakeFirst();
      return Number(row?.v ?? 0);
    },
  };

  readonly consents = {
    insert: async (consent: Consent): Promise<void> => {
      await unique(
        this.db
          .insertInto('consents')
          .values({
            id: consent.id,
            partner_id: consent.partnerId,
            user_id: consent.userId,
            status: consent.status,
            expires_at: consent.expiresAt,
            body: json(consent),
          })
          .execute(),
        `consent ${consent.id}`,
      );
    },
    get: async (partnerId: string, id: string): Promise<Consent | undefined> => {
      const row = await this.db
        .selectFrom('consents')
        .select('body')
        .where('partner_id', '=', partnerId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && parse<Consent>(row.body);
    },
    withdraw: async (partnerId: string, id: string, at: string): Promise<Consent | undefined> => {
      const current = await this.consents.get(partnerId, id);
      if (!current) return undefined;
      if (current.status === 'withdrawn') return current;
      const withdrawn: Consent = { ...current, status: 'withdrawn', withdrawnAt: at };
      // Compare-and-set on the status: of two concurrent withdrawals the first one's time stands.
      const result = await this.db
        .updateTable('consents')
        .set({ status: 'withdrawn', body: json(withdrawn) })
        .where('partner_id', '=', partnerId)
        .where('id', '=', id)
        .where('status', '=', current.status)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) return withdrawn;
      return this.consents.get(partnerId, id);
    },
    listForUser: async (partnerId: string, userId: string): Promise<Consent[]> =>
      (
        await this.db
          .selectFrom('consents')
          .select('body')
          .where('partner_id', '=', partnerId)
          .where('user_id', '=', userId)
          .orderBy('id')
          .execute()
      ).map((r) => parse<Consent>(r.body)),
  };

  readonly applications = {
    insert: async ({ application, idNumber, session }: ApplicationRecord): Promise<void> => {
      await unique(
        this.db
          .insertInto('applications')
          .values({
            id: application.id,
            partner_id: application.partnerId,
            user_id: application.userId,
            created_at: application.createdAt,
            body: json(application),
            id_number: idNumber,
            ...applicationIndexColumns(application),
          })
          .execute(),
        `application ${application.id}`,
      );
      if (session) {
        await this.workspace.recordSubmission(application, session);
        await this.funnelRollups.count({
          partnerId: application.partnerId,
          userId: application.userId,
          scenario: session.scn,
          offerId: application.offerId,
          step: 'submitted',
          at: new Date(application.createdAt),
        });
      }
    },
    get: async (partnerId: string, id: string): Promise<ApplicationRecord | undefined> => {
      const row = await this.db
        .selectFrom('applications')
        .select(['body', 'id_number'])
        .where('partner_id', '=', partnerId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { application: parse<Application>(row.body), idNumber: row.id_number };
    },
    listForUser: async (partnerId: string, userId: string): Promise<Application[]> =>
      (
        await this.db
          .selectFrom('applications')
          .select('body')
          .where('partner_id', '=', partnerId)
          .where('user_id', '=', userId)
          .orderBy('created_at')
          .orderBy('id')
          .execute()
      ).map((r) => parse<Application>(r.body)),
    find: async (id: string): Promise<ApplicationRecord | undefined> => {
      const row = await this.db
        .selectFrom('applications')
        .select(['body', 'id_number'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { application: parse<Application>(row.body), idNumber: row.id_number };
    },
    update: async (application: Application, expectedStatus: Application['status']): Promise<boolean> => {
      // The status lives in the JSON body; compare-and-set on the body read under the same status.
      const current = await this.db
        .selectFrom('applications')
        .select('body')
        .where('id', '=', application.id)
        .where('partner_id', '=', application.partnerId)
        .executeTakeFirst();
      if (!current || parse<Application>(current.body).status !== expectedStatus) return false;
      const result = await this.db
        .updateTable('applications')
        .set({ body: json(application), status: application.status, updated_at: application.updatedAt })
        .where('id', '=', application.id)
        .where('partner_id', '=', application.partnerId)
        .where('body', '=', current.body)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };

  readonly idempotency = {
    begin: async (input: {
      partnerId: string;
      key: string;
      requestHash: string;
      now: string;
      expiresAt: string;
      leaseExpiresAt: string;
    }): Promise<IdempotencyBegin> => {
      // The row read after a lost insert can vanish or change owner before the next statement: look
      // again (a few times at most: each retry means another client won).
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const outcome = await this.transaction((tx) => (tx as KyselyStore).claimIdempotencyKey(input));
        if (outcome) return outcome;
      }
      throw new Error(`idempotency key ${input.key} keeps changing owner`);
    },
    complete: async (claim: IdempotencyClaim, response: StoredResponse): Promise<boolean> => {
      const result = await this.db
        .updateTable('idempotency_keys')
        .set({
          state: 'completed',
          response_status: response.status,
          response_headers: json(response.headers),
          response_body: response.body,
          owner: null,
          lease_expires_at: null,
        })
        .where('partner_id', '=', claim.partnerId)
        .where('key', '=', claim.key)
        // A stored response is final (replays must send the very first one), and only the claim's
        // current owner may store it.
        .where('state', '=', 'started')
        .where('owner', '=', claim.owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    release: async (claim: IdempotencyClaim): Promise<void> => {
      await this.db
        .deleteFrom('idempotency_keys')
        .where('partner_id', '=', claim.partnerId)
        .where('key', '=', claim.key)
        .where('state', '=', 'started')
        .where('owner', '=', claim.owner)
        .execute();
    },
    purgeExpired: async (now: string): Promise<number> => {
      const result = await this.db
        .deleteFrom('idempotency_keys')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };

  get disclosures(): KyselyDisclosureStore {
    return new KyselyDisclosureStore(this.db);
  }

  get suitabilityOverrides(): KyselySuitabilityOverrideStore {
    return new KyselySuitabilityOverrideStore(this.db);
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

  get thesaurus(): KyselyThesaurusStore {
    return new KyselyThesaurusStore(this.db);
  }

  get riskQuestionnaires(): KyselyVersionedTableStore<RiskQuestionnaire> {
    return new KyselyVersionedTableStore<RiskQuestionnaire>(this.db, 'risk_questionnaires');
  }

  get riskAssessments(): KyselyRiskAssessmentStore {
    return new KyselyRiskAssessmentStore(this.db);
  }

  get routeQuotes(): KyselyRouteQuoteStore {
    return new KyselyRouteQuoteStore(this.db);
  }

  get workspace(): KyselyWorkspaceStore {
    return new KyselyWorkspaceStore(this.db);
  }

  get funnelRollups(): KyselyFunnelRollupStore {
    return new KyselyFunnelRollupStore(
      this.db,
      this.dialect,
      this.options.timeZone ?? DEFAULT_FUNNEL_TIME_ZONE,
    );
  }

  get handoffs(): KyselyHandoffStore {
    return new KyselyHandoffStore(this.db);
  }

  readonly audit = {
    append: async (entry: AuditEntry): Promise<void> => {
      await unique(
        this.db
          .insertInto('audit_log')
          .values({
            id: entry.id,
            at: entry.at,
            actor_kind: entry.actor.kind,
            actor_id: entry.actor.id,
            actor_name: entry.actor.name,
            action: entry.action,
            target_kind: entry.target.kind,
            target_id: entry.target.id,
            target_version: entry.target.version,
            before: entry.before === null || entry.before === undefined ? null : json(entry.before),
            after: entry.after === null || entry.after === undefined ? null : json(entry.after),
            comment: entry.comment,
            request_id: entry.requestId,
          })
          .execute(),
        `audit entry ${entry.id}`,
      );
    },
    list: async (query: AuditQuery): Promise<AuditEntry[]> => {
      let q = this.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc');
      if (query.targetKind) q = q.where('target_kind', '=', query.targetKind);
      if (query.targetId) q = q.where('target_id', '=', query.targetId);
      if (query.actorId) q = q.where('actor_id', '=', query.actorId);
      if (query.action) q = q.where('action', '=', query.action);
      if (query.from) q = q.where('at', '>=', query.from);
      if (query.to) q = q.where('at', '<=', query.to);
      if (query.q) {
        // LIKE wildcards in the search text match themselves; `\` escapes them in both dialects.
        const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
        q = q.where((eb) =>
          eb.or(
            (['action', 'actor_id', 'actor_name', 'target_id', 'comment'] as const).map(
              (column) => sql<boolean>`lower(${eb.ref(column)}) like ${pattern} escape '\\'`,
            ),
          ),
        );
      }
      if (query.before) {
        const cursor = query.before;
        q = q.where('seq', '<', (eb) =>
          eb.selectFrom('audit_log as c').select('c.seq').where('c.id', '=', cursor),
        );
      }
      return (await q.limit(auditLimit(query.limit)).execute()).map(toAudit);
    },
  };
}

/** `AuditQuery` is the route's input type (the limit may still be a query-string value). */
function auditLimit(limit: unknown): number {
  const n = Number(limit ?? 100);
  return Number.isInteger(n) ? Math.min(Math.max(n, 1), 500) : 100;
}

function toAdminKey(row: Database['admin_keys']): AdminKeyRecord {
  return {
    identity: { id: row.id, name: row.name, role: row.role },
    keyHash: row.key_hash,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
