import type { Kysely, Migration } from 'kysely';

/**
 * `0015_social`: group-chat assistants. A bot per partner and platform (its secrets sealed), the
 * callback nonces and event ids already received (replays), each member's opt-out and opt-in
 * (append-only: the latest choice holds), and the one-time private-continuation links.
 */
export function socialMigration(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('social_bots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('app_secret', 'text', (c) => c.notNull())
        .addColumn('verification_token', 'text', (c) => c.notNull())
        .addColumn('encrypt_key', 'text', (c) => c.notNull())
        .addColumn('bot_open_id', 'text', (c) => c.notNull())
        .addColumn('api_base', 'text', (c) => c.notNull())
        .addColumn('continue_url', 'text', (c) => c.notNull())
        .addColumn('scenario', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('social_seen')
        .addColumn('bot_id', 'text', (c) => c.notNull())
        /** `nonce` (a signed callback's nonce) or `event` (the platform's event id). */
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('seen_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('social_seen_pk', ['bot_id', 'kind', 'value'])
        .execute();
      await db.schema.createIndex('social_seen_at').on('social_seen').column('seen_at').execute();

      await db.schema
        .createTable('social_member_choices')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('bot_id', 'text', (c) => c.notNull().references('social_bots.id'))
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('choice', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text')
        .addColumn('message_id', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('social_member_choices_member')
        .on('social_member_choices')
        .columns(['bot_id', 'member_id', 'seq'])
        .execute();

      await db.schema
        .createTable('social_continuations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('bot_id', 'text', (c) => c.notNull().references('social_bots.id'))
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
    },
  };
}
