import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';
import { SealedSecretError, type SecretPurpose, type SecretSealer, sealedKeyId } from './sealer.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface SecretsReport {
  /** Values sealed with the configured master key. */
  sealed: number;
  /** Values stored in clear (written before a master key was configured, or none is). */
  clear: number;
  /** Values that cannot be opened: sealed with another master key, or damaged. */
  unreadable: Array<{ purpose: SecretPurpose; keyId: string | undefined; message: string }>;
}

export interface SecretStore {
  /** The configured master key's id, or undefined when secrets are written in clear. */
  readonly masterKeyId: string | undefined;
  /** Counts sealed, clear and unreadable values without changing any. */
  inspect(): Promise<SecretsReport>;
  /**
   * Rewrites every value not yet sealed with the configured master key (clear ones, once a key is
   * set); returns how many. Throws `SealedSecretError` on a value it cannot open, changing nothing.
   */
  reseal(): Promise<number>;
}

interface Column {
  purpose: SecretPurpose;
  table: 'signing_keys' | 'partners' | 'webhook_endpoints' | 'bank_webhook_endpoints' | 'social_bots';
  key: 'kid' | 'id';
  column:
    | 'private_jwk'
    | 'webhook_secret'
    | 'secret'
    | 'previous_secret'
    | 'app_secret'
    | 'verification_token'
    | 'encrypt_key';
}

/** The value of a secret column in a row that has no secret. */
export const NO_SECRET = '!';

const COLUMNS: readonly Column[] = [
  { purpose: 'signing_keys.private_jwk', table: 'signing_keys', key: 'kid', column: 'private_jwk' },
  { purpose: 'partners.webhook_secret', table: 'partners', key: 'id', column: 'webhook_secret' },
  { purpose: 'webhook_endpoints.secret', table: 'webhook_endpoints', key: 'id', column: 'secret' },
  { purpose: 'webhook_endpoints.secret', table: 'webhook_endpoints', key: 'id', column: 'previous_secret' },
  { purpose: 'webhook_endpoints.secret', table: 'bank_webhook_endpoints', key: 'id', column: 'secret' },
  {
    purpose: 'webhook_endpoints.secret',
    table: 'bank_webhook_endpoints',
    key: 'id',
    column: 'previous_secret',
  },
  { purpose: 'social_bots.app_secret', table: 'social_bots', key: 'id', column: 'app_secret' },
  {
    purpose: 'social_bots.verification_token',
    table: 'social_bots',
    key: 'id',
    column: 'verification_token',
  },
  { purpose: 'social_bots.encrypt_key', table: 'social_bots', key: 'id', column: 'encrypt_key' },
];

export class KyselySecretStore implements SecretStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: SecretSealer,
  ) {}

  get masterKeyId(): string | undefined {
    return this.sealer.keyId;
  }

  private async values(c: Column): Promise<Array<{ key: string; value: string }>> {
    // Table and column names come from COLUMNS above, never from input.
    const { rows } = await sql<{
      k: string;
      v: string | null;
    }>`SELECT ${sql.ref(c.key)} AS k, ${sql.ref(c.column)} AS v FROM ${sql.table(c.table)}`.execute(this.db);
    // `!` marks a row that holds no secret (the bank feed's placeholder partners): nothing to seal.
    return rows.flatMap((r) => (r.v === null || r.v === NO_SECRET ? [] : [{ key: r.k, value: r.v }]));
  }

  async inspect(): Promise<SecretsReport> {
    const report: SecretsReport = { sealed: 0, clear: 0, unreadable: [] };
    for (const c of COLUMNS) {
      for (const { value } of await this.values(c)) {
        try {
          this.sealer.open(value, c.purpose);
        } catch (error) {
          if (!(error instanceof SealedSecretError)) throw error;
          report.unreadable.push({ purpose: c.purpose, keyId: sealedKeyId(value), message: error.message });
          continue;
        }
        if (sealedKeyId(value) === undefined) report.clear++;
        else report.sealed++;
      }
    }
    return report;
  }

  async reseal(): Promise<number> {
    let count = 0;
    for (const c of COLUMNS) {
      for (const { key, value } of await this.values(c)) {
        if (this.sealer.isCurrent(value)) continue;
        const sealed = this.sealer.seal(this.sealer.open(value, c.purpose), c.purpose);
        // Only if nobody rewrote it meanwhile (another instance re-sealing at the same start).
        await sql`UPDATE ${sql.table(c.table)} SET ${sql.ref(c.column)} = ${sealed} WHERE ${sql.ref(c.key)} = ${key} AND ${sql.ref(c.column)} = ${value}`.execute(
          this.db,
        );
        count++;
      }
    }
    return count;
  }
}
