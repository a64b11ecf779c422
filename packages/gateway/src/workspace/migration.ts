import { type Kysely, type Migration, sql } from 'kysely';

/**
 * `0011_bank_workspace`: the applications inbox filters and pages in SQL (columns lifted out of the
 * JSON body, back-filled), what was asserted at submission is kept, decisions are kept one row each,
 * and the acquisition funnel counts recorded events.
 */
export function bankWorkspaceMigration(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const columns: [string, 'text' | 'integer' | 'bigint'][] = [
        ['status', 'text'],
        ['offer_id', 'text'],
        ['offer_version', 'integer'],
        ['scenario', 'text'],
        ['amount_value', 'bigint'],
        ['amount_currency', 'text'],
        ['search_name', 'text'],
        ['updated_at', 'text'],
      ];
      for (const [name, type] of columns) {
        await db.schema.alterTable('applications').addColumn(name, type).execute();
      }
      const field = (path: string) =>
        dialect === 'postgres'
          ? sql.raw(`(body::jsonb #>> '{${path.split('.').join(',')}}')`)
          : sql.raw(`json_extract(body, '$.${path}')`);
      await sql`UPDATE applications SET
          status = ${field('status')},
          offer_id = ${field('offerId')},
          offer_version = CAST(${field('offerVersion')} AS integer),
          amount_value = CAST(${field('amount.value')} AS bigint),
          amount_currency = ${field('amount.currency')},
          search_name = lower(coalesce(${field('applicant.name')}, '') || ' ' || coalesce(${field('applicant.businessName')}, '')),
          updated_at = ${field('updatedAt')}`.execute(db);

      // Newest first, keyset on (created_at, id): one index per common filter keeps every page a range scan.
      await db.schema
        .createIndex('applications_inbox')
        .on('applications')
        .columns(['created_at', 'id'])
        .execute();
      for (const column of ['status', 'partner_id', 'offer_id', 'scenario']) {
        await db.schema
          .createIndex(`applications_inbox_${column}`)
          .on('applications')
          .columns([column, 'created_at', 'id'])
          .execute();
      }

      await db.schema
        .createTable('application_submissions')
        .addColumn('application_id', 'text', (c) => c.primaryKey().references('applications.id'))
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('scenario', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('session_issued_at', 'text', (c) => c.notNull())
        .addColumn('session_signals', 'text', (c) => c.notNull())
        .addColumn('partner_signals', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('application_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      // Decisions on one file are ordered by their position, not by clocks that may agree to the millisecond.
      await db.schema
        .createIndex('application_decisions_order')
        .on('application_decisions')
        .columns(['application_id', 'seq'])
        .unique()
        .execute();

      // Hand-offs and disclosure receipts are read per user when a file is opened.
      await db.schema
        .createIndex('human_handoffs_user')
        .on('human_handoffs')
        .columns(['partner_id', 'user_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('funnel_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('scenario', 'text')
        .addColumn('offer_id', 'text', (c) => c.notNull())
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('amount_value', 'bigint')
        .addColumn('amount_currency', 'text')
        .execute();
      // Covers the funnel's range scan and grouping without touching the table.
      await db.schema
        .createIndex('funnel_events_range')
        .on('funnel_events')
        .columns(['at', 'partner_id', 'scenario', 'offer_id', 'step', 'user_id'])
        .execute();
    },
  };
}
