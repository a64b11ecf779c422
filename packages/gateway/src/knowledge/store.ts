import type {
  ChatIntent,
  ChatMessage,
  ChatSlots,
  HumanHandoff,
  KnowledgeDocument,
  KnowledgeStatus,
  Locale,
  Scenario,
  Signals,
} from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';
import {
  KyselyVersionedContentStore,
  type VersionedContentStore,
} from '../storage/versioned-content-store.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface KnowledgeFilter {
  status?: KnowledgeStatus | undefined;
  scenario?: string | undefined;
}

/** Knowledge document versions: the same lifecycle and compare-and-set rules as offers. */
export type KnowledgeStore = VersionedContentStore<KnowledgeDocument, KnowledgeFilter>;

export interface ConversationRecord {
  id: string;
  partnerId: string;
  userId: string;
  scenario: Scenario;
  locale: Locale;
  createdAt: string;
  updatedAt: string;
}

export interface StoredChatMessage extends ChatMessage {
  slots: ChatSlots;
  /** Position in the conversation, from 1: clocks of two instances need not agree. */
  seq: number;
}

/** Conversations belong to one partner's user: every read takes both. Texts arrive already masked. */
export interface ChatStore {
  createConversation(record: ConversationRecord): Promise<void>;
  getConversation(partnerId: string, userId: string, id: string): Promise<ConversationRecord | undefined>;
  appendMessage(conversation: ConversationRecord, message: StoredChatMessage): Promise<void>;
  /** Oldest first. */
  listMessages(conversationId: string): Promise<StoredChatMessage[]>;
  /** Deletes the conversation and its messages; false when there was none for this user. */
  deleteConversation(partnerId: string, userId: string, id: string): Promise<boolean>;
  /** A new hand-off waits in the queue; `language` is the conversation's, `signals` the session's trusted ones. */
  insertHandoff(handoff: HumanHandoff, queue?: { language: Locale; signals: Signals }): Promise<void>;
  /** Newest first. */
  listHandoffs(limit: number): Promise<HumanHandoff[]>;
}

const parse = <T>(text: string): T => JSON.parse(text) as T;

export class KyselyKnowledgeStore
  extends KyselyVersionedContentStore<KnowledgeDocument>
  implements KnowledgeStore
{
  constructor(db: Db) {
    super(db, {
      table: 'knowledge_documents',
      idColumn: 'id',
      describe: (id, version) => `knowledge document ${id}@${version}`,
      columns: (doc) => ({ id: doc.id }),
      publishedNewestFirst: false,
    });
  }

  override async listLatest(filter: KnowledgeFilter = {}): Promise<KnowledgeDocument[]> {
    const docs = await super.listLatest(filter);
    const scenario = filter.scenario;
    return scenario ? docs.filter((d) => d.scenarios.some((s) => s === scenario)) : docs;
  }
}

export class KyselyChatStore implements ChatStore {
  constructor(private readonly db: Db) {}

  async createConversation(r: ConversationRecord): Promise<void> {
    await this.db
      .insertInto('conversations')
      .values({
        id: r.id,
        partner_id: r.partnerId,
        user_id: r.userId,
        scenario: r.scenario,
        locale: r.locale,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
      })
      .execute();
  }

  async getConversation(
    partnerId: string,
    userId: string,
    id: string,
  ): Promise<ConversationRecord | undefined> {
    const row = await this.db
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', id)
      .where('partner_id', '=', partnerId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          partnerId: row.partner_id,
          userId: row.user_id,
          scenario: row.scenario as Scenario,
          locale: row.locale as Locale,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        }
      : undefined;
  }

  async appendMessage(conversation: ConversationRecord, m: StoredChatMessage): Promise<void> {
    await this.db
      .insertInto('chat_messages')
      .values({
        id: m.id,
        conversation_id: conversation.id,
        seq: m.seq,
        partner_id: conversation.partnerId,
        role: m.role,
        text: m.text,
        parts: JSON.stringify(m.parts),
        intent: m.intent,
        slots: JSON.stringify(m.slots),
        created_at: m.createdAt,
        agent: m.agent ? JSON.stringify(m.agent) : null,
      })
      .execute();
    await this.db
      .updateTable('conversations')
      .set({ updated_at: m.createdAt })
      .where('id', '=', conversation.id)
      .execute();
  }

  async listMessages(conversationId: string): Promise<StoredChatMessage[]> {
    const rows = await this.db
      .selectFrom('chat_messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      seq: Number(r.seq),
      role: r.role as StoredChatMessage['role'],
      ...(r.agent ? { agent: parse<NonNullable<StoredChatMessage['agent']>>(r.agent) } : {}),
      text: r.text,
      parts: parse(r.parts),
      intent: r.intent as ChatIntent | null,
      slots: parse(r.slots),
      createdAt: r.created_at,
    }));
  }

  async deleteConversation(partnerId: string, userId: string, id: string): Promise<boolean> {
    const owned = await this.getConversation(partnerId, userId, id);
    if (!owned) return false;
    await this.db.deleteFrom('chat_messages').where('conversation_id', '=', id).execute();
    await this.db.deleteFrom('conversations').where('id', '=', id).execute();
    return true;
  }

  async insertHandoff(h: HumanHandoff, queue?: { language: Locale; signals: Signals }): Promise<void> {
    await this.db
      .insertInto('human_handoffs')
      .values({
        id: h.id,
        partner_id: h.partnerId,
        user_id: h.userId,
        conversation_id: h.conversationId,
        created_at: h.createdAt,
        body: JSON.stringify(h),
        status: h.status === 'closed' ? 'closed' : 'waiting',
        scenario: h.scenario,
        language: queue?.language ?? 'zh-CN',
        signals: JSON.stringify(queue?.signals ?? {}),
        claimed_by_id: null,
        claimed_by: null,
        claimed_at: null,
        closed_at: null,
        closure: null,
      })
      .execute();
  }

  async listHandoffs(limit: number): Promise<HumanHandoff[]> {
    const rows = await this.db
      .selectFrom('human_handoffs')
      .select('body')
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => parse<HumanHandoff>(r.body));
  }
}
