import type { Nudge, NudgeStatus, Signal } from '@finlet/contracts';
import type { NudgeHistoryEntry } from '@finlet/engine';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface SignalStore {
  /**
   * Serialises evaluation per user until the transaction ends (PostgreSQL advisory locks, taken in
   * one sorted order so two batches never deadlock; SQLite has a single writer already). Call it
   * first in the transaction: two concurrent batches for one user then see each other's nudges, so
   * cool-downs and weekly caps hold.
   */
  lockSubjects(partnerId: string, userIds: readonly string[]): Promise<void>;
  /** Stores the signals not yet stored under their (partner, id); returns those stored now. */
  insertMany(partnerId: string, signals: readonly Signal[], receivedAt: string): Promise<Signal[]>;
  /**
   * The user's signals that occurred at or after `since`, oldest first; of a user with more than
   * 5,000 in that time, the newest 5,000.
   */
  recentForUser(partnerId: string, userId: string, since: string): Promise<Signal[]>;
  /** The same for several users in one query, keyed by user id. */
  recentForUsers(
    partnerId: string,
    userIds: readonly string[],
    since: string,
  ): Promise<Map<string, Signal[]>>;
}

export interface NudgeRecord {
  nudge: Nudge;
  dedupeKey: string;
}

export interface NudgeStore {
  /** Inserts unless a nudge with the same dedupe key exists for the user; true when inserted. */
  insertIfNew(record: NudgeRecord): Promise<boolean>;
  /** Nudges created at or after `since` (any status), for cool-downs and caps. */
  historyForUser(partnerId: string, userId: string, since: string): Promise<NudgeHistoryEntry[]>;
  /** The same for several users in one query, keyed by user id. */
  historyForUsers(
    partnerId: string,
    userIds: readonly string[],
    since: string,
  ): Promise<Map<string, NudgeHistoryEntry[]>>;
  /** The user's nudges visible at `now`, newest first (expired ones show as `expired`). */
  listForUser(partnerId: string, userId: string, now: string): Promise<Nudge[]>;
  get(partnerId: string, id: string): Promise<Nudge | undefined>;
  /**
   * Moves an active, visible, unexpired nudge of this user to `status` and records the action;
   * undefined when it is not (or no longer) active.
   */
  act(input: {
    partnerId: string;
    userId: string;
    id: string;
    status: Extract<NudgeStatus, 'dismissed' | 'accepted'>;
    at: string;
    actionId: string;
    requestId: string | null;
  }): Promise<Nudge | undefined>;
}

/** Most signals `recentForUser` reads for one user. */
const RECENT_LIMIT = 5000;

const parse = <T>(text: string): T => JSON.parse(text) as T;

/** A nudge as read at `now`: an active one past its expiry reads as expired. */
export function nudgeAt(nudge: Nudge, now: string): Nudge {
  return nudge.status === 'active' && nudge.expiresAt <= now ? { ...nudge, status: 'expired' } : nudge;
}

export class KyselySignalStore implements SignalStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  async lockSubjects(partnerId: string, userIds: readonly string[]): Promise<void> {
    if (this.dialect !== 'postgres' || userIds.length === 0) return;
    const keys = [...new Set(userIds)].map((u) => `${partnerId}/${u}`).sort();
    await sql`SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended(k, 0) AS h FROM unnest(${keys}::text[]) AS k ORDER BY h) AS locks`.execute(
      this.db,
    );
  }

  async insertMany(partnerId: string, signals: readonly Signal[], receivedAt: string): Promise<Signal[]> {
    if (signals.length === 0) return [];
    const rows = await this.db
      .insertInto('signals')
      .values(
        signals.map((s) => ({
          partner_id: partnerId,
          id: s.id,
          user_id: s.subject,
          type: s.type,
          occurred_at: new Date(s.occurredAt).toISOString(),
          received_at: receivedAt,
          body: JSON.stringify(s),
        })),
      )
      // A concurrent or repeated batch waits for the first writer, then skips its rows.
      .onConflict((oc) => oc.columns(['partner_id', 'id']).doNothing())
      .returning('id')
      .execute();
    const stored = new Set(rows.map((r) => r.id));
    return signals.filter((s) => stored.has(s.id));
  }

  async recentForUser(partnerId: string, userId: string, since: string): Promise<Signal[]> {
    const rows = await this.db
      .selectFrom('signals')
      .select('body')
      .where('partner_id', '=', partnerId)
      .where('user_id', '=', userId)
      .where('occurred_at', '>=', since)
      // The newest ones when there are more than the limit, then put back in time order.
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(RECENT_LIMIT)
      .execute();
    return rows.reverse().map((r) => parse<Signal>(r.body));
  }

  async recentForUsers(
    partnerId: string,
    userIds: readonly string[],
    since: string,
  ): Promise<Map<string, Signal[]>> {
    const out = new Map<string, Signal[]>(userIds.map((u) => [u, []]));
    for (let i = 0; i < userIds.length; i += 200) {
      const rows = await this.db
        .selectFrom('signals')
        .select(['user_id', 'body'])
        .where('partner_id', '=', partnerId)
        .where('user_id', 'in', userIds.slice(i, i + 200))
        .where('occurred_at', '>=', since)
        .orderBy('occurred_at')
        .execute();
      for (const row of rows) out.get(row.user_id)?.push(parse<Signal>(row.body));
    }
    return out;
  }
}

export class KyselyNudgeStore implements NudgeStore {
  constructor(private readonly db: Db) {}

  async insertIfNew({ nudge, dedupeKey }: NudgeRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('nudges')
      .values({
        id: nudge.id,
        partner_id: nudge.partnerId,
        user_id: nudge.userId,
        offer_id: nudge.offer.id,
        trigger_id: nudge.triggerId,
        dedupe_key: dedupeKey,
        status: nudge.status,
        created_at: nudge.createdAt,
        visible_from: nudge.visibleFrom,
        expires_at: nudge.expiresAt,
        acted_at: nudge.actedAt,
        body: JSON.stringify(nudge),
      })
      .onConflict((oc) => oc.columns(['partner_id', 'user_id', 'dedupe_key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async historyForUser(partnerId: string, userId: string, since: string): Promise<NudgeHistoryEntry[]> {
    const rows = await this.db
      .selectFrom('nudges')
      .select(['offer_id', 'trigger_id', 'created_at'])
      .where('partner_id', '=', partnerId)
      .where('user_id', '=', userId)
      .where('created_at', '>=', since)
      .execute();
    return rows.map((r) => ({ offerId: r.offer_id, triggerId: r.trigger_id, createdAt: r.created_at }));
  }

  async historyForUsers(
    partnerId: string,
    userIds: readonly string[],
    since: string,
  ): Promise<Map<string, NudgeHistoryEntry[]>> {
    const out = new Map<string, NudgeHistoryEntry[]>(userIds.map((u) => [u, []]));
    for (let i = 0; i < userIds.length; i += 200) {
      const rows = await this.db
        .selectFrom('nudges')
        .select(['user_id', 'offer_id', 'trigger_id', 'created_at'])
        .where('partner_id', '=', partnerId)
        .where('user_id', 'in', userIds.slice(i, i + 200))
        .where('created_at', '>=', since)
        .execute();
      for (const r of rows)
        out.get(r.user_id)?.push({ offerId: r.offer_id, triggerId: r.trigger_id, createdAt: r.created_at });
    }
    return out;
  }

  async listForUser(partnerId: string, userId: string, now: string): Promise<Nudge[]> {
    const rows = await this.db
      .selectFrom('nudges')
      .select('body')
      .where('partner_id', '=', partnerId)
      .where('user_id', '=', userId)
      .where('visible_from', '<=', now)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(100)
      .execute();
    return rows.map((r) => nudgeAt(parse<Nudge>(r.body), now));
  }

  async get(partnerId: string, id: string): Promise<Nudge | undefined> {
    const row = await this.db
      .selectFrom('nudges')
      .select('body')
      .where('partner_id', '=', partnerId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && parse<Nudge>(row.body);
  }

  async act(input: Parameters<NudgeStore['act']>[0]): Promise<Nudge | undefined> {
    const current = await this.get(input.partnerId, input.id);
    if (!current || current.userId !== input.userId) return undefined;
    if (current.status !== 'active' || current.expiresAt <= input.at || current.visibleFrom > input.at)
      return undefined;
    const next: Nudge = { ...current, status: input.status, actedAt: input.at };
    // Compare-and-set on the status: of two concurrent actions only one wins.
    const result = await this.db
      .updateTable('nudges')
      .set({ status: next.status, acted_at: input.at, body: JSON.stringify(next) })
      .where('partner_id', '=', input.partnerId)
      .where('id', '=', input.id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    await this.db
      .insertInto('nudge_actions')
      .values({
        id: input.actionId,
        nudge_id: input.id,
        partner_id: input.partnerId,
        user_id: input.userId,
        action: input.status === 'accepted' ? 'accept' : 'dismiss',
        at: input.at,
        request_id: input.requestId,
      })
      .execute();
    return next;
  }
}
