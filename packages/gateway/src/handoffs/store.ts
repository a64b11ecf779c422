import type {
  ConversationEvent,
  HandoffAgentRef,
  HandoffClosure,
  HandoffQueueItem,
  HandoffStatus,
  HandoffSuggestion,
  HumanHandoff,
  Locale,
  Scenario,
  Signals,
  SuggestionOutcome,
} from '@finlet/contracts';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type HandoffRow = Selectable<Database['human_handoffs']>;

/** A hand-off with its queue state, as stored. */
export interface HandoffRecord {
  handoff: HumanHandoff;
  status: HandoffStatus;
  language: Locale;
  signals: Signals;
  claimedBy: HandoffAgentRef | null;
  claimedAt: string | null;
  closedAt: string | null;
  closure: HandoffClosure | null;
}

export interface QueueFilter {
  status?: HandoffStatus | undefined;
  scenario?: Scenario | undefined;
  partnerId?: string | undefined;
  language?: Locale | undefined;
  after?: { createdAt: string; id: string; rank: number } | undefined;
  limit: number;
}

/** Why a compare-and-set on a hand-off did not apply: the state it found instead. */
export type HandoffMove =
  | { ok: true; record: HandoffRecord }
  | { ok: false; record: HandoffRecord | undefined };

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

function toRecord(row: HandoffRow): HandoffRecord {
  const handoff = JSON.parse(row.body) as HumanHandoff;
  const status = (row.status ?? (handoff.status === 'closed' ? 'closed' : 'waiting')) as HandoffStatus;
  return {
    handoff: { ...handoff, status: status === 'waiting' || status === 'claimed' ? 'open' : 'closed' },
    status,
    language: (row.language ?? 'zh-CN') as Locale,
    signals: parse<Signals>(row.signals) ?? {},
    claimedBy: parse<HandoffAgentRef>(row.claimed_by),
    claimedAt: row.claimed_at,
    closedAt: row.closed_at,
    closure: parse<HandoffClosure>(row.closure),
  };
}

/** Queue order: waiting first (oldest first), then claimed, then the rest; each by (created_at, id). */
const STATUS_RANK: Record<HandoffStatus, number> = { waiting: 0, claimed: 1, closed: 2, abandoned: 3 };

export function queueItem(
  record: HandoffRecord,
  position: number | null,
  partnerName: string | null,
): HandoffQueueItem {
  const { status: _status, ...handoff } = record.handoff;
  return {
    ...handoff,
    status: record.status,
    language: record.language,
    claimedBy: record.claimedBy,
    claimedAt: record.claimedAt,
    closedAt: record.closedAt,
    position,
    partnerName,
  };
}

/**
 * The hand-off queue, its moves (each one compare-and-set statement, so two agents claiming at
 * once cannot both win), the conversation event log and the suggested replies.
 */
export class KyselyHandoffStore {
  constructor(private readonly db: Db) {}

  async get(id: string): Promise<HandoffRecord | undefined> {
    const row = await this.db
      .selectFrom('human_handoffs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** The latest hand-off of a conversation. */
  async latestFor(conversationId: string): Promise<HandoffRecord | undefined> {
    const row = await this.db
      .selectFrom('human_handoffs')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async queue(filter: QueueFilter): Promise<{ record: HandoffRecord; rank: number }[]> {
    const rank = (status: string) => STATUS_RANK[status as HandoffStatus] ?? 9;
    const ranks = filter.status
      ? [rank(filter.status)]
      : [0, 1, 2, 3].filter((r) => !filter.after || r >= filter.after.rank);
    const out: { record: HandoffRecord; rank: number }[] = [];
    for (const r of ranks) {
      if (out.length >= filter.limit) break;
      const status = (Object.keys(STATUS_RANK) as HandoffStatus[]).find((s) => STATUS_RANK[s] === r)!;
      let query = this.db.selectFrom('human_handoffs').selectAll().where('status', '=', status);
      if (filter.scenario) query = query.where('scenario', '=', filter.scenario);
      if (filter.partnerId) query = query.where('partner_id', '=', filter.partnerId);
      if (filter.language) query = query.where('language', '=', filter.language);
      const after = filter.after;
      if (after && after.rank === r) {
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '>', after.createdAt),
            eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('created_at')
        .orderBy('id')
        .limit(filter.limit - out.length)
        .execute();
      for (const row of rows) out.push({ record: toRecord(row), rank: r });
    }
    return out;
  }

  /** 1 for the next to be taken; null when not waiting. */
  async position(record: HandoffRecord): Promise<number | null> {
    if (record.status !== 'waiting') return null;
    const { createdAt, id } = record.handoff;
    const row = await this.db
      .selectFrom('human_handoffs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'waiting')
      .where((eb) =>
        eb.or([
          eb('created_at', '<', createdAt),
          eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
        ]),
      )
      .executeTakeFirst();
    return Number(row?.n ?? 0) + 1;
  }

  /** Wait times (created → claimed, seconds) of the most recently claimed hand-offs. */
  async recentWaits(limit: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('human_handoffs')
      .select(['created_at', 'claimed_at'])
      .where('claimed_at', 'is not', null)
      .orderBy('claimed_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => Math.max(0, (Date.parse(r.claimed_at!) - Date.parse(r.created_at)) / 1000));
  }

  async claim(id: string, agent: HandoffAgentRef, at: string): Promise<HandoffMove> {
    const result = await this.db
      .updateTable('human_handoffs')
      .set({ status: 'claimed', claimed_by_id: agent.id, claimed_by: JSON.stringify(agent), claimed_at: at })
      .where('id', '=', id)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    return this.#moved(id, result.numUpdatedRows);
  }

  async release(id: string, agentId: string): Promise<HandoffMove> {
    const result = await this.db
      .updateTable('human_handoffs')
      .set({ status: 'waiting', claimed_by_id: null, claimed_by: null, claimed_at: null })
      .where('id', '=', id)
      .where('status', '=', 'claimed')
      .where('claimed_by_id', '=', agentId)
      .executeTakeFirst();
    return this.#moved(id, result.numUpdatedRows);
  }

  async close(id: string, agentId: string, closure: HandoffClosure): Promise<HandoffMove> {
    const current = await this.get(id);
    if (!current) return { ok: false, record: undefined };
    const body: HumanHandoff = { ...current.handoff, status: 'closed' };
    const result = await this.db
      .updateTable('human_handoffs')
      .set({
        status: 'closed',
        closed_at: closure.closedAt,
        closure: JSON.stringify(closure),
        body: JSON.stringify(body),
      })
      .where('id', '=', id)
      .where('status', '=', 'claimed')
      .where('claimed_by_id', '=', agentId)
      .executeTakeFirst();
    return this.#moved(id, result.numUpdatedRows);
  }

  /** The user left: from waiting or claimed. */
  async abandon(id: string, at: string): Promise<HandoffMove> {
    const current = await this.get(id);
    if (!current) return { ok: false, record: undefined };
    const body: HumanHandoff = { ...current.handoff, status: 'closed' };
    const result = await this.db
      .updateTable('human_handoffs')
      .set({ status: 'abandoned', closed_at: at, body: JSON.stringify(body) })
      .where('id', '=', id)
      .where('status', 'in', ['waiting', 'claimed'])
      .executeTakeFirst();
    return this.#moved(id, result.numUpdatedRows);
  }

  async #moved(id: string, updated: bigint | number): Promise<HandoffMove> {
    const record = await this.get(id);
    return Number(updated) === 1 && record ? { ok: true, record } : { ok: false, record };
  }

  /** Created in [from, to), for metrics. */
  async inRange(
    from: string,
    to: string,
    filter: { partnerId?: string | undefined; scenario?: string | undefined },
  ): Promise<HandoffRecord[]> {
    let query = this.db
      .selectFrom('human_handoffs')
      .selectAll()
      .where('created_at', '>=', from)
      .where('created_at', '<', to);
    if (filter.partnerId) query = query.where('partner_id', '=', filter.partnerId);
    if (filter.scenario) query = query.where('scenario', '=', filter.scenario);
    return (await query.execute()).map(toRecord);
  }

  /**
   * Appends one event to the conversation's log and returns its id: the next of the
   * conversation's counter. Call inside the transaction of the change the event reports.
   */
  async appendEvent(conversationId: string, event: ConversationEvent, at: string): Promise<number> {
    const seq = await this.nextEventId(conversationId);
    await this.insertEvent(conversationId, seq, event, at);
    return seq;
  }

  /**
   * Takes the conversation's next event id. On PostgreSQL the update locks the conversation's row
   * until the transaction ends, so writers to one conversation queue up behind it.
   */
  async nextEventId(conversationId: string): Promise<number> {
    const row = await this.db
      .updateTable('conversations')
      .set((eb) => ({ event_seq: eb('event_seq', '+', 1) }))
      .where('id', '=', conversationId)
      .returning('event_seq')
      .executeTakeFirstOrThrow();
    return Number(row.event_seq);
  }

  async insertEvent(
    conversationId: string,
    seq: number,
    event: ConversationEvent,
    at: string,
  ): Promise<void> {
    await this.db
      .insertInto('conversation_events')
      .values({ conversation_id: conversationId, seq, kind: event.type, data: JSON.stringify(event), at })
      .execute();
  }

  async lastEventId(conversationId: string): Promise<number> {
    const row = await this.db
      .selectFrom('conversations')
      .select('event_seq')
      .where('id', '=', conversationId)
      .executeTakeFirst();
    return Number(row?.event_seq ?? 0);
  }

  /** Events after `seq`, oldest first. */
  async eventsAfter(
    conversationId: string,
    seq: number,
    limit = 500,
  ): Promise<{ seq: number; event: ConversationEvent }[]> {
    const rows = await this.db
      .selectFrom('conversation_events')
      .select(['seq', 'data'])
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', seq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), event: JSON.parse(r.data) as ConversationEvent }));
  }

  async insertSuggestion(suggestion: HandoffSuggestion, agentId: string): Promise<void> {
    await this.db
      .insertInto('handoff_suggestions')
      .values({
        id: suggestion.id,
        handoff_id: suggestion.handoffId,
        agent_id: agentId,
        outcome: suggestion.outcome,
        created_at: suggestion.createdAt,
        decided_at: suggestion.decidedAt,
        body: JSON.stringify(suggestion),
      })
      .execute();
  }

  async getSuggestion(handoffId: string, id: string): Promise<HandoffSuggestion | undefined> {
    const row = await this.db
      .selectFrom('handoff_suggestions')
      .select('body')
      .where('id', '=', id)
      .where('handoff_id', '=', handoffId)
      .executeTakeFirst();
    return row && (JSON.parse(row.body) as HandoffSuggestion);
  }

  /** Records where a pending suggestion ended; false when it was already decided. */
  async decideSuggestion(
    suggestion: HandoffSuggestion,
    outcome: Exclude<SuggestionOutcome, 'pending'>,
    at: string,
  ): Promise<HandoffSuggestion | undefined> {
    const decided: HandoffSuggestion = { ...suggestion, outcome, decidedAt: at };
    const result = await this.db
      .updateTable('handoff_suggestions')
      .set({ outcome, decided_at: at, body: JSON.stringify(decided) })
      .where('id', '=', suggestion.id)
      .where('outcome', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? decided : undefined;
  }

  /** Newest first. */
  async suggestionsFor(handoffId: string): Promise<HandoffSuggestion[]> {
    const rows = await this.db
      .selectFrom('handoff_suggestions')
      .select('body')
      .where('handoff_id', '=', handoffId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => JSON.parse(r.body) as HandoffSuggestion);
  }

  async suggestionOutcomes(handoffIds: readonly string[]): Promise<SuggestionOutcome[]> {
    if (handoffIds.length === 0) return [];
    const out: SuggestionOutcome[] = [];
    // Chunks keep the IN list under every driver's parameter limit.
    for (let i = 0; i < handoffIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('handoff_suggestions')
        .select('outcome')
        .where('handoff_id', 'in', handoffIds.slice(i, i + 500))
        .execute();
      out.push(...rows.map((r) => r.outcome as SuggestionOutcome));
    }
    return out;
  }
}
