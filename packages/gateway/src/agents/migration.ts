import type { Kysely, Migration } from 'kysely';

/**
 * `0013_agent_grants`: grants that let an AI agent call the MCP tools for one user (stored by the
 * hash of their token), one audit row per tool call, and the drafts `start_application` hands back.
 */
export function agentGrantsMigration(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('agent_grants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('scenario', 'text', (c) => c.notNull())
        .addColumn('tools', 'text', (c) => c.notNull())
        .addColumn('amount_cap', 'text', (c) => c.notNull())
        .addColumn('agent_name', 'text', (c) => c.notNull())
        .addColumn('confirm_url', 'text')
        .addColumn('session', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_by', 'text')
        .execute();
      await db.schema
        .createIndex('agent_grants_owner')
        .on('agent_grants')
        .columns(['partner_id', 'user_id', 'expires_at'])
        .execute();

      await db.schema
        .createTable('agent_tool_calls')
        // Calls within one millisecond keep the order they were recorded in.
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('grant_id', 'text', (c) => c.notNull().references('agent_grants.id'))
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('tool', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('request_id', 'text')
        .execute();
      await db.schema
        .createIndex('agent_tool_calls_grant')
        .on('agent_tool_calls')
        .columns(['grant_id', 'seq'])
        .execute();

      await db.schema
        .createTable('agent_drafts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('grant_id', 'text', (c) => c.notNull().references('agent_grants.id'))
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // A retry with the same key finds the draft; drafts without a key are all distinct (NULLs differ).
      await db.schema
        .createIndex('agent_drafts_idempotency')
        .on('agent_drafts')
        .columns(['grant_id', 'idempotency_key'])
        .unique()
        .execute();
    },
  };
}
