import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Application, DecisionRecord, EmbedSessionClaims, FunnelRow, Scenario } from '@finlet/contracts';
import { DIALECTS, PG_URL } from '@finlet/testing';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartner } from '../bootstrap.js';
import { openStore, type Store } from '../storage/index.js';
import type { Database } from '../storage/schema.js';
import { funnelRows, recordDecision, recordFunnelEvent } from './funnel.js';
import { dayIn, daySpan } from './funnel-days.js';
import type { FunnelAggregate } from './store.js';

const ZONE = 'Asia/Shanghai';
// Midnight in Shanghai is 16:00 UTC: times spread over 4 days and every hour cross both boundaries.
const BASE = Date.parse('2026-11-01T00:00:00.000Z');
let PARTNER = '';
const SCENARIOS: (Scenario | null)[] = ['consumption', 'supply-chain', null];
const OFFERS = ['offer-a', 'offer-b'];
const USERS = ['u-1', 'u-2', 'u-3'];

type Command =
  | {
      kind: 'person';
      step: 'shown' | 'selected' | 'consented';
      user: number;
      offer: number;
      scenario: number;
      at: number;
    }
  | { kind: 'submit'; user: number; offer: number; scenario: number; amount: number; at: number }
  | {
      kind: 'decide';
      app: number;
      status: 'approved' | 'declined' | 'under_review';
      amount: number;
      at: number;
    };

const minute = fc.integer({ min: 0, max: 4 * 24 * 60 - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('person' as const),
    step: fc.constantFrom('shown' as const, 'selected' as const, 'consented' as const),
    user: fc.nat(USERS.length - 1),
    offer: fc.nat(OFFERS.length - 1),
    scenario: fc.nat(SCENARIOS.length - 1),
    at: minute,
  }),
  fc.record({
    kind: fc.constant('submit' as const),
    user: fc.nat(USERS.length - 1),
    offer: fc.nat(OFFERS.length - 1),
    scenario: fc.nat(1),
    amount: fc.integer({ min: 1, max: 9 }),
    at: minute,
  }),
  fc.record({
    kind: fc.constant('decide' as const),
    app: fc.nat(7),
    status: fc.constantFrom('approved' as const, 'declined' as const, 'under_review' as const),
    amount: fc.integer({ min: 1, max: 9 }),
    at: minute,
  }),
);

const TABLES = [
  'funnel_daily',
  'funnel_daily_users',
  'funnel_outcomes',
  'funnel_events',
  'application_decisions',
  'application_submissions',
  'applications',
] as const;

/** Applies one command the way the routes do: the change and its counting in one transaction. */
async function apply(store: Store, cmd: Command, apps: Application[], seq: { n: number }): Promise<void> {
  const at = new Date(BASE + cmd.at * 60_000);
  await store.transaction(async (tx) => {
    if (cmd.kind === 'person') {
      await recordFunnelEvent(tx, {
        partnerId: PARTNER,
        userId: USERS[cmd.user]!,
        scenario: SCENARIOS[cmd.scenario]!,
        offerId: OFFERS[cmd.offer]!,
        step: cmd.step,
        at,
      });
    } else if (cmd.kind === 'submit') {
      const id = `app_rollup${String(seq.n++).padStart(12, '0')}`;
      const application: Application = {
        id,
        partnerId: PARTNER,
        userId: USERS[cmd.user]!,
        offerId: OFFERS[cmd.offer]!,
        offerVersion: 1,
        amount: { value: cmd.amount * 100_000, currency: 'CNY' },
        termMonths: 12,
        purpose: null,
        status: 'submitted',
        applicant: { name: 'Rollup', phone: null, email: null, businessName: null, idNumberMasked: null },
        consentIds: [],
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
      };
      const session: EmbedSessionClaims = {
        iss: 'finlet',
        aud: PARTNER,
        sub: application.userId,
        iat: Math.floor(at.getTime() / 1000),
        exp: Math.floor(at.getTime() / 1000) + 900,
        jti: `ses_${id}`,
        scn: SCENARIOS[cmd.scenario]!,
      };
      await tx.applications.insert({ application, idNumber: null, session });
      apps.push(application);
    } else {
      const index = apps.length === 0 ? -1 : cmd.app % apps.length;
      const before = apps[index];
      if (!before) return;
      const terms =
        cmd.status === 'approved'
          ? { amount: { value: cmd.amount * 50_000, currency: 'CNY' as const }, termMonths: 12, aprBps: null }
          : null;
      const after: Application = { ...before, status: cmd.status, updatedAt: at.toISOString() };
      expect(await tx.applications.update(after, before.status)).toBe(true);
      const record: DecisionRecord = {
        id: `dec_${seq.n++}`,
        kind: 'decision',
        status: cmd.status,
        by: { id: 'adm_1', name: 'Reviewer', role: 'approver' },
        at: at.toISOString(),
        question: null,
        reasonCodes: cmd.status === 'declined' ? ['debt_too_high'] : [],
        approvedTerms: terms,
      };
      await tx.workspace.insertDecision(before.id, record);
      await recordDecision(tx, { before, after, at, amount: terms?.amount ?? null });
      apps[index] = after;
    }
  });
}

/**
 * The funnel computed from the raw rows in JavaScript, by the documented definitions: people steps
 * are distinct users per day; submissions count on their day; an application's outcome is its
 * latest decision, if that is an approval or a decline, on that decision's day.
 */
function exactAggregates(
  events: {
    at: string;
    partner_id: string;
    user_id: string;
    scenario: string | null;
    offer_id: string;
    step: string;
  }[],
  apps: Application[],
  decisions: Map<string, DecisionRecord>,
  days: { firstDay: string; lastDay: string },
  byDay: boolean,
): FunnelAggregate[] {
  const groups = new Map<string, FunnelAggregate & { perDay: Map<string, Set<string>> }>();
  const add = (
    day: string,
    key: {
      partnerId: string;
      scenario: string | null;
      offerId: string;
      step: string;
      currency: string | null;
    },
    user: string | null,
    amount: number,
  ) => {
    if (day < days.firstDay || day > days.lastDay) return;
    const k = JSON.stringify([
      byDay ? day : null,
      key.partnerId,
      key.scenario,
      key.offerId,
      key.step,
      key.currency,
    ]);
    let g = groups.get(k);
    if (!g) {
      g = {
        day: byDay ? day : null,
        partnerId: key.partnerId,
        scenario: key.scenario,
        offerId: key.offerId,
        step: key.step,
        users: 0,
        events: 0,
        amountValue: key.currency === null ? null : 0,
        amountCurrency: key.currency,
        perDay: new Map(),
      };
      groups.set(k, g);
    }
    g.events += 1;
    if (g.amountValue !== null) g.amountValue += amount;
    if (user !== null) {
      const seen = g.perDay.get(day) ?? new Set<string>();
      g.perDay.set(day, seen);
      if (!seen.has(user)) {
        seen.add(user);
        g.users += 1;
      }
    }
  };
  for (const e of events) {
    if (e.step === 'approved' || e.step === 'declined') continue;
    const people = e.step !== 'submitted';
    add(
      dayIn(ZONE, Date.parse(e.at)),
      { partnerId: e.partner_id, scenario: e.scenario, offerId: e.offer_id, step: e.step, currency: null },
      people ? e.user_id : null,
      0,
    );
  }
  for (const app of apps) {
    if (app.status !== 'approved' && app.status !== 'declined') continue;
    const decision = decisions.get(app.id)!;
    const amount = app.status === 'approved' ? decision.approvedTerms?.amount : undefined;
    add(
      dayIn(ZONE, Date.parse(decision.at)),
      {
        partnerId: app.partnerId,
        scenario: scenarioOf.get(app.id) ?? null,
        offerId: app.offerId,
        step: app.status,
        currency: amount?.currency ?? null,
      },
      null,
      amount?.value ?? 0,
    );
  }
  return [...groups.values()].map(({ perDay: _, ...a }) => a);
}
const scenarioOf = new Map<string, string | null>();

/** The store's own connection, to read and clear tables no repository method exposes. */
const rawDb = (store: Store) => (store as unknown as { root: Kysely<Database> }).root;

const canonical = (rows: FunnelRow[]) =>
  [...rows].sort((a, b) =>
    JSON.stringify([a.day, a.partnerId, a.scenario, a.offerId]).localeCompare(
      JSON.stringify([b.day, b.partnerId, b.scenario, b.offerId]),
    ),
  );

describe.each(DIALECTS)('funnel rollups on %s', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'finlet-rollup-'));
      store = await openStore({ dataDir: dir, timeZone: ZONE });
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const schema = `finlet_rollup_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      store = await openStore({ databaseUrl: PG_URL, schema, timeZone: ZONE });
      cleanup = async () => {
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      };
    }
    await store.migrate();
    PARTNER = (await createPartner(store, { name: 'Rollup', origins: ['https://rollup.example.com'] }))
      .partner.id;
  });
  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  const byKey = (a: object, b: object) =>
    JSON.stringify(Object.values(a)).localeCompare(JSON.stringify(Object.values(b)));
  /** Everything the rollup tables hold, in one order. */
  const rollupTables = async () => {
    const db = rawDb(store);
    return {
      daily: (await db.selectFrom('funnel_daily').selectAll().execute()).sort(byKey),
      users: (await db.selectFrom('funnel_daily_users').selectAll().execute()).sort(byKey),
      outcomes: await db.selectFrom('funnel_outcomes').selectAll().orderBy('application_id').execute(),
    };
  };

  it('reads the same funnel from the rollups as from the raw rows, and a rebuild makes the same rollups', async () => {
    const db = rawDb(store);
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 1, maxLength: 25 }),
        fc.record({
          from: fc.integer({ min: -600, max: 3 * 24 * 60 }),
          length: fc.integer({ min: 1, max: 5 * 24 * 60 }),
          byDay: fc.boolean(),
          offer: fc.option(fc.nat(OFFERS.length - 1), { nil: undefined }),
        }),
        async (commands, q) => {
          for (const table of TABLES) await db.deleteFrom(table).execute();
          scenarioOf.clear();
          const apps: Application[] = [];
          const seq = { n: 0 };
          for (const cmd of commands) {
            await apply(store, cmd, apps, seq);
            if (cmd.kind === 'submit') scenarioOf.set(apps.at(-1)!.id, SCENARIOS[cmd.scenario]!);
          }
          const span = daySpan(
            ZONE,
            new Date(BASE + q.from * 60_000),
            new Date(BASE + (q.from + q.length) * 60_000),
          );
          const filter = {
            firstDay: span.firstDay,
            lastDay: span.lastDay,
            offerId: q.offer === undefined ? undefined : OFFERS[q.offer],
            byDay: q.byDay,
          };
          const fromRollups = canonical(await store.funnelRollups.funnel(filter));

          const events = await db.selectFrom('funnel_events').selectAll().execute();
          const decisions = new Map<string, DecisionRecord>();
          for (const app of apps) {
            const records = await store.workspace.decisions(app.id);
            const last = records.filter((r) => r.kind === 'decision').at(-1);
            if (last) decisions.set(app.id, last);
          }
          const exact = exactAggregates(
            events.filter((e) => filter.offerId === undefined || e.offer_id === filter.offerId),
            apps.filter((a) => filter.offerId === undefined || a.offerId === filter.offerId),
            decisions,
            span,
            q.byDay,
          );
          expect(fromRollups).toEqual(canonical(funnelRows(exact)));

          const incremental = await rollupTables();
          await store.transaction((tx) => tx.funnelRollups.rebuild());
          expect(await rollupTables()).toEqual(incremental);
        },
      ),
      { numRuns: dialect === 'sqlite' ? 60 : 30 },
    );
  }, 240_000);
});
