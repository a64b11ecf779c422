import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIALECTS, PG_URL } from '@finlet/testing';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretSealer } from '../secrets/sealer.js';
import { openStore } from '../storage/index.js';
import { InCodeMigrations, migrations } from '../storage/migrations.js';
import { emitBankEvent } from './feed.js';

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

const T0 = '2026-11-01T08:00:00.000Z';
const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const OLD_SECRET = `whsec_${randomBytes(24).toString('base64')}`;

describe.each(DIALECTS)('0018_bank_feed on %s', (dialect) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** A database migrated up to `0015_social`, and how to reopen it as a store and as raw SQL. */
  async function databaseAt(sealer: SecretSealer) {
    let connect: () => AnyDb;
    let open: () => ReturnType<typeof openStore>;
    let schema: string | undefined;
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'finlet-0018-'));
      const file = join(dir, 'finlet.db');
      connect = () => new Kysely({ dialect: new SqliteDialect({ database: new SQLite(file) }) });
      open = () => openStore({ dataDir: dir, sealer });
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    } else {
      schema = `finlet_0018_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`CREATE SCHEMA "${schema}"`);
      await admin.end();
      const searchPath = schema;
      connect = () =>
        new Kysely({
          dialect: new PostgresDialect({
            pool: new pg.Pool({ connectionString: PG_URL, options: `-c search_path=${searchPath}` }),
          }),
        });
      open = () => openStore({ databaseUrl: PG_URL, schema: searchPath, sealer });
      cleanups.push(async () => {
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${searchPath}" CASCADE`);
        await client.end();
      });
    }
    const db = connect();
    const migrator = new Migrator({
      db,
      provider: new InCodeMigrations(dialect),
      allowUnorderedMigrations: true,
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    // The database as the release before 0018 left it, whichever migrations sort before it.
    const names = Object.keys(migrations(dialect)).sort();
    const before = await migrator.migrateTo(names[names.indexOf('0018_bank_feed') - 1]!);
    expect(before.error).toBeUndefined();
    return { db, connect, open };
  }

  it('moves the placeholder-partner endpoints, their sealed secrets, events, deliveries and attempts to the bank’s own table', async () => {
    const sealer = new SecretSealer(randomBytes(32));
    const { db, connect, open } = await databaseAt(sealer);
    // What a gateway before 0018 wrote for a reviewer-view endpoint with one failed attempt.
    await db
      .insertInto('webhook_endpoints')
      .values({
        id: 'whe_bank_old',
        partner_id: 'bank:reviewer',
        url: 'https://los.bank.example/finlet',
        event_types: JSON.stringify(['application.submitted', 'application.decided']),
        description: 'loan origination',
        status: 'active',
        secret: sealer.seal(SECRET, 'webhook_endpoints.secret'),
        previous_secret: sealer.seal(OLD_SECRET, 'webhook_endpoints.secret'),
        previous_secret_expires_at: '2026-11-02T08:00:00.000Z',
        secret_rotated_at: T0,
        created_at: '2026-10-01T00:00:00.000Z',
      })
      .execute();
    const payload = {
      id: 'evt_old',
      type: 'application.submitted',
      timestamp: T0,
      data: { application: { id: 'app_old' } },
    };
    await db
      .insertInto('outbox_events')
      .values({
        id: 'evt_old',
        partner_id: 'bank:reviewer',
        type: 'application.submitted',
        created_at: T0,
        payload: JSON.stringify(payload),
      })
      .execute();
    await db
      .insertInto('webhook_deliveries')
      .values({
        id: 'whd_old',
        event_id: 'evt_old',
        endpoint_id: 'whe_bank_old',
        partner_id: 'bank:reviewer',
        status: 'pending',
        attempts: 1,
        next_attempt_at: T0,
        lease_owner: null,
        lease_until: null,
        last_error: 'HTTP 503',
        delivered_at: null,
        created_at: T0,
      })
      .execute();
    await db
      .insertInto('webhook_attempts')
      .values({
        id: 'wha_old',
        delivery_id: 'whd_old',
        event_id: 'evt_old',
        endpoint_id: 'whe_bank_old',
        attempt: 1,
        at: T0,
        duration_ms: 12,
        http_status: 503,
        error: null,
        ok: 0,
      })
      .execute();
    await db.destroy();

    const store = await open();
    cleanups.unshift(() => store.close());
    expect((await store.migrate()).applied).toContain('0018_bank_feed');

    // The endpoint, in the bank's table with its role, secrets opened under the same master key.
    expect(await store.bankFeed.listEndpoints()).toEqual([
      {
        id: 'whe_bank_old',
        role: 'reviewer',
        url: 'https://los.bank.example/finlet',
        eventTypes: ['application.submitted', 'application.decided'],
        description: 'loan origination',
        status: 'active',
        createdAt: '2026-10-01T00:00:00.000Z',
        secretRotatedAt: T0,
        previousSecretExpiresAt: '2026-11-02T08:00:00.000Z',
      },
    ]);
    const record = await store.bankFeed.getEndpoint('whe_bank_old');
    expect([record?.secret, record?.previousSecret]).toEqual([SECRET, OLD_SECRET]);
    expect(await store.bankFeed.listEndpoints('admin')).toEqual([]);

    // No placeholder partner is left, in the list or in the table.
    const raw = connect();
    cleanups.unshift(() => raw.destroy());
    expect(await raw.selectFrom('partners').select('id').where('id', 'like', 'bank:%').execute()).toEqual([]);
    expect(await raw.selectFrom('webhook_endpoints').select('id').execute()).toEqual([]);
    expect((await store.partners.list()).map((p) => p.id)).toEqual([]);

    // The event kept its delivery and its attempt…
    const [event] = await store.webhooks.listEvents('bank:reviewer', {
      since: '2026-01-01T00:00:00.000Z',
      limit: 10,
    });
    expect(event?.id).toBe('evt_old');
    expect(event?.deliveries.map((d) => [d.id, d.endpointId, d.status, d.attempts.length])).toEqual([
      ['whd_old', 'whe_bank_old', 'pending', 1],
    ]);
    // …and the worker still finds the pending delivery with what it needs to sign it.
    const claimed = await store.webhooks.claimDue({
      owner: 'test',
      now: '2026-11-01T09:00:00.000Z',
      leaseUntil: '2026-11-01T09:01:00.000Z',
      limit: 10,
    });
    expect(
      claimed.map((c) => [c.id, c.endpoint.endpoint.url, c.endpoint.secret, c.endpoint.previousSecret]),
    ).toEqual([['whd_old', 'https://los.bank.example/finlet', SECRET, OLD_SECRET]]);
    expect(JSON.parse(claimed[0]?.payload ?? '{}')).toEqual(payload);

    // A new event of the bank's feed needs no partner row any more.
    const written = await store.transaction((tx) =>
      emitBankEvent(tx, {
        type: 'application.decided',
        at: new Date('2026-11-01T10:00:00.000Z'),
        data: (role) => ({ role }),
      }),
    );
    expect(written).toBe(1);
    const next = await store.webhooks.claimDue({
      owner: 'test',
      now: '2026-11-01T10:00:00.000Z',
      leaseUntil: '2026-11-01T10:01:00.000Z',
      limit: 10,
    });
    // (The old delivery's lease has lapsed meanwhile, so it is claimed again too.)
    expect(
      next
        .filter((c) => c.id !== 'whd_old')
        .map((c) => [c.partnerId, c.endpoint.endpoint.id, JSON.parse(c.payload).data]),
    ).toEqual([['bank:reviewer', 'whe_bank_old', { role: 'reviewer' }]]);
  });

  it('keeps the partners’ own webhooks as they were', async () => {
    const sealer = new SecretSealer();
    const { db, open } = await databaseAt(sealer);
    await db
      .insertInto('partners')
      .values({
        id: 'ptn_keep',
        name: 'Keep',
        origins: '[]',
        scenarios: '[]',
        webhook_url: 'https://partner.example/hook',
        status: 'active',
        key_id: 'k_keep',
        secret_key_hash: 'x',
        webhook_secret: SECRET,
        created_at: T0,
      })
      .execute();
    await db
      .insertInto('webhook_endpoints')
      .values({
        id: 'whe_partner',
        partner_id: 'ptn_keep',
        url: 'https://partner.example/hook',
        event_types: JSON.stringify(['application.updated']),
        description: null,
        status: 'active',
        secret: SECRET,
        previous_secret: null,
        previous_secret_expires_at: null,
        secret_rotated_at: null,
        created_at: T0,
      })
      .execute();
    await db.destroy();

    const store = await open();
    cleanups.unshift(() => store.close());
    await store.migrate();
    expect((await store.partners.list()).map((p) => p.id)).toEqual(['ptn_keep']);
    expect((await store.webhooks.listEndpoints('ptn_keep')).map((e) => e.id)).toEqual(['whe_partner']);
    expect((await store.webhooks.getEndpoint('ptn_keep', 'whe_partner'))?.secret).toBe(SECRET);
    expect(await store.bankFeed.listEndpoints()).toEqual([]);
  });
});
