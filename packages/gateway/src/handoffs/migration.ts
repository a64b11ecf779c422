import { type Kysely, type Migration, sql } from 'kysely';

/**
 * `0012_handoff`: seat assist. Hand-offs get a queue state (waiting → claimed → closed, or
 * abandoned by the user) in columns the queue filters and orders on; conversations get a
 * monotonic event counter and an event log the user's stream replays from (`Last-Event-ID`);
 * chat messages may be written by an agent; suggested replies are kept with their outcome.
 */
export function handoffMigration(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const columns: [string, 'text'][] = [
        ['status', 'text'],
        ['scenario', 'text'],
        ['language', 'text'],
        ['signals', 'text'],
        ['claimed_by_id', 'text'],
        ['claimed_by', 'text'],
        ['claimed_at', 'text'],
        ['closed_at', 'text'],
        ['closure', 'text'],
      ];
      for (const [name, type] of columns) {
        await db.schema.alterTable('human_handoffs').addColumn(name, type).execute();
      }
      const field = (path: string) =>
        dialect === 'postgres'
          ? sql.raw(`(body::jsonb #>> '{${path}}')`)
          : sql.raw(`json_extract(body, '$.${path}')`);
      // Hand-offs from before the desk existed wait in the queue (or stay closed).
      await sql`UPDATE human_handoffs SET
          status = CASE WHEN ${field('status')} = 'closed' THEN 'closed' ELSE 'waiting' END,
          scenario = ${field('scenario')},
          language = coalesce(
            (SELECT c.locale FROM conversations c WHERE c.id = human_handoffs.conversation_id),
            'zh-CN'
          )`.execute(db);
      // The queue: oldest waiting first, keyset on (created_at, id) within a status.
      await db.schema
        .createIndex('human_handoffs_queue')
        .on('human_handoffs')
        .columns(['status', 'created_at', 'id'])
        .execute();
      await db.schema
        .createIndex('human_handoffs_conversation')
        .on('human_handoffs')
        .columns(['conversation_id', 'created_at'])
        .execute();

      await db.schema
        .alterTable('conversations')
        .addColumn('event_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('chat_messages').addColumn('agent', 'text').execute();

      await db.schema
        .createTable('conversation_events')
        .addColumn('conversation_id', 'text', (c) =>
          c.notNull().references('conversations.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('conversation_events_pk', ['conversation_id', 'seq'])
        .execute();

      await db.schema
        .createTable('handoff_suggestions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('handoff_id', 'text', (c) => c.notNull().references('human_handoffs.id'))
        .addColumn('agent_id', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('handoff_suggestions_handoff')
        .on('handoff_suggestions')
        .columns(['handoff_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('handoff_suggestions_created')
        .on('handoff_suggestions')
        .column('created_at')
        .execute();
    },
  };
}
