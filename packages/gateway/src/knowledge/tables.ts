import type { KnowledgeStatus } from '@finlet/contracts';

/** Row shapes of the tables added by migration `0004_knowledge` (merged into `Database`). */
export interface KnowledgeTables {
  knowledge_documents: {
    id: string;
    version: number;
    status: KnowledgeStatus;
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
  };
  human_handoffs: {
    id: string;
    partner_id: string;
    user_id: string;
    conversation_id: string;
    created_at: string;
    body: string;
  };
}
