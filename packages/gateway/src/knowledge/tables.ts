import type { Generated } from 'kysely';
import type { HandoffQueueColumns } from '../handoffs/tables.js';

/** Row shapes of the tables added by migration `0004_knowledge` (merged into `Database`). */
export interface KnowledgeTables {
  knowledge_documents: {
    id: string;
    version: number;
    status: string;
    updated_at: string;
    body: string;
  };
  conversations: {
    id: string;
    partner_id: string;
    user_id: string;
    scenario: string;
    locale: string;
    created_at: string;
    updated_at: string;
    /** Last event id of the conversation's stream (0012_handoff). */
    event_seq: Generated<number>;
  };
  chat_messages: {
    id: string;
    conversation_id: string;
    seq: number;
    partner_id: string;
    role: string;
    text: string;
    parts: string;
    intent: string | null;
    slots: string;
    created_at: string;
    /** JSON `ChatAgent` of an agent's message (0012_handoff). */
    agent: string | null;
  };
  human_handoffs: {
    id: string;
    partner_id: string;
    user_id: string;
    conversation_id: string;
    created_at: string;
    body: string;
  } & HandoffQueueColumns;
}
