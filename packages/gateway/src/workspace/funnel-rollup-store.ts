import type { FunnelRow, Money, Scenario } from '@finlet/contracts';
import { type Kysely, type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import type { Dialect } from '../storage/dialect.js';
import type { Database } from '../storage/schema.js';
import { conversionOf } from './funnel-conversion.js';
import { dayIn } from './funnel-days.js';
import type { FunnelRollupTables } from './funnel-rollup-tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Steps people take: counted as distinct users per day. */
export const PEOPLE_STEPS = ['shown', 'selected', 'consented'] as const;
/** Steps an application ends in: counted once per application, on the day of its latest decision. */
export const OUTCOME_STEPS = ['approved', 'declined'] as const;
type OutcomeStep = (typeof OUTCOME_STEPS)[number];

export interface FunnelCount {
  partnerId: string;
  userId: string;
  scenario: Scenario | null;
  offerId: string;
  step: string;
  at: Date;
}

export interface FunnelFilter {
  firstDay: string;
  lastDay: string;
  partnerId?: string | undefined;
  scenario?: Scenario | undefined;
  offerId?: string | undefined;
  byDay: boolean;
}

const KEY = ['day', 'partner_id', 'scenario', 'offer_id', 'step', 'currency'] as const;

/**
 * The funnel's daily rollups, kept in the transaction of the change they count, so the funnel reads
 * O(days × groups) rows however many events there were.
 */
export class KyselyFunnelRollupStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    readonly timeZone: string,
  ) {}

  /** Counts one step someone took (shown, selected, consented) or one submission. */
  async count(event: FunnelCount): Promise<void> {
    const group = {
      day: dayIn(this.timeZone, event.at),
      partner_id: event.partnerId,
      scenario: event.scenario ?? '',
      offer_id: event.offerId,
      step: event.step,
    };
    let newUser = 0;
    if ((PEOPLE_STEPS as readonly string[]).includes(event.step)) {
      const inserted = await this.db
        .insertInto('funnel_daily_users')
        .values({ ...group, user_id: event.userId })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      newUser = Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0 ? 1 : 0;
    }
    await this.add({ ...group, currency: '' }, { users: newUser, events: 1, amount: 0 });
  }

  /**
   * Sets an application's counted outcome: the previous one (if any) is taken back from its day,
   * and an approval or a decline is counted on the day it was made. Any other status counts nothing.
   */
  async setOutcome(input: {
    applicationId: string;
    partnerId: string;
    scenario: Scenario | null;
    offerId: string;
    status: string;
    at: Date;
    amount: Money | null;
  }): Promise<void> {
    const previous = await this.db
      .selectFrom('funnel_outcomes')
      .selectAll()
      .where('application_id', '=', input.applicationId)
      .executeTakeFirst();
    if (previous) {
      const { application_id: _, amount, ...key } = previous;
      await this.add(key, { users: 0, events: -1, amount: -Number(amount) });
      await this.db
        .deleteFrom('funnel_daily')
        .where('day', '=', key.day)
        .where('partner_id', '=', key.partner_id)
        .where('scenario', '=', key.scenario)
        .where('offer_id', '=', key.offer_id)
        .where('step', '=', key.step)
        .where('currency', '=', key.currency)
        .where('events', '<=', 0)
        .execute();
      await this.db.deleteFrom('funnel_outcomes').where('application_id', '=', input.applicationId).execute();
    }
    if (!(OUTCOME_STEPS as readonly string[]).includes(input.status)) return;
    const step = input.status as OutcomeStep;
    const approvedAmount = step === 'approved' ? input.amount : null;
    const key = {
      day: dayIn(this.timeZone, input.at),
      partner_id: input.partnerId,
      scenario: input.scenario ?? '',
      offer_id: input.offerId,
      step,
      currency: approvedAmount?.currency ?? '',
    };
    const amount = approvedAmount?.value ?? 0;
    await this.db
      .insertInto('funnel_outcomes')
      .values({ application_id: input.applicationId, ...key, amount })
      .execute();
    await this.add(key, { users: 0, events: 1, amount });
  }

  private async add(
    key: Omit<FunnelRollupTables['funnel_daily'], 'users' | 'events' | 'amount'>,
    delta: { users: number; events: number; amount: number },
  ): Promise<void> {
    await this.db
      .insertInto('funnel_daily')
      .values({ ...key, ...delta })
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet((eb) => ({
          users: eb('funnel_daily.users', '+', eb.ref('excluded.users')),
          events: eb('funnel_daily.events', '+', eb.ref('excluded.events')),
          amount: eb('funnel_daily.amount', '+', eb.ref('excluded.amount')),
        })),
      )
      .execute();
  }

  /**
   * The funnel's rows over whole days, per group (and day). The steps are pivoted into columns by
   * the database, so one row comes back per group and day, not one per step; approved amounts come
   * from a second, narrow query of the approvals alone.
   */
  async funnel(filter: FunnelFilter): Promise<FunnelRow[]> {
    const scoped = <Q extends SelectQueryBuilder<Database, 'funnel_daily', object>>(query: Q): Q => {
      let q = query.where('day', '>=', filter.firstDay).where('day', '<=', filter.lastDay);
      if (filter.partnerId) q = q.where('partner_id', '=', filter.partnerId);
      if (filter.scenario) q = q.where('scenario', '=', filter.scenario);
      if (filter.offerId) q = q.where('offer_id', '=', filter.offerId);
      return q as Q;
    };
    const of = (step: string, column: 'users' | 'events') =>
      sql<number>`sum(CASE WHEN step = ${step} THEN ${sql.ref(column)} ELSE 0 END)`;
    const groupBy = filter.byDay
      ? (['day', 'partner_id', 'scenario', 'offer_id'] as const)
      : (['partner_id', 'scenario', 'offer_id'] as const);
    const dayColumn = filter.byDay ? sql<string>`day` : sql<string | null>`NULL`;
    let countQuery = scoped(this.db.selectFrom('funnel_daily'))
      .select([
        dayColumn.as('day'),
        'partner_id',
        'scenario',
        'offer_id',
        of('shown', 'users').as('shown'),
        of('selected', 'users').as('selected'),
        of('consented', 'users').as('consented'),
        of('submitted', 'events').as('submitted'),
        of('approved', 'events').as('approved'),
        of('declined', 'events').as('declined'),
      ])
      .groupBy([...groupBy]);
    for (const column of groupBy) countQuery = countQuery.orderBy(column);
    const amountQuery = scoped(this.db.selectFrom('funnel_daily'))
      .where('step', '=', 'approved')
      .where('currency', '<>', '')
      .select((eb) => [
        dayColumn.as('day'),
        'partner_id',
        'scenario',
        'offer_id',
        'currency',
        eb.fn.sum<number>('amount').as('amount'),
      ])
      .groupBy([...groupBy, 'currency'])
      .orderBy('currency');
    // Independent reads: on PostgreSQL's pool they run side by side.
    const [counts, amounts] = await Promise.all([countQuery.execute(), amountQuery.execute()]);
    const key = (r: { day: string | null; partner_id: string; scenario: string; offer_id: string }) =>
      `${r.day}\u0000${r.partner_id}\u0000${r.scenario}\u0000${r.offer_id}`;
    const approvedAmounts = new Map<string, Money[]>();
    for (const a of amounts) {
      const list = approvedAmounts.get(key(a)) ?? [];
      list.push({ value: Number(a.amount), currency: a.currency as Money['currency'] });
      approvedAmounts.set(key(a), list);
    }
    return counts.map((r) => {
      const row = {
        day: r.day,
        partnerId: r.partner_id,
        scenario: (r.scenario === '' ? null : r.scenario) as Scenario | null,
        offerId: r.offer_id,
        shown: Number(r.shown),
        selected: Number(r.selected),
        consented: Number(r.consented),
        submitted: Number(r.submitted),
        approved: Number(r.approved),
        declined: Number(r.declined),
      };
      return { ...row, approvedAmount: approvedAmounts.get(key(r)) ?? [], conversion: conversionOf(row) };
    });
  }

  /** Builds the rollups again from the recorded events and applications (upgrade back-fill, repair). */
  async rebuild(): Promise<{ dailyRows: number }> {
    return rebuildFunnelRollups(this.db as Kysely<unknown>, this.dialect, this.timeZone);
  }
}

/**
 * Builds `funnel_daily`, `funnel_daily_users` and `funnel_outcomes` from `funnel_events` and the
 * decided applications, replacing what they held. Days are computed in JavaScript (the same as on
 * write) for each distinct minute of the recorded times, so both dialects agree to the day; the
 * aggregation itself runs in SQL. Run inside one transaction.
 */
export async function rebuildFunnelRollups(
  db: Kysely<unknown>,
  dialect: Dialect,
  timeZone: string,
): Promise<{ dailyRows: number }> {
  const json = (path: string) =>
    dialect === 'postgres'
      ? sql.raw(`(d.body::jsonb #>> '{${path.split('.').join(',')}}')`)
      : sql.raw(`json_extract(d.body, '$.${path}')`);
  // The latest decision of each decided application: when it was made and what was approved.
  const outcomes = sql`
    SELECT a.id AS application_id, coalesce(d.at, a.updated_at, a.created_at) AS at, a.partner_id,
           coalesce(a.scenario, '') AS scenario, a.offer_id, a.status AS step,
           CASE WHEN a.status = 'approved' THEN coalesce(${json('approvedTerms.amount.currency')}, '') ELSE '' END AS currency,
           CASE WHEN a.status = 'approved' THEN coalesce(CAST(${json('approvedTerms.amount.value')} AS bigint), 0) ELSE 0 END AS amount
    FROM applications a
    LEFT JOIN application_decisions d ON d.application_id = a.id AND d.kind = 'decision'
      AND d.seq = (SELECT max(d2.seq) FROM application_decisions d2
                   WHERE d2.application_id = a.id AND d2.kind = 'decision')
    WHERE a.status IN ('approved', 'declined') AND a.offer_id IS NOT NULL`;

  await sql`DELETE FROM funnel_daily`.execute(db);
  await sql`DELETE FROM funnel_daily_users`.execute(db);
  await sql`DELETE FROM funnel_outcomes`.execute(db);
  await sql`DROP TABLE IF EXISTS funnel_zone_minutes`.execute(db);
  await sql`CREATE TEMPORARY TABLE funnel_zone_minutes (minute text PRIMARY KEY, day text NOT NULL)`.execute(
    db,
  );
  try {
    const minutes = await sql<{ minute: string }>`
      SELECT DISTINCT substr(at, 1, 16) AS minute FROM funnel_events
      UNION SELECT DISTINCT substr(o.at, 1, 16) FROM (${outcomes}) o`.execute(db);
    const rows = minutes.rows.map(({ minute }) => ({
      minute,
      day: dayIn(timeZone, Date.parse(`${minute}:00.000Z`)),
    }));
    for (let i = 0; i < rows.length; i += 400) {
      const chunk = rows.slice(i, i + 400);
      await sql`INSERT INTO funnel_zone_minutes (minute, day) VALUES ${sql.join(
        chunk.map((r) => sql`(${r.minute}, ${r.day})`),
      )}`.execute(db);
    }

    await sql`INSERT INTO funnel_daily_users (day, partner_id, scenario, offer_id, step, user_id)
      SELECT DISTINCT z.day, e.partner_id, coalesce(e.scenario, ''), e.offer_id, e.step, e.user_id
      FROM funnel_events e JOIN funnel_zone_minutes z ON z.minute = substr(e.at, 1, 16)
      WHERE e.step IN ('shown', 'selected', 'consented')`.execute(db);
    await sql`INSERT INTO funnel_daily (day, partner_id, scenario, offer_id, step, currency, users, events, amount)
      SELECT z.day, e.partner_id, coalesce(e.scenario, ''), e.offer_id, e.step, '',
             CASE WHEN e.step = 'submitted' THEN 0 ELSE count(DISTINCT e.user_id) END, count(*), 0
      FROM funnel_events e JOIN funnel_zone_minutes z ON z.minute = substr(e.at, 1, 16)
      WHERE e.step IN ('shown', 'selected', 'consented', 'submitted')
      GROUP BY z.day, e.partner_id, coalesce(e.scenario, ''), e.offer_id, e.step`.execute(db);
    await sql`INSERT INTO funnel_outcomes (application_id, day, partner_id, scenario, offer_id, step, currency, amount)
      SELECT o.application_id, z.day, o.partner_id, o.scenario, o.offer_id, o.step, o.currency, o.amount
      FROM (${outcomes}) o JOIN funnel_zone_minutes z ON z.minute = substr(o.at, 1, 16)`.execute(db);
    await sql`INSERT INTO funnel_daily (day, partner_id, scenario, offer_id, step, currency, users, events, amount)
      SELECT day, partner_id, scenario, offer_id, step, currency, 0, count(*), sum(amount)
      FROM funnel_outcomes GROUP BY day, partner_id, scenario, offer_id, step, currency`.execute(db);
  } finally {
    await sql`DROP TABLE IF EXISTS funnel_zone_minutes`.execute(db);
  }
  const counted = await sql<{ n: number }>`SELECT count(*) AS n FROM funnel_daily`.execute(db);
  return { dailyRows: Number(counted.rows[0]?.n ?? 0) };
}
