import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../storage/dialect.js';

/**
 * `0009_rate_limits`: a partner's own budgets, and on PostgreSQL the counters every instance
 * shares. The counter table has the columns rate-limiter-flexible's `RateLimiterPostgres` expects;
 * it is created here rather than by the library so that it lives in our schema, under our migrations.
 * SQLite counts in memory (one instance by design) and needs no table.
 */
export function rateLimitsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('partners').addColumn('rate_limits', 'text').execute();
      if (dialect !== 'postgres') return;
      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expire', 'bigint')
        .execute();
      await db.schema.createIndex('rate_limits_expire').on('rate_limits').column('expire').execute();
    },
  };
}
