import type { BankEventType, BankFeedRole, BankWebhookEndpoint } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import { SecretSealer } from '../secrets/sealer.js';
import type { Database } from '../storage/schema.js';
import { decodeEndpoint, encodeEndpoint, sealEndpointSecret } from '../webhooks/endpoint-codec.js';

type Db = Kysely<Database> | Transaction<Database>;

export type { BankFeedTables } from './feed-tables.js';

/** Where the outbox files the events of one role's view of the bank's feed. */
export const bankFeedKey = (role: BankFeedRole): string => `bank:${role}`;

export interface BankEndpointRecord {
  endpoint: BankWebhookEndpoint;
  secret: string;
  previousSecret: string | null;
}

/**
 * The bank's endpoints. Their events and deliveries share the partners' outbox (one worker, one
 * signing, one retry policy); an event of the bank's feed is filed under `bank:<role>` there.
 */
export interface BankFeedStore {
  createEndpoint(record: BankEndpointRecord): Promise<void>;
  /** Every endpoint, or one role's, oldest first. */
  listEndpoints(role?: BankFeedRole): Promise<BankWebhookEndpoint[]>;
  getEndpoint(id: string): Promise<BankEndpointRecord | undefined>;
  getEndpoints(ids: readonly string[]): Promise<BankEndpointRecord[]>;
  /** Replaces the secret; the old one keeps signing until `previousExpiresAt`. */
  rotateSecret(input: {
    id: string;
    secret: string;
    previousExpiresAt: string;
    at: string;
  }): Promise<BankEndpointRecord | undefined>;
  disableEndpoint(id: string): Promise<BankWebhookEndpoint | undefined>;
}

function toRecord(row: Database['bank_webhook_endpoints'], sealer: SecretSealer): BankEndpointRecord {
  const decoded = decodeEndpoint<BankWebhookEndpoint['status'], BankEventType>(row, sealer);
  return { ...decoded, endpoint: { ...decoded.endpoint, role: row.role } };
}

export class KyselyBankFeedStore implements BankFeedStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: SecretSealer = new SecretSealer(),
  ) {}

  async createEndpoint({ endpoint, secret, previousSecret }: BankEndpointRecord): Promise<void> {
    await this.db
      .insertInto('bank_webhook_endpoints')
      .values({ ...encodeEndpoint({ endpoint, secret, previousSecret }, this.sealer), role: endpoint.role })
      .execute();
  }

  async listEndpoints(role?: BankFeedRole): Promise<BankWebhookEndpoint[]> {
    let q = this.db.selectFrom('bank_webhook_endpoints').selectAll().orderBy('created_at').orderBy('id');
    if (role) q = q.where('role', '=', role);
    return (await q.execute()).map((r) => toRecord(r, this.sealer).endpoint);
  }

  async getEndpoint(id: string): Promise<BankEndpointRecord | undefined> {
    return (await this.getEndpoints([id]))[0];
  }

  async getEndpoints(ids: readonly string[]): Promise<BankEndpointRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('bank_webhook_endpoints')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
    return rows.map((r) => toRecord(r, this.sealer));
  }

  async rotateSecret(input: {
    id: string;
    secret: string;
    previousExpiresAt: string;
    at: string;
  }): Promise<BankEndpointRecord | undefined> {
    await this.db
      .updateTable('bank_webhook_endpoints')
      .set((eb) => ({
        previous_secret: eb.ref('secret'),
        secret: sealEndpointSecret(input.secret, this.sealer),
        previous_secret_expires_at: input.previousExpiresAt,
        secret_rotated_at: input.at,
      }))
      .where('id', '=', input.id)
      .execute();
    return this.getEndpoint(input.id);
  }

  async disableEndpoint(id: string): Promise<BankWebhookEndpoint | undefined> {
    await this.db
      .updateTable('bank_webhook_endpoints')
      .set({ status: 'disabled' })
      .where('id', '=', id)
      .execute();
    return (await this.getEndpoint(id))?.endpoint;
  }
}
