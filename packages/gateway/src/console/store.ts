import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface ConsoleSessionRecord {
  /** SHA-256 (hex) of the cookie value. */
  id: string;
  adminKeyId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface ConsoleSessionStore {
  insert(record: ConsoleSessionRecord): Promise<void>;
  get(id: string): Promise<ConsoleSessionRecord | undefined>;
  /** Slides the idle window; only moves `last_seen_at` forward. */
  touch(id: string, at: string): Promise<void>;
  /** Returns false when the session was unknown or already revoked. */
  revoke(id: string, at: string): Promise<boolean>;
  /** Ends every live session of an admin key (the key was revoked); returns how many. */
  revokeForAdminKey(adminKeyId: string, at: string): Promise<number>;
}

export class KyselyConsoleSessionStore implements ConsoleSessionStore {
  constructor(private readonly db: Db) {}

  async insert(record: ConsoleSessionRecord): Promise<void> {
    await this.db
      .insertInto('console_sessions')
      .values({
        id: record.id,
        admin_key_id: record.adminKeyId,
        csrf_token: record.csrfToken,
        created_at: record.createdAt,
        last_seen_at: record.lastSeenAt,
        expires_at: record.expiresAt,
        revoked_at: record.revokedAt,
      })
      .execute();
  }

  async get(id: string): Promise<ConsoleSessionRecord | undefined> {
    const row = await this.db
      .selectFrom('console_sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        adminKeyId: row.admin_key_id,
        csrfToken: row.csrf_token,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
        revokedAt: row.revoked_at,
      }
    );
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db
      .updateTable('console_sessions')
      .set({ last_seen_at: at })
      .where('id', '=', id)
      .where('last_seen_at', '<', at)
      .execute();
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('console_sessions')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async revokeForAdminKey(adminKeyId: string, at: string): Promise<number> {
    const result = await this.db
      .updateTable('console_sessions')
      .set({ revoked_at: at })
      .where('admin_key_id', '=', adminKeyId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
