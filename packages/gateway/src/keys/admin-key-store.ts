import type { AdminIdentity } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import { unique } from '../storage/errors.js';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface AdminKeyRecord {
  identity: AdminIdentity;
  keyHash: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface AdminKeyStore {
  create(record: AdminKeyRecord): Promise<void>;
  get(id: string): Promise<AdminKeyRecord | undefined>;
  list(): Promise<AdminKeyRecord[]>;
  /** Marks the key revoked (its console sessions stop working with it); false when unknown or already revoked. */
  revoke(id: string, at: string): Promise<boolean>;
}

function toAdminKey(row: Database['admin_keys']): AdminKeyRecord {
  return {
    identity: { id: row.id, name: row.name, role: row.role },
    keyHash: row.key_hash,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export class KyselyAdminKeyStore implements AdminKeyStore {
  constructor(private readonly db: Db) {}

  async create(record: AdminKeyRecord): Promise<void> {
    await unique(
      this.db
        .insertInto('admin_keys')
        .values({
          id: record.identity.id,
          name: record.identity.name,
          role: record.identity.role,
          key_hash: record.keyHash,
          created_at: record.createdAt,
          revoked_at: record.revokedAt,
        })
        .execute(),
      `admin key ${record.identity.id}`,
    );
  }

  async get(id: string): Promise<AdminKeyRecord | undefined> {
    const row = await this.db.selectFrom('admin_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAdminKey(row);
  }

  async list(): Promise<AdminKeyRecord[]> {
    return (await this.db.selectFrom('admin_keys').selectAll().orderBy('created_at').execute()).map(
      toAdminKey,
    );
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('admin_keys')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
