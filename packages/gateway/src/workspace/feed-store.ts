import type { BankEventType, BankFeedRole, BankWebhookEndpoint } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import { SecretSealer } from '../secrets/sealer.js';
import type { Database } from '../storage/schema.js';

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

/** Sealed under the same purpose as the partners' endpoint secrets: 0018 moved sealed values over as they were. */
const PURPOSE = 'webhook_endpoints.secret';

function toRecord(row: Database['bank_webhook_endpoints'], sealer: SecretSealer): BankEndpointRecord {
  return {
    endpoint: {
      id: row.id,
      role: row.role,
      url: row.url,
      eventTypes: JSON.parse(row.event_types) as BankEventType[],
      description: row.description,
      status: row.status,
      createdAt: row.created_at,
      secretRotatedAt: row.secret_rotated_at,
      previousSecretExpiresAt: row.previous_secret_expires_at,
    },
    secret: sealer.open(row.secret, PURPOSE),
    previousSecret: row.previous_secret === null ? null : sealer.open(row.previous_secret, PURPOSE),
  };
}

export class KyselyBankFeedStore implements BankFeedStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: SecretSealer = new SecretSealer(),
  ) {}

  async createEndpoint({ endpoint, secret, previousSecret }: BankEndpointRecord): Promise<void> {
    await this.db
      .insertInto('bank_webhook_endpoints')
      .values({
        id: endpoint.id,
        role: endpoint.role,
        url: endpoint.url,
        event_types: JSON.stringify(endpoint.eventTypes),
        description: endpoint.description,
        status: endpoint.status,
        secret: this.sealer.seal(secret, PURPOSE),
        previous_secret: previousSecret === null ? null : this.sealer.seal(previousSecret, PURPOSE),
        previous_secret_expires_at: endpoint.previousSecretExpiresAt,
        secret_rotated_at: endpoint.secretRotatedAt,
        created_at: endpoint.createdAt,
      })
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
        secret: this.sealer.seal(input.secret, PURPOSE),
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
