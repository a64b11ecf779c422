import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIALECTS, PG_URL } from '@finlet/testing';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../storage/index.js';
import { InCodeMigrations } from '../storage/migrations.js';

const body = {
  id: 'app_0123456789abcdefABCD',
  partnerId: 'ptn_old',
  userId: 'u-old',
  offerId: 'shop-installment',
  offerVersion: 2,
  amount: { value: 1_500_000, currency: 'CNY' },
  termMonths: 12,
  purpose: null,
  status: 'under_review',
  applicant: {
    name: 'Old Applicant',
    phone: null,
    email: null,
    businessName: 'Old Shop',
    idNumberMasked: null,
  },
  consentIds: [],
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: '2026-10-02T00:00:00.000Z',
};

describe.each(DIALECTS)('0011_bank_workspace on %s', (dialect) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('back-fills the inbox columns of applications submitted before it', async () => {
    let db: Kysely<Record<string, Record<string, unknown>>>;
    let open: () => ReturnType<typeof openStore>;
    let schema: string | undefined;
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'finlet-0011-'));
      db = new Kysely({ dialect: new SqliteDialect({ database: new SQLite(join(dir, 'finlet.db')) }) });
      open = () => openStore({ dataDir: dir });
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    } else {
      schema = `finlet_0011_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`CREATE SCHEMA "${schema}"`);
      await admin.end();
      db = new Kysely({
        dialect: new PostgresDialect({
          pool: new pg.Pool({ connectionString: PG_URL, options: `-c search_path=${schema}` }),
        }),
      });
      open = () => openStore({ databaseUrl: PG_URL, schema });
      cleanups.push(async () => {
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      });
    }
    const migrator = new Migrator({
      db,
      provider: new InCodeMigrations(dialect),
      allowUnorderedMigrations: true,
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const before = await migrator.migrateTo('0006_console');
    expect(before.error).toBeUndefined();
    await db
      .insertInto('partners')
      .values({
        id: 'ptn_old',
        name: 'Old',
        origins: '[]',
        scenarios: '[]',
        webhook_url: null,
        status: 'active',
        key_id: 'k_old',
        secret_key_hash: 'x',
        webhook_secret: 'x',
        created_at: body.createdAt,
      })
      .execute();
    await db
      .insertInto('applications')
      .values({
        id: body.id,
        partner_id: body.partnerId,
        user_id: body.userId,
        created_at: body.createdAt,
        body: JSON.stringify(body),
        id_number: null,
      })
      .execute();
    await db.destroy();

    const store = await open();
    cleanups.unshift(() => store.close());
    expect((await store.migrate()).applied).toContain('0011_bank_workspace');
    const found = await store.workspace.inbox({
      status: 'under_review',
      offerId: 'shop-installment',
      currency: 'CNY',
      amountMin: 1_500_000,
      amountMax: 1_500_000,
      q: 'old shop',
      searchNames: true,
      limit: 10,
    });
    expect(found.map((r) => [r.application.id, r.scenario])).toEqual([[body.id, null]]);
  });
});
