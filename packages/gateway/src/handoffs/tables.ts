/** Row shapes of the tables and columns migration `0012_handoff` adds (merged into `Database`). */
export interface HandoffTables {
  conversation_events: {
    conversation_id: string;
    /** Monotonic per conversation: the SSE `id` a stream resumes after. */
    seq: number;
    kind: string;
    /** JSON of the `ConversationEvent`. */
    data: string;
    at: string;
  };
  handoff_suggestions: {
    id: string;
    handoff_id: string;
    agent_id: string;
    outcome: string;
    created_at: string;
    decided_at: string | null;
    /** JSON of the `HandoffSuggestion`. */
    body: string;
  };
}

/** Columns `0012_handoff` adds to `human_handoffs` (null on rows from before it, until back-filled). */
export interface HandoffQueueColumns {
  status: string | null;
  scenario: string | null;
  language: string | null;
  /** JSON of the session's trusted signals when the user asked for a person. */
  signals: string | null;
  claimed_by_id: string | null;
  /** JSON `HandoffAgentRef`. */
  claimed_by: string | null;
  claimed_at: string | null;
  closed_at: string | null;
  /** JSON `HandoffClosure`. */
  closure: string | null;
}
