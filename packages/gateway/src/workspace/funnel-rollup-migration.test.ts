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

const partner = {
  id: 'ptn_old',
  name: 'Old',
  origins: '[]',
  scenarios: '[]',
  webhook_url: null,
  status: 'active',
  key_id: 'k_old',
  secret_key_hash: 'x',
  webhook_secret: 'x',
  created_at: '2026-10-01T00:00:00.000Z',
};

const application = (id: string, status: string, at: string) => ({
  id,
  partnerId: 'ptn_old',
  userId: `u-${id}`,
  offerId: 'shop-installment',
  offerVersion: 1,
  amount: { value: 1_500_000, currency: 'CNY' },
  termMonths: 12,
  purpose: null,
  status,
  applicant: { name: 'Old', phone: null, email: null, businessName: null, idNumberMasked: null },
  consentIds: [],
  createdAt: at,
  updatedAt: at,
});

describe.each(DIALECTS)('0020_funnel_rollups on %s', (dialect) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('builds the rollups of the history recorded before it, on the bank’s days', async () => {
    let db: Kysely<Record<string, Record<string, unknown>>>;
    let open: () => ReturnType<typeof openStore>;
    let schema: string | undefined;
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'finlet-0020-'));
      db = new Kysely({ dialect: new SqliteDialect({ database: new SQLite(join(dir, 'finlet.db')) }) });
      open = () => openStore({ dataDir: dir });
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    } else {
      schema = `finlet_0020_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
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
    expect((await migrator.migrateTo('0018_bank_feed')).error).toBeUndefined();
    await db.insertInto('partners').values(partner).execute();
    // 15:30 UTC is 23:30 in Shanghai; 16:30 UTC is already the next day there.
    const late = '2026-11-02T15:30:00.000Z';
    const next = '2026-11-02T16:30:00.000Z';
    const event = (id: string, step: string, user: string, at: string, amount: number | null = null) => ({
      id,
      at,
      partner_id: 'ptn_old',
      user_id: user,
      scenario: 'consumption',
      offer_id: 'shop-installment',
      step,
      amount_value: amount,
      amount_currency: amount === null ? null : 'CNY',
    });
    await db
      .insertInto('funnel_events')
      .values([
        event('fnl_1', 'shown', 'u-1', late),
        event('fnl_2', 'shown', 'u-1', late),
        event('fnl_3', 'shown', 'u-2', late),
        event('fnl_4', 'shown', 'u-1', next),
        event('fnl_5', 'consented', 'u-1', next),
        event('fnl_6', 'submitted', 'u-1', next, 1_500_000),
        event('fnl_7', 'approved', 'u-1', next, 1_200_000),
      ])
      .execute();
    const approved = application('app_0123456789abcdefABCD', 'approved', next);
    await db
      .insertInto('applications')
      .values({
        id: approved.id,
        partner_id: 'ptn_old',
        user_id: approved.userId,
        created_at: next,
        body: JSON.stringify(approved),
        id_number: null,
        status: 'approved',
        offer_id: approved.offerId,
        offer_version: 1,
        scenario: 'consumption',
        amount_value: 1_500_000,
        amount_currency: 'CNY',
        search_name: 'old',
        updated_at: next,
      })
      .execute();
    await db
      .insertInto('application_decisions')
      .values({
        id: 'dec_1',
        application_id: approved.id,
        seq: 1,
        kind: 'decision',
        status: 'approved',
        actor_id: 'adm_1',
        actor_name: 'Zhao Min',
        actor_role: 'approver',
        at: next,
        body: JSON.stringify({
          question: null,
          reasonCodes: [],
          approvedTerms: { amount: { value: 1_200_000, currency: 'CNY' }, termMonths: 12, aprBps: null },
        }),
      })
      .execute();
    await db.destroy();

    const store = await open();
    cleanups.unshift(() => store.close());
    expect((await store.migrate()).applied).toContain('0020_funnel_rollups');
    const rows = await store.funnelRollups.funnel({
      firstDay: '2026-11-02',
      lastDay: '2026-11-03',
      byDay: true,
    });
    expect(rows.map((r) => [r.day, r.shown, r.consented, r.submitted, r.approved, r.approvedAmount])).toEqual(
      [
        ['2026-11-02', 2, 0, 0, 0, []],
        ['2026-11-03', 1, 1, 1, 1, [{ value: 1_200_000, currency: 'CNY' }]],
      ],
    );
  });
});
