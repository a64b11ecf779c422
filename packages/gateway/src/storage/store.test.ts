import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect, promisify } from 'node:util';
import {
  AdminIdentity,
  Application,
  AuditEntry,
  Consent,
  Offer,
  OfferContent,
  Partner,
} from '@finlet/contracts';
import { inventoryOffer, receivablesOffer } from '@finlet/testing';
import SQLite from 'better-sqlite3';
import { build } from 'esbuild';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AdminKeyRecord,
  type ApplicationRecord,
  openStore,
  type PartnerRecord,
  type SigningKeyRecord,
  type Store,
  StoreConflictError,
} from './index.js';
import { migrations } from './migrations.js';

/** Every migration's name, in order: the list grows as features add theirs. */
const ALL_MIGRATIONS = Object.keys(migrations('sqlite'));

const PG_URL = process.env.FINLET_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Harness {
  store: Store;
  /** Runs SQL outside the store, as an operator with a database shell would. */
  raw(statement: string): Promise<void>;
  /** Another store on the same database (a second gateway instance). */
  openAnother(): Promise<Store>;
  close(): Promise<void>;
}

async function sqliteHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'finlet-store-'));
  const store = await openStore({ dataDir: dir });
  return {
    store,
    async raw(statement) {
      const db = new SQLite(join(dir, 'finlet.db'));
      try {
        db.exec(statement);
      } finally {
        db.close();
      }
    },
    openAnother: () => openStore({ dataDir: dir }),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const uniqueSchema = () =>
  `finlet_store_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

async function postgresHarness(): Promise<Harness> {
  const schema = uniqueSchema();
  // No skip: an unreachable PostgreSQL fails every test of this half.
  const store = await openStore({ databaseUrl: PG_URL, schema });
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    store,
    async raw(statement) {
      await client.query(statement);
    },
    openAnother: () => openStore({ databaseUrl: PG_URL, schema }),
    async close() {
      await store.close();
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    },
  };
}

// Fixtures: every object passes its contract schema, so the round trips prove contract shapes survive.

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 28, 12, minutes)).toISOString();
const id = (prefix: string, name: string) => `${prefix}_${name.padEnd(20, '0')}`;

const PTN_A = id('ptn', 'Alpha');
const PTN_B = id('ptn', 'Bravo');

function partnerRecord(partnerId: string, overrides: Partial<Partner> = {}): PartnerRecord {
  return {
    partner: Partner.parse({
      id: partnerId,
      name: `Partner ${partnerId}`,
      origins: [`https://${partnerId.toLowerCase().replace('_', '-')}.example.com`],
      scenarios: ['supply-chain', 'consumption'],
      webhookUrl: `https://${partnerId.toLowerCase().replace('_', '-')}.example.com/hooks`,
      status: 'active',
      createdAt: at(0),
      ...overrides,
    }),
    keyId: `key${partnerId.slice(4)}`,
    secretKeyHash: 'a'.repeat(64),
    webhookSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  };
}

function offerVersion(
  version: number,
  status: Offer['status'],
  content: typeof inventoryOffer = inventoryOffer,
): Offer {
  return Offer.parse({
    ...OfferContent.parse(content),
    version,
    status,
    createdBy: 'adm_author',
    createdAt: at(version),
    updatedAt: at(version),
    submittedBy: status === 'draft' ? null : 'adm_author',
    approvedBy: status === 'approved' || status === 'published' ? 'adm_approver' : null,
    publishedAt: status === 'published' ? at(version + 1) : null,
    retiredAt: null,
  });
}

function consent(partnerId: string, name: string, userId: string): Consent {
  return Consent.parse({
    id: id('cns', name),
    partnerId,
    userId,
    scopes: ['application.submit', 'sensitive.id_number'],
    purpose: 'loan_application',
    offerId: 'scf-inventory-loan',
    dataCategories: ['identity', 'business.financials'],
    recipients: { bank: 'Demo Bank', partner: partnerId },
    retentionDays: 1825,
    status: 'active',
    grantedAt: at(5),
    expiresAt: at(50),
    withdrawnAt: null,
  });
}

function applicationRecord(partnerId: string, name: string, userId: string): ApplicationRecord {
  return {
    application: Application.parse({
      id: id('app', name),
      partnerId,
      userId,
      offerId: 'scf-inventory-loan',
      offerVersion: 1,
      amount: { value: 20_000_000, currency: 'CNY' },
      termMonths: 12,
      purpose: '补充库存',
      status: 'submitted',
      applicant: {
        name: '张三',
        phone: '+86 138 0013 8000',
        email: null,
        businessName: '杭州示例贸易有限公司',
        idNumberMasked: '1101**********0015',
      },
      consentIds: [id('cns', name)],
      createdAt: at(6),
      updatedAt: at(6),
    }),
    idNumber: '110105194912310015',
  };
}

function auditEntry(name: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return AuditEntry.parse({
    id: id('aud', name),
    at: at(7),
    actor: { kind: 'admin', id: 'adm_approver', name: '李四' },
    action: 'offer.publish',
    target: { kind: 'offer', id: 'scf-inventory-loan', version: 1 },
    before: { status: 'approved' },
    after: { status: 'published' },
    comment: null,
    requestId: 'req_1',
    ...overrides,
  });
}

function signingKey(kid: string, createdAt = at(4)): SigningKeyRecord {
  return {
    kid,
    alg: 'ES256',
    privateJwk: JSON.stringify({ kty: 'EC', crv: 'P-256', x: kid, y: kid, d: kid }),
    publicJwk: JSON.stringify({ kty: 'EC', crv: 'P-256', x: kid, y: kid }),
    createdAt,
    retiredAt: null,
  };
}

describe.each([
  ['sqlite', sqliteHarness],
  ['postgres', postgresHarness],
] as const)('the store on %s', (dialect, open) => {
  let h: Harness;
  let pendingBefore: string[];
  let firstRun: string[];
  beforeAll(async () => {
    h = await open();
    pendingBefore = await h.store.pendingMigrations();
    firstRun = (await h.store.migrate()).applied;
    await h.store.partners.create(partnerRecord(PTN_A));
    await h.store.partners.create(partnerRecord(PTN_B));
  });
  afterAll(async () => h?.close());

  it('applies migrations once, in order, and then reports none pending', async () => {
    expect(h.store.dialect).toBe(dialect);
    expect(pendingBefore).toEqual(ALL_MIGRATIONS);
    expect(firstRun).toEqual(ALL_MIGRATIONS);
    expect(await h.store.pendingMigrations()).toEqual([]);
    expect(await h.store.migrate()).toEqual({ applied: [] });
    await h.store.ping();
  });

  it('stores partners and finds them by id', async () => {
    const disabled = partnerRecord(id('ptn', 'Charlie'), {
      status: 'disabled',
      webhookUrl: null,
      origins: ['http://localhost:5173'],
    });
    await h.store.partners.create(disabled);
    expect(Partner.parse(await h.store.partners.get(PTN_A))).toEqual(partnerRecord(PTN_A).partner);
    expect(await h.store.partners.get(disabled.partner.id)).toEqual(disabled.partner);
    expect(await h.store.partners.get(id('ptn', 'Nobody'))).toBeUndefined();
    expect(await h.store.partnerKeys.lookup('key-nobody')).toBeUndefined();
    expect((await h.store.partners.list()).map((p) => p.id)).toEqual(
      expect.arrayContaining([PTN_A, PTN_B, disabled.partner.id]),
    );
    // Only active partners open CORS.
    const origins = await h.store.partners.allOrigins();
    expect(origins).toEqual(expect.arrayContaining(partnerRecord(PTN_A).partner.origins));
    expect(origins).not.toContain('http://localhost:5173');

    await expect(h.store.partners.create(partnerRecord(PTN_A))).rejects.toBeInstanceOf(StoreConflictError);
    const sameKey = { ...partnerRecord(id('ptn', 'Delta')), keyId: disabled.keyId };
    await expect(h.store.partners.create(sameKey)).rejects.toBeInstanceOf(StoreConflictError);
  });

  it("replaces a partner's origins", async () => {
    const record = partnerRecord(id('ptn', 'Hotel'), { origins: ['http://127.0.0.1:4401'] });
    await h.store.partners.create(record);
    expect(await h.store.partners.updateOrigins(record.partner.id, ['http://127.0.0.1:51234'])).toBe(true);
    expect((await h.store.partners.get(record.partner.id))?.origins).toEqual(['http://127.0.0.1:51234']);
    const origins = await h.store.partners.allOrigins();
    expect(origins).toContain('http://127.0.0.1:51234');
    expect(origins).not.toContain('http://127.0.0.1:4401');
    expect(await h.store.partners.updateOrigins(id('ptn', 'Nobody'), [])).toBe(false);
  });

  it('0008_key_lifecycle carries every existing partner key into partner_keys, so it keeps working', async () => {
    // The database as it was before 0008: each partner held its one key on its own row.
    await h.raw('DROP TABLE partner_keys');
    await h.raw(`DELETE FROM kysely_migration WHERE name = '0008_key_lifecycle'`);
    const record = partnerRecord(id('ptn', 'India'));
    await h.store.partners.create(record);
    expect(await h.store.pendingMigrations()).toEqual(['0008_key_lifecycle']);
    expect((await h.store.migrate()).applied).toEqual(['0008_key_lifecycle']);
    const found = await h.store.partnerKeys.lookup(record.keyId);
    expect(found?.partner).toEqual(record.partner);
    expect(found?.key).toEqual({
      id: record.keyId,
      partnerId: record.partner.id,
      keyHash: record.secretKeyHash,
      createdAt: record.partner.createdAt,
      expiresAt: null,
      revokedAt: null,
    });
  });

  it('ends the live keys of one partner at a rotation, and revokes one key of its own partner only', async () => {
    const juliet = partnerRecord(id('ptn', 'Juliet'));
    await h.store.partners.create(juliet);
    const PTN_J = juliet.partner.id;
    const alpha = (n: string) => ({
      id: `alpha${n}`.padEnd(16, '0'),
      partnerId: PTN_J,
      keyHash: 'a'.repeat(64),
      createdAt: at(Number(n)),
      expiresAt: null,
      revokedAt: null,
    });
    await h.store.partnerKeys.insert(alpha('1'));
    await h.store.partnerKeys.insert({ ...alpha('2'), expiresAt: at(30) });
    await h.store.partnerKeys.insert({ ...alpha('3'), expiresAt: at(5) });
    await h.store.partnerKeys.insert({ ...alpha('4'), revokedAt: at(4) });
    const ended = await h.store.partnerKeys.endLiveKeys(PTN_J, at(10));
    // Current keys and keys ending later end at 10; one ending sooner or revoked is left alone.
    expect(ended.map((k) => k.id).sort()).toEqual([alpha('1').id, alpha('2').id]);
    const keys = await h.store.partnerKeys.listForPartner(PTN_J);
    expect(keys.map((k) => [k.id, k.expiresAt])).toEqual(
      expect.arrayContaining([
        [alpha('1').id, at(10)],
        [alpha('2').id, at(10)],
        [alpha('3').id, at(5)],
      ]),
    );
    expect(await h.store.partnerKeys.revoke(PTN_B, alpha('1').id, at(11))).toBe(false);
    expect(await h.store.partnerKeys.revoke(PTN_J, alpha('1').id, at(11))).toBe(true);
    expect(await h.store.partnerKeys.revoke(PTN_J, alpha('1').id, at(12))).toBe(false);
    expect((await h.store.partnerKeys.lookup(alpha('1').id))?.key.revokedAt).toBe(at(11));
  });

  it('stores admin keys', async () => {
    const record: AdminKeyRecord = {
      identity: AdminIdentity.parse({ id: 'adm_approver', name: '李四', role: 'approver' }),
      keyHash: 'b'.repeat(64),
      createdAt: at(1),
      revokedAt: null,
    };
    const revoked: AdminKeyRecord = {
      identity: { id: 'adm_old', name: 'Old key', role: 'admin' },
      keyHash: 'c'.repeat(64),
      createdAt: at(0),
      revokedAt: at(2),
    };
    await h.store.adminKeys.create(record);
    await h.store.adminKeys.create(revoked);
    expect(await h.store.adminKeys.get('adm_approver')).toEqual(record);
    expect(await h.store.adminKeys.get('adm_none')).toBeUndefined();
    expect(await h.store.adminKeys.list()).toEqual([revoked, record]);
    await expect(h.store.adminKeys.create(record)).rejects.toBeInstanceOf(StoreConflictError);
  });

  it('ends with one active signing key when instances race to create it', async () => {
    const other = await h.openAnother();
    try {
      const results = await Promise.all(
        ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'].map((kid, i) =>
          (i % 2 ? other : h.store).signingKeys.insertIfNoneActive(signingKey(kid)),
        ),
      );
      const [winner] = results;
      expect(results.every((r) => r.kid === winner?.kid)).toBe(true);
      const keys = await h.store.signingKeys.list();
      expect(keys).toEqual([winner]);
      // Losing the race inside a transaction leaves the transaction usable.
      const again = await h.store.transaction(async (tx) => {
        const active = await tx.signingKeys.insertIfNoneActive(signingKey('k7'));
        await tx.partners.get(PTN_A);
        return active;
      });
      expect(again).toEqual(winner);
    } finally {
      await other.close();
    }
  });

  it('keeps one published version per offer and updates versions only by compare-and-set', async () => {
    const offerId = 'scf-inventory-loan';
    await h.store.offers.insertVersion(offerVersion(1, 'published'));
    await expect(h.store.offers.insertVersion(offerVersion(1, 'draft'))).rejects.toBeInstanceOf(
      StoreConflictError,
    );
    await h.store.offers.insertVersion(offerVersion(2, 'approved'));
    // A second published version of the same offer is refused by the database.
    await expect(
      h.store.offers.updateVersion(offerVersion(2, 'published'), 'approved'),
    ).rejects.toBeInstanceOf(StoreConflictError);
    await expect(h.store.offers.insertVersion(offerVersion(3, 'published'))).rejects.toBeInstanceOf(
      StoreConflictError,
    );
    // The stale writer expected `draft`: nothing changes.
    expect(await h.store.offers.updateVersion(offerVersion(2, 'retired'), 'draft')).toBe(false);
    expect(await h.store.offers.getVersion(offerId, 2)).toEqual(offerVersion(2, 'approved'));
    expect(await h.store.offers.getVersion(offerId, 9)).toBeUndefined();

    // Two writers holding the same `approved` version: exactly one wins.
    const outcomes = await Promise.all([
      h.store.offers.updateVersion({ ...offerVersion(2, 'retired'), retiredAt: at(20) }, 'approved'),
      h.store.offers.updateVersion({ ...offerVersion(2, 'in_review'), updatedAt: at(21) }, 'approved'),
    ]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);

    // Retire v1, then v3 may be published.
    expect(
      await h.store.offers.updateVersion({ ...offerVersion(1, 'retired'), retiredAt: at(22) }, 'published'),
    ).toBe(true);
    await h.store.offers.insertVersion(offerVersion(3, 'published'));
    await h.store.offers.insertVersion(offerVersion(1, 'published', receivablesOffer));

    expect(Offer.parse(await h.store.offers.getPublished(offerId))).toEqual(offerVersion(3, 'published'));
    expect(await h.store.offers.getPublished('scf-none')).toBeUndefined();
    expect((await h.store.offers.listVersions(offerId)).map((o) => o.version)).toEqual([3, 2, 1]);
    expect(await h.store.offers.latestVersionNumber(offerId)).toBe(3);
    expect(await h.store.offers.latestVersionNumber('scf-none')).toBe(0);
    expect((await h.store.offers.listPublished()).map((o) => [o.id, o.version])).toEqual([
      ['scf-inventory-loan', 3],
      ['scf-receivables', 1],
    ]);
    expect((await h.store.offers.listLatest()).map((o) => [o.id, o.version])).toEqual([
      ['scf-inventory-loan', 3],
      ['scf-receivables', 1],
    ]);
    expect(await h.store.offers.listLatest({ status: 'retired' })).toEqual([]);
    expect((await h.store.offers.listLatest({ scenario: 'supply-chain' })).length).toBe(2);
    expect(await h.store.offers.listLatest({ scenario: 'tourism' })).toEqual([]);
  });

  it('keeps consents per partner and withdraws them once', async () => {
    const mine = consent(PTN_A, 'Consent1', 'user-1');
    const theirs = consent(PTN_B, 'Consent2', 'user-1');
    await h.store.consents.insert(mine);
    await h.store.consents.insert(theirs);
    await expect(h.store.consents.insert(mine)).rejects.toBeInstanceOf(StoreConflictError);

    expect(Consent.parse(await h.store.consents.get(PTN_A, mine.id))).toEqual(mine);
    expect(await h.store.consents.get(PTN_B, mine.id)).toBeUndefined();
    expect(await h.store.consents.listForUser(PTN_A, 'user-1')).toEqual([mine]);
    expect(await h.store.consents.listForUser(PTN_A, 'user-2')).toEqual([]);

    expect(await h.store.consents.withdraw(PTN_B, mine.id, at(8))).toBeUndefined();
    expect(await h.store.consents.get(PTN_A, mine.id)).toEqual(mine);
    const withdrawn = await h.store.consents.withdraw(PTN_A, mine.id, at(8));
    expect(withdrawn).toEqual({ ...mine, status: 'withdrawn', withdrawnAt: at(8) });
    // Withdrawing again keeps the first withdrawal time.
    expect(await h.store.consents.withdraw(PTN_A, mine.id, at(9))).toEqual(withdrawn);
    expect(Consent.parse(await h.store.consents.get(PTN_A, mine.id))).toEqual(withdrawn);
    expect(await h.store.consents.get(PTN_B, theirs.id)).toEqual(theirs);

    // Concurrent withdrawals agree on one time: the first writer's.
    const raced = consent(PTN_A, 'Consent3', 'user-3');
    await h.store.consents.insert(raced);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => h.store.consents.withdraw(PTN_A, raced.id, at(10 + i))),
    );
    const stored = await h.store.consents.get(PTN_A, raced.id);
    expect(stored?.status).toBe('withdrawn');
    expect(results.every((r) => r?.withdrawnAt === stored?.withdrawnAt)).toBe(true);
  });

  it('keeps applications per partner, with the full ID number stored apart', async () => {
    const mine = applicationRecord(PTN_A, 'App1', 'user-1');
    const later = applicationRecord(PTN_A, 'App2', 'user-1');
    later.application = { ...later.application, createdAt: at(7), updatedAt: at(7) };
    const theirs = { ...applicationRecord(PTN_B, 'App3', 'user-1'), idNumber: null };
    await h.store.applications.insert(later);
    await h.store.applications.insert(mine);
    await h.store.applications.insert(theirs);
    await expect(h.store.applications.insert(mine)).rejects.toBeInstanceOf(StoreConflictError);

    expect(await h.store.applications.get(PTN_A, mine.application.id)).toEqual(mine);
    expect(
      Application.parse((await h.store.applications.get(PTN_B, theirs.application.id))?.application),
    ).toEqual(theirs.application);
    expect(await h.store.applications.get(PTN_B, mine.application.id)).toBeUndefined();
    expect(await h.store.applications.listForUser(PTN_A, 'user-1')).toEqual([
      mine.application,
      later.application,
    ]);
    expect(await h.store.applications.listForUser(PTN_B, 'user-1')).toEqual([theirs.application]);
    expect(await h.store.applications.listForUser(PTN_A, 'user-9')).toEqual([]);
  });

  it('refuses a consent of an unknown partner', async () => {
    await expect(h.store.consents.insert(consent(id('ptn', 'Ghost'), 'Consent9', 'u'))).rejects.toThrow();
  });

  it('claims an idempotency key exactly once under concurrency', async () => {
    const base = {
      partnerId: PTN_A,
      key: 'race-1',
      requestHash: 'h1',
      now: at(3),
      expiresAt: at(30),
      leaseExpiresAt: at(4),
    };
    const other = await h.openAnother();
    // Two PostgreSQL instances race on separate pools. Two SQLite connections in one process would
    // block each other's thread (better-sqlite3 is synchronous), so SQLite races within one store,
    // whose transactions Kysely serialises.
    const pick = (i: number) => (dialect === 'postgres' && i % 2 ? other : h.store);
    try {
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => pick(i).idempotency.begin(base)));
      expect(claims.filter((c) => c.state === 'started')).toHaveLength(1);
      expect(claims.filter((c) => c.state === 'in_progress')).toEqual(
        Array.from({ length: 19 }, () => ({ state: 'in_progress', requestHash: 'h1' })),
      );

      // A claim whose lease ran out (its owner died) is taken over by exactly one of many retries.
      const dead = claims.find((c) => c.state === 'started');
      const retry = { ...base, now: at(4), leaseExpiresAt: at(5) };
      const takeovers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => pick(i).idempotency.begin(retry)),
      );
      expect(takeovers.filter((c) => c.state === 'started')).toHaveLength(1);
      expect(takeovers.filter((c) => c.state === 'in_progress')).toHaveLength(19);
      // The first owner, had it only been slow, can no longer store an answer.
      if (dead?.state !== 'started') throw new Error('no first claim');
      expect(await h.store.idempotency.complete(dead.claim, { status: 201, headers: {}, body: 'late' })).toBe(
        false,
      );

      // An expired claim is replaced by exactly one of many concurrent callers.
      const later = { ...base, requestHash: 'h2', now: at(31), expiresAt: at(60), leaseExpiresAt: at(32) };
      const reclaims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => pick(i).idempotency.begin(later)),
      );
      expect(reclaims.filter((c) => c.state === 'started')).toHaveLength(1);
      expect(reclaims.filter((c) => c.state === 'in_progress')).toHaveLength(19);
    } finally {
      await other.close();
    }
  });

  it('replays the exact stored response, per partner, and forgets released claims', async () => {
    const base = {
      partnerId: PTN_A,
      key: 'k-1',
      requestHash: 'h1',
      now: at(3),
      expiresAt: at(30),
      leaseExpiresAt: at(4),
    };
    const response = {
      status: 201,
      headers: { 'content-type': 'application/json; charset=utf-8', location: '/v1/applications/app_1' },
      body: '{ "name": "张三",\n  "amount": {"value":20000000,"currency":"CNY"} }',
    };
    const begun = await h.store.idempotency.begin(base);
    if (begun.state !== 'started') throw new Error(`claim ${begun.state}`);
    const { claim } = begun;
    // Another partner's calls, or another owner's, never touch this claim.
    const theirs = { ...claim, partnerId: PTN_B };
    expect(await h.store.idempotency.complete(theirs, { ...response, body: 'theirs' })).toBe(false);
    await h.store.idempotency.release(theirs);
    const stranger = { ...claim, owner: 'someone-else' };
    expect(await h.store.idempotency.complete(stranger, { ...response, body: 'stranger' })).toBe(false);
    await h.store.idempotency.release(stranger);
    expect(await h.store.idempotency.begin(base)).toEqual({ state: 'in_progress', requestHash: 'h1' });

    expect(await h.store.idempotency.complete(claim, response)).toBe(true);
    expect(await h.store.idempotency.begin({ ...base, requestHash: 'h-other' })).toEqual({
      state: 'completed',
      requestHash: 'h1',
      response,
    });
    // A completed response is final: neither a second completion nor a release changes it, and its
    // lease no longer matters.
    expect(await h.store.idempotency.complete(claim, { ...response, body: 'second' })).toBe(false);
    await h.store.idempotency.release(claim);
    expect(await h.store.idempotency.begin({ ...base, now: at(10) })).toMatchObject({
      state: 'completed',
      response: { body: response.body },
    });

    // The same key of another partner is a different claim.
    expect(await h.store.idempotency.begin({ ...base, partnerId: PTN_B })).toMatchObject({
      state: 'started',
    });

    // A released claim is free for a retry.
    const failing = { ...base, key: 'k-2' };
    const failed = await h.store.idempotency.begin(failing);
    if (failed.state !== 'started') throw new Error(`claim ${failed.state}`);
    await h.store.idempotency.release(failed.claim);
    expect(await h.store.idempotency.begin(failing)).toMatchObject({ state: 'started' });

    // A claim past its lease is not taken over by a different request under the same key.
    expect(await h.store.idempotency.begin({ ...failing, requestHash: 'h-other', now: at(5) })).toEqual({
      state: 'in_progress',
      requestHash: 'h1',
    });

    // Past its expiry a key is free again, and purging removes only expired rows.
    expect(
      await h.store.idempotency.begin({ ...base, now: at(30), expiresAt: at(90), leaseExpiresAt: at(31) }),
    ).toMatchObject({ state: 'started' });
    expect(await h.store.idempotency.purgeExpired(at(31))).toBe(2);
    expect(await h.store.idempotency.purgeExpired(at(31))).toBe(0);
    expect(await h.store.idempotency.begin({ ...base, now: at(30) })).toEqual({
      state: 'in_progress',
      requestHash: 'h1',
    });
  });

  it('takes over a claim left by a gateway of before the lease (no owner, no lease)', async () => {
    const base = {
      partnerId: PTN_A,
      key: 'old-1',
      requestHash: 'h1',
      now: at(3),
      expiresAt: at(30),
      leaseExpiresAt: at(4),
    };
    await h.raw(
      `INSERT INTO idempotency_keys (partner_id, key, request_hash, state, created_at, expires_at)
       VALUES ('${PTN_A}', 'old-1', 'h1', 'started', '${at(1)}', '${at(30)}')`,
    );
    expect(await h.store.idempotency.begin(base)).toMatchObject({ state: 'started' });
  });

  it('lists audit entries newest first with filters, and refuses to change them', async () => {
    // Same timestamp on purpose: the order must come from insertion, not from the clock.
    await h.store.audit.append(auditEntry('First', { action: 'offer.approve' }));
    await h.store.audit.append(auditEntry('Second'));
    await h.store.audit.append(
      auditEntry('Third', {
        actor: { kind: 'cli', id: 'cli', name: null },
        action: 'partner.create',
        target: { kind: 'partner', id: PTN_A, version: null },
        before: null,
        after: { name: 'Alpha', nested: { list: [1, 'two', null] } },
        comment: 'bootstrap',
        requestId: null,
      }),
    );
    await expect(h.store.audit.append(auditEntry('First'))).rejects.toBeInstanceOf(StoreConflictError);

    const all = await h.store.audit.list({});
    expect(all.map((e) => e.id)).toEqual([id('aud', 'Third'), id('aud', 'Second'), id('aud', 'First')]);
    expect(AuditEntry.parse(all[0])).toEqual(all[0]);
    expect(all[0]?.after).toEqual({ name: 'Alpha', nested: { list: [1, 'two', null] } });
    expect(all[2]).toEqual(auditEntry('First', { action: 'offer.approve' }));
    expect((await h.store.audit.list({ limit: 2 })).map((e) => e.id)).toEqual([
      id('aud', 'Third'),
      id('aud', 'Second'),
    ]);
    expect((await h.store.audit.list({ targetKind: 'offer' })).length).toBe(2);
    expect((await h.store.audit.list({ targetKind: 'offer', action: 'offer.publish' })).length).toBe(1);
    expect((await h.store.audit.list({ targetId: PTN_A })).map((e) => e.id)).toEqual([id('aud', 'Third')]);
    expect((await h.store.audit.list({ actorId: 'adm_approver' })).length).toBe(2);
    expect(await h.store.audit.list({ actorId: 'adm_nobody' })).toEqual([]);

    await expect(h.raw(`UPDATE audit_log SET action = 'offer.nothing'`)).rejects.toThrow(/append-only/);
    await expect(h.raw('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    expect(await h.store.audit.list({})).toEqual(all);
  });

  it('commits a transaction, rolls a failed one back, and reuses it when nested', async () => {
    const committed = await h.store.transaction(async (tx) => {
      await tx.partners.create(partnerRecord(id('ptn', 'Echo')));
      // A transaction sees its own writes.
      return tx.partners.get(id('ptn', 'Echo'));
    });
    expect(committed?.id).toBe(id('ptn', 'Echo'));
    expect(await h.store.partners.get(id('ptn', 'Echo'))).toEqual(committed);

    await expect(
      h.store.transaction(async (tx) => {
        await tx.partners.create(partnerRecord(id('ptn', 'Foxtrot')));
        await tx.transaction(async (inner) => {
          await inner.audit.append(
            auditEntry('Rolled', { target: { kind: 'partner', id: 'x', version: null } }),
          );
        });
        await tx.consents.insert(consent(id('ptn', 'Foxtrot'), 'Consent7', 'u'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await h.store.partners.get(id('ptn', 'Foxtrot'))).toBeUndefined();
    expect(await h.store.consents.get(id('ptn', 'Foxtrot'), id('cns', 'Consent7'))).toBeUndefined();
    expect(await h.store.audit.list({ targetId: 'x' })).toEqual([]);

    // A throw inside a nested call rolls back the whole outer transaction too.
    await expect(
      h.store.transaction(async (tx) => {
        await tx.partners.create(partnerRecord(id('ptn', 'Golf')));
        await tx.transaction(async () => {
          throw new Error('inner');
        });
      }),
    ).rejects.toThrow('inner');
    expect(await h.store.partners.get(id('ptn', 'Golf'))).toBeUndefined();

    await expect(h.store.transaction((tx) => tx.close())).rejects.toThrow(/not a transaction/);
  });

  it('closes: the closed store stops answering', async () => {
    const other = await h.openAnother();
    await other.ping();
    await other.close();
    await expect(other.ping()).rejects.toThrow();
    await h.store.ping();
  });
});

describe('the store on postgres, more than one instance', () => {
  it('applies migrations once when two instances start at once', async () => {
    const schema = uniqueSchema();
    try {
      const stores = await Promise.all(
        [1, 2, 3].map(() => openStore({ databaseUrl: PG_URL, schema, poolSize: 2 })),
      );
      try {
        const runs = await Promise.all(stores.map((s) => s.migrate()));
        expect(runs.map((r) => r.applied).sort()).toEqual([[], [], ALL_MIGRATIONS]);
        for (const s of stores) expect(await s.pendingMigrations()).toEqual([]);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    } finally {
      await dropSchema(schema);
    }
  });

  it('keeps its migration bookkeeping in its own schema when search_path picks the schema', async () => {
    // Another schema of the same database already holds migrated tables (the `schema` option path).
    const neighbour = uniqueSchema();
    const mine = uniqueSchema();
    const seed = await openStore({ databaseUrl: PG_URL, schema: neighbour });
    try {
      await seed.migrate();
      const created = await openStore({ databaseUrl: PG_URL, schema: mine });
      await created.close();
      const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${mine}`)}`;
      const store = await openStore({ databaseUrl: url });
      try {
        expect(await store.pendingMigrations()).toEqual(ALL_MIGRATIONS);
        expect(await store.migrate()).toEqual({ applied: ALL_MIGRATIONS });
        await store.partners.create(partnerRecord(PTN_A));
        expect(await seed.partners.get(PTN_A)).toBeUndefined();
      } finally {
        await store.close();
      }
    } finally {
      await seed.close();
      await dropSchema(neighbour);
      await dropSchema(mine);
    }
  });
});

describe('the store on sqlite, more than one process', () => {
  it('applies migrations once when several processes start on one file at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'finlet-store-procs-'));
    try {
      // Each process needs the storage code as plain JavaScript: bundle it (native drivers stay external).
      const bundle = join(dir, 'store.cjs');
      await build({
        entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['better-sqlite3', 'pg'],
        outfile: bundle,
        logLevel: 'silent',
      });
      const gatewayModules = fileURLToPath(new URL('../../node_modules', import.meta.url));
      const startAt = Date.now() + 1_500;
      const script = `
        const { openStore } = require(${JSON.stringify(bundle)});
        // Start together, so the migrations really overlap.
        setTimeout(async () => {
          try {
            const store = await openStore({ dataDir: ${JSON.stringify(join(dir, 'data'))} });
            const { applied } = await store.migrate();
            await store.close();
            process.stdout.write(JSON.stringify(applied));
          } catch (error) {
            console.error(error);
            process.exit(1);
          }
        }, ${startAt} - Date.now());`;
      const run = promisify(execFile);
      const outputs = await Promise.all(
        [1, 2, 3, 4, 5, 6].map(() =>
          run(process.execPath, ['-e', script], { env: { ...process.env, NODE_PATH: gatewayModules } }),
        ),
      );
      const applied = outputs.map((o) => JSON.parse(o.stdout) as string[]);
      expect(applied.sort()).toEqual([[], [], [], [], [], ALL_MIGRATIONS]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('openStore', () => {
  it('creates the SQLite data directory in WAL mode, and opens an in-memory database', async () => {
    const root = mkdtempSync(join(tmpdir(), 'finlet-store-dir-'));
    try {
      const dataDir = join(root, 'nested', 'data');
      const store = await openStore({ dataDir });
      await store.migrate();
      await store.close();
      expect(existsSync(join(dataDir, 'finlet.db'))).toBe(true);
      const db = new SQLite(join(dataDir, 'finlet.db'));
      try {
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        db.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    const memory = await openStore({ filename: ':memory:' });
    expect(await memory.migrate()).toEqual({ applied: ALL_MIGRATIONS });
    await memory.partners.create(partnerRecord(PTN_A));
    expect((await memory.partners.get(PTN_A))?.id).toBe(PTN_A);
    await memory.close();
  });

  it('explains a bad or unreachable PostgreSQL without leaking the password', async () => {
    const unreachable = await openStore({ databaseUrl: 'postgres://finlet:s3cret@127.0.0.1:1/x' }).catch(
      (e: unknown) => e,
    );
    expect(unreachable).toBeInstanceOf(Error);
    expect((unreachable as Error).message).toMatch(
      /^cannot connect to PostgreSQL at postgres:\/\/finlet:\*\*\*@127\.0\.0\.1:1\/x: /,
    );
    expect(inspect(unreachable, { depth: 10 })).not.toContain('s3cret');

    const malformed = await openStore({ databaseUrl: 'postgresql://finlet:s3cret@db:port/x' }).catch(
      (e: unknown) => e,
    );
    expect((malformed as Error).message).toMatch(/^invalid PostgreSQL URL: postgresql:\/\//);
    expect(inspect(malformed, { depth: 10 })).not.toContain('s3cret');

    await expect(openStore({ databaseUrl: 'mysql://root@localhost/x' })).rejects.toThrow(
      /unsupported database URL/,
    );
    await expect(openStore({ databaseUrl: PG_URL, schema: 'Robert"; DROP' })).rejects.toThrow(
      /invalid PostgreSQL schema name/,
    );
  });
});
