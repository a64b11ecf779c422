import type { Partner } from '@finlet/contracts';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface PartnerKeyRecord {
  /** The key id (`fsk_<id>_<secret>`). */
  id: string;
  partnerId: string;
  /** SHA-256 (hex) of the whole secret key. */
  keyHash: string;
  createdAt: string;
  /** End of the overlap after a rotation; null while the key is current. */
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface PartnerKeyStore {
  insert(record: PartnerKeyRecord): Promise<void>;
  /** The key and its partner, whatever their state (the caller decides what is live). */
  lookup(id: string): Promise<{ key: PartnerKeyRecord; partner: Partner } | undefined>;
  /** Newest first. */
  listForPartner(partnerId: string): Promise<PartnerKeyRecord[]>;
  /**
   * Sets the end of every key of the partner that works past `at` (current, or expiring later) to
   * `at`; returns the keys changed.
   */
  endLiveKeys(partnerId: string, at: string): Promise<PartnerKeyRecord[]>;
  /** False when the key is unknown, another partner's, or already revoked. */
  revoke(partnerId: string, id: string, at: string): Promise<boolean>;
}

function toRecord(row: Selectable<Database['partner_keys']>): PartnerKeyRecord {
  return {
    id: row.id,
    partnerId: row.partner_id,
    keyHash: row.key_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export class KyselyPartnerKeyStore implements PartnerKeyStore {
  constructor(
    private readonly db: Db,
    private readonly toPartner: (row: Database['partners']) => Partner,
  ) {}

  async insert(record: PartnerKeyRecord): Promise<void> {
    await this.db
      .insertInto('partner_keys')
      .values({
        id: record.id,
        partner_id: record.partnerId,
        key_hash: record.keyHash,
        created_at: record.createdAt,
        expires_at: record.expiresAt,
        revoked_at: record.revokedAt,
      })
      .execute();
  }

  async lookup(id: string): Promise<{ key: PartnerKeyRecord; partner: Partner } | undefined> {
    const key = await this.db.selectFrom('partner_keys').selectAll().where('id', '=', id).executeTakeFirst();
    if (!key) return undefined;
    const partner = await this.db
      .selectFrom('partners')
      .selectAll()
      .where('id', '=', key.partner_id)
      .executeTakeFirst();
    return partner && { key: toRecord(key), partner: this.toPartner(partner) };
  }

  async listForPartner(partnerId: string): Promise<PartnerKeyRecord[]> {
    const rows = await this.db
      .selectFrom('partner_keys')
      .selectAll()
      .where('partner_id', '=', partnerId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async endLiveKeys(partnerId: string, at: string): Promise<PartnerKeyRecord[]> {
    const rows = await this.db
      .updateTable('partner_keys')
      .set({ expires_at: at })
      .where('partner_id', '=', partnerId)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
      .returningAll()
      .execute();
    return rows.map(toRecord);
  }

  async revoke(partnerId: string, id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('partner_keys')
      .set({ revoked_at: at })
      .where('partner_id', '=', partnerId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
