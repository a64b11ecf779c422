import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Consent, Offer, OfferContent } from '@finlet/contracts';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryOffer } from '../e2e/fixtures.js';
import { openStore } from './index.js';
import { type Store, StoreConflictError } from './store.js';

const PG_URL = process.env.FINLET_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Harness {
  store: Store;
  /** Runs SQL outside the store, as an attacker or a careless operator with a database shell would. */
  raw(statement: string): Promise<void>;
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
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresHarness(): Promise<Harness> {
  const schema = `finlet_store_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const store = await openStore({ databaseUrl: PG_URL, schema });
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    store,
    async raw(statement) {
      await client.query(statement);
    },
    async close() {
      await store.close();
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    },
  };
}

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 28, 12, minutes)).toISOString();

function offerVersion(version: number, status: Offer['status']): Offer {
  return Offer.parse({
    ...OfferContent.parse(inventoryOffer),
    version,
    status,
    createdBy: 'adm_author',
    createdAt: at(0),
    updatedAt: at(0),
    submittedBy: null,
    approvedBy: null,
    publishedAt: status === 'published' ? at(1) : null,
    retiredAt: null,
  });
}

describe.each([
  ['sqlite', sqliteHarness],
  ['postgres', postgresHarness],
] as const)('the store on %s', (_dialect, open) => {
  let h: Harness;
  beforeAll(async () => {
    h = await open();
    await h.store.migrate();
  });
  afterAll(async () => h?.close());

  it('applies migrations once and reports none pending', async () => {
    expect(await h.store.pendingMigrations()).toEqual([]);
    expect(await h.store.migrate()).toEqual({ applied: [] });
    await h.store.ping();
  });

  it('keeps one published version per offer and updates versions only by compare-and-set', async () => {
    await h.store.offers.insertVersion(offerVersion(1, 'published'));
    await expect(h.store.offers.insertVersion(offerVersion(1, 'draft'))).rejects.toBeInstanceOf(
      StoreConflictError,
    );
    await h.store.offers.insertVersion(offerVersion(2, 'approved'));
    await expect(
      h.store.offers.updateVersion(offerVersion(2, 'published'), 'approved'),
    ).rejects.toBeInstanceOf(StoreConflictError);
    // The stale writer expected `draft`: nothing changes.
    expect(await h.store.offers.updateVersion(offerVersion(2, 'retired'), 'draft')).toBe(false);
    expect((await h.store.offers.getVersion('scf-inventory-loan', 2))?.status).toBe('approved');
    expect(await h.store.offers.latestVersionNumber('scf-inventory-loan')).toBe(2);
    expect(await h.store.offers.latestVersionNumber('nothing')).toBe(0);
    expect((await h.store.offers.listLatest()).map((o) => o.version)).toEqual([2]);
    expect((await h.store.offers.listPublished()).map((o) => o.version)).toEqual([1]);
    expect((await h.store.offers.listLatest({ scenario: 'tourism' })).length).toBe(0);
    expect(Offer.parse(await h.store.offers.getPublished('scf-inventory-loan')).version).toBe(1);
  });

  it('refuses to change or delete audit records, even from a database shell', async () => {
    await h.store.audit.append({
      id: 'aud_test_1',
      at: at(2),
      actor: { kind: 'admin', id: 'adm_x', name: 'X' },
      action: 'offer.publish',
      target: { kind: 'offer', id: 'scf-inventory-loan', version: 1 },
      before: { status: 'approved' },
      after: { status: 'published' },
      comment: null,
      requestId: 'req_1',
    });
    await expect(h.raw(`UPDATE audit_log SET action = 'offer.nothing'`)).rejects.toThrow(/append-only/);
    await expect(h.raw('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    const [entry] = await h.store.audit.list({ targetId: 'scf-inventory-loan', limit: 5 });
    expect(entry).toMatchObject({ action: 'offer.publish', after: { status: 'published' } });
  });

  it('claims an idempotency key exactly once under concurrency, and replaces an expired claim', async () => {
    const base = { partnerId: 'ptn_a', key: 'k-1', requestHash: 'h1', now: at(3), expiresAt: at(30) };
    const claims = await Promise.all(Array.from({ length: 20 }, () => h.store.idempotency.begin(base)));
    expect(claims.filter((c) => c.state === 'started')).toHaveLength(1);
    expect(claims.filter((c) => c.state === 'in_progress')).toHaveLength(19);

    await h.store.idempotency.complete('ptn_a', 'k-1', {
      status: 201,
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(await h.store.idempotency.begin(base)).toEqual({
      state: 'completed',
      requestHash: 'h1',
      response: { status: 201, headers: { 'content-type': 'application/json' }, body: '{"a":1}' },
    });
    // Keys are per partner.
    expect((await h.store.idempotency.begin({ ...base, partnerId: 'ptn_b' })).state).toBe('started');
    // After expiry the key is free again.
    expect(
      (await h.store.idempotency.begin({ ...base, requestHash: 'h2', now: at(31), expiresAt: at(50) })).state,
    ).toBe('started');
    await h.store.idempotency.release('ptn_a', 'k-1');
    expect((await h.store.idempotency.begin({ ...base, now: at(32) })).state).toBe('started');
    expect(await h.store.idempotency.purgeExpired(at(59))).toBeGreaterThanOrEqual(2);
  });

  it('ends with one active signing key when instances race to create it', async () => {
    const record = (kid: string) => ({
      kid,
      alg: 'ES256' as const,
      privateJwk: '{}',
      publicJwk: '{}',
      createdAt: at(4),
      retiredAt: null,
    });
    const results = await Promise.all(
      ['k1', 'k2', 'k3', 'k4'].map((kid) => h.store.signingKeys.insertIfNoneActive(record(kid))),
    );
    expect(new Set(results.map((r) => r.kid)).size).toBe(1);
    expect((await h.store.signingKeys.list()).filter((k) => k.retiredAt === null)).toHaveLength(1);
  });

  it('keeps tenant rows apart and rolls a failed transaction back', async () => {
    const partner = (id: string) => ({
      partner: {
        id,
        name: id,
        origins: [`https://${id}.example`],
        scenarios: ['consumption' as const],
        webhookUrl: null,
        status: 'active' as const,
        createdAt: at(5),
      },
      keyId: `${id}-key`,
      secretKeyHash: 'hash',
      webhookSecret: 'whsec_x',
    });
    await h.store.partners.create(partner('ptn_one'));
    await h.store.partners.create(partner('ptn_two'));
    await expect(h.store.partners.create(partner('ptn_one'))).rejects.toBeInstanceOf(StoreConflictError);
    expect((await h.store.partners.allOrigins()).sort()).toEqual([
      'https://ptn_one.example',
      'https://ptn_two.example',
    ]);

    const consent = Consent.parse({
      id: 'cns_AAAAAAAAAAAAAAAAAAAA',
      partnerId: 'ptn_one',
      userId: 'u1',
      scopes: ['application.submit'],
      purpose: 'loan_application',
      offerId: null,
      dataCategories: [],
      recipients: { bank: 'Bank', partner: 'ptn_one' },
      retentionDays: 30,
      status: 'active',
      grantedAt: at(5),
      expiresAt: at(50),
      withdrawnAt: null,
    });
    await h.store.consents.insert(consent);
    expect(await h.store.consents.get('ptn_two', consent.id)).toBeUndefined();
    expect(await h.store.consents.withdraw('ptn_two', consent.id, at(6))).toBeUndefined();
    expect((await h.store.consents.withdraw('ptn_one', consent.id, at(6)))?.status).toBe('withdrawn');
    expect((await h.store.consents.get('ptn_one', consent.id))?.withdrawnAt).toBe(at(6));

    await expect(
      h.store.transaction(async (tx) => {
        await tx.partners.create(partner('ptn_three'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await h.store.partners.get('ptn_three')).toBeUndefined();
  });
});

describe('openStore', () => {
  it('explains an unreachable PostgreSQL without leaking the password', async () => {
    await expect(openStore({ databaseUrl: 'postgres://finlet:s3cret@127.0.0.1:1/x' })).rejects.toThrow(
      /cannot connect to PostgreSQL at postgres:\/\/finlet:\*\*\*@127\.0\.0\.1:1\/x/,
    );
    await expect(openStore({ databaseUrl: 'mysql://root@localhost/x' })).rejects.toThrow(
      /unsupported database URL/,
    );
  });
});
