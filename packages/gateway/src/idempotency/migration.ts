import type { Kysely, Migration } from 'kysely';

/**
 * `0007_idempotency`: a `started` claim names its owner and holds the key only until its lease runs
 * out, so a claim left by a process that died is taken over by the next retry instead of answering
 * `idempotency_in_progress` until the key expires. Rows from before have neither: their lease counts
 * as run out.
 */
export function idempotencyMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      await db.schema.alterTable('idempotency_keys').addColumn('owner', 'text').execute();
      await db.schema.alterTable('idempotency_keys').addColumn('lease_expires_at', 'text').execute();
    },
  };
}
