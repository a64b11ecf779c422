import type { Generated } from 'kysely';

/** Row shapes of the tables added by migration `0013_agent_grants` (merged into `Database`). */
export interface AgentTables {
  agent_grants: {
    id: string;
    partner_id: string;
    user_id: string;
    scenario: string;
    /** JSON array of tool names. */
    tools: string;
    /** JSON `Money`. */
    amount_cap: string;
    agent_name: string;
    confirm_url: string | null;
    /** JSON: the trusted session claims the grant was exchanged from (`sig`, `pre`, `loc`). */
    session: string;
    /** SHA-256 (hex) of the grant token; the token itself is never stored. */
    token_hash: string;
    created_at: string;
    expires_at: string;
    revoked_at: string | null;
    revoked_by: string | null;
  };
  agent_tool_calls: {
    seq: Generated<number>;
    id: string;
    grant_id: string;
    partner_id: string;
    tool: string;
    at: string;
    /** `ok`, `refused` (outside the grant) or `failed` (the tool answered a problem). */
    outcome: string;
    code: string | null;
    request_id: string | null;
  };
  agent_drafts: {
    id: string;
    grant_id: string;
    partner_id: string;
    user_id: string;
    idempotency_key: string | null;
    /** JSON `ApplicationConfirmation`. */
    body: string;
    created_at: string;
  };
}
