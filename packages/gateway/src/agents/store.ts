import type { AgentToolName, ApplicationConfirmation, Money, Scenario } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The session claims a grant carries on: the partner-signed signals, prefill and locale. */
export interface GrantedSession {
  sig?: Record<string, string | number | boolean>;
  pre?: Record<string, unknown>;
  loc?: 'zh-CN' | 'en';
}

export interface AgentGrantRecord {
  id: string;
  partnerId: string;
  userId: string;
  scenario: Scenario;
  tools: AgentToolName[];
  amountCap: Money;
  agentName: string;
  confirmUrl: string | null;
  session: GrantedSession;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: 'partner' | 'user' | null;
}

export interface AgentToolCallRecord {
  id: string;
  grantId: string;
  partnerId: string;
  tool: string;
  at: string;
  outcome: 'ok' | 'refused' | 'failed';
  code: string | null;
  requestId: string | null;
}

export interface AgentDraftRecord {
  id: string;
  grantId: string;
  partnerId: string;
  userId: string;
  idempotencyKey: string | null;
  body: ApplicationConfirmation;
  createdAt: string;
}

type GrantRow = Database['agent_grants'];

function toRecord(row: GrantRow): AgentGrantRecord {
  return {
    id: row.id,
    partnerId: row.partner_id,
    userId: row.user_id,
    scenario: row.scenario as Scenario,
    tools: JSON.parse(row.tools) as AgentToolName[],
    amountCap: JSON.parse(row.amount_cap) as Money,
    agentName: row.agent_name,
    confirmUrl: row.confirm_url,
    session: JSON.parse(row.session) as GrantedSession,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by as AgentGrantRecord['revokedBy'],
  };
}

/** Agent grants, their tool-call audit and the drafts `start_application` returned. */
export class AgentGrantStore {
  constructor(private readonly db: Db) {}

  async insert(record: AgentGrantRecord): Promise<void> {
    await this.db
      .insertInto('agent_grants')
      .values({
        id: record.id,
        partner_id: record.partnerId,
        user_id: record.userId,
        scenario: record.scenario,
        tools: JSON.stringify(record.tools),
        amount_cap: JSON.stringify(record.amountCap),
        agent_name: record.agentName,
        confirm_url: record.confirmUrl,
        session: JSON.stringify(record.session),
        token_hash: record.tokenHash,
        created_at: record.createdAt,
        expires_at: record.expiresAt,
        revoked_at: record.revokedAt,
        revoked_by: record.revokedBy,
      })
      .execute();
  }

  async get(id: string): Promise<AgentGrantRecord | undefined> {
    const row = await this.db.selectFrom('agent_grants').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  /** The user's grants still live at `now`, newest first. */
  async listActive(partnerId: string, userId: string, now: string): Promise<AgentGrantRecord[]> {
    const rows = await this.db
      .selectFrom('agent_grants')
      .selectAll()
      .where('partner_id', '=', partnerId)
      .where('user_id', '=', userId)
      .where('expires_at', '>', now)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(100)
      .execute();
    return rows.map(toRecord);
  }

  /** Revokes once; false when the grant was already revoked (the first revocation stands). */
  async revoke(id: string, at: string, by: 'partner' | 'user'): Promise<boolean> {
    const result = await this.db
      .updateTable('agent_grants')
      .set({ revoked_at: at, revoked_by: by })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async recordCall(call: AgentToolCallRecord): Promise<void> {
    await this.db
      .insertInto('agent_tool_calls')
      .values({
        id: call.id,
        grant_id: call.grantId,
        partner_id: call.partnerId,
        tool: call.tool,
        at: call.at,
        outcome: call.outcome,
        code: call.code,
        request_id: call.requestId,
      })
      .execute();
  }

  async listCalls(grantId: string): Promise<AgentToolCallRecord[]> {
    const rows = await this.db
      .selectFrom('agent_tool_calls')
      .selectAll()
      .where('grant_id', '=', grantId)
      .orderBy('seq')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      grantId: row.grant_id,
      partnerId: row.partner_id,
      tool: row.tool,
      at: row.at,
      outcome: row.outcome as AgentToolCallRecord['outcome'],
      code: row.code,
      requestId: row.request_id,
    }));
  }

  async findDraft(grantId: string, idempotencyKey: string): Promise<AgentDraftRecord | undefined> {
    const row = await this.db
      .selectFrom('agent_drafts')
      .selectAll()
      .where('grant_id', '=', grantId)
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        grantId: row.grant_id,
        partnerId: row.partner_id,
        userId: row.user_id,
        idempotencyKey: row.idempotency_key,
        body: JSON.parse(row.body) as ApplicationConfirmation,
        createdAt: row.created_at,
      }
    );
  }

  /** Inserts the draft unless its key is taken; answers the draft that holds the key. */
  async insertDraft(draft: AgentDraftRecord): Promise<AgentDraftRecord> {
    const result = await this.db
      .insertInto('agent_drafts')
      .values({
        id: draft.id,
        grant_id: draft.grantId,
        partner_id: draft.partnerId,
        user_id: draft.userId,
        idempotency_key: draft.idempotencyKey,
        body: JSON.stringify(draft.body),
        created_at: draft.createdAt,
      })
      .onConflict((oc) => oc.columns(['grant_id', 'idempotency_key']).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 1n) > 0 || draft.idempotencyKey === null) return draft;
    return (await this.findDraft(draft.grantId, draft.idempotencyKey)) ?? draft;
  }
}
