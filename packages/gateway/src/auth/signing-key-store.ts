import type { Kysely, Transaction } from 'kysely';
import type { SecretSealer } from '../secrets/sealer.js';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface SigningKeyRecord {
  kid: string;
  alg: 'ES256';
  /** JSON of the private JWK. */
  privateJwk: string;
  /** JSON of the public JWK. */
  publicJwk: string;
  createdAt: string;
  retiredAt: string | null;
}

export interface SigningKeyStore {
  /** Newest first. */
  list(): Promise<SigningKeyRecord[]>;
  /**
   * Inserts the key unless one that is not retired already exists (two instances starting at once
   * must end up with one key): returns the active key either way.
   */
  insertIfNoneActive(record: SigningKeyRecord): Promise<SigningKeyRecord>;
  /** Retires the active key at `at` (call in the transaction that inserts its successor); its kid or null. */
  retireActive(at: string): Promise<string | null>;
}

/** The session-signing keys; the private JWK is sealed at rest. */
export class KyselySigningKeyStore implements SigningKeyStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: SecretSealer,
  ) {}

  async list(): Promise<SigningKeyRecord[]> {
    return (
      await this.db
        .selectFrom('signing_keys')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('kid')
        .execute()
    ).map((row) => ({
      kid: row.kid,
      alg: 'ES256' as const,
      privateJwk: this.sealer.open(row.private_jwk, 'signing_keys.private_jwk'),
      publicJwk: row.public_jwk,
      createdAt: row.created_at,
      retiredAt: row.retired_at,
    }));
  }

  async insertIfNoneActive(record: SigningKeyRecord): Promise<SigningKeyRecord> {
    // The partial unique index admits one key with `retired_at IS NULL`; when another instance
    // stored its key first, DO NOTHING (rather than a caught error, which would abort an
    // enclosing PostgreSQL transaction) leaves theirs in place.
    await this.db
      .insertInto('signing_keys')
      .values({
        kid: record.kid,
        alg: record.alg,
        private_jwk: this.sealer.seal(record.privateJwk, 'signing_keys.private_jwk'),
        public_jwk: record.publicJwk,
        created_at: record.createdAt,
        retired_at: record.retiredAt,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const active = (await this.list()).find((k) => k.retiredAt === null);
    if (!active) throw new Error('no active signing key after insert');
    return active;
  }

  async retireActive(at: string): Promise<string | null> {
    const row = await this.db
      .updateTable('signing_keys')
      .set({ retired_at: at })
      .where('retired_at', 'is', null)
      .returning('kid')
      .executeTakeFirst();
    return row?.kid ?? null;
  }
}
