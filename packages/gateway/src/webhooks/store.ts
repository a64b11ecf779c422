import type {
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookEventPayload,
  WebhookEventRecord,
  WebhookEventType,
} from '@finlet/contracts';
import { type Kysely, sql, type Transaction } from 'kysely';
import { SecretSealer } from '../secrets/sealer.js';
import type { Dialect } from '../storage/dialect.js';
import type { Database } from '../storage/schema.js';
import { bankFeedKey, KyselyBankFeedStore } from '../workspace/feed-store.js';
import { decodeEndpoint, encodeEndpoint, sealEndpointSecret } from './endpoint-codec.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface WebhookEndpointRecord {
  endpoint: WebhookEndpoint;
  secret: string;
  previousSecret: string | null;
}

export interface OutboxEvent {
  id: string;
  partnerId: string;
  type: WebhookEventType;
  createdAt: string;
  payload: WebhookEventPayload;
}

/** A delivery this worker holds the lease on, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  partnerId: string;
  attempts: number;
  createdAt: string;
  payload: string;
  endpoint: WebhookEndpointRecord;
}

export interface AttemptRecord {
  id: string;
  attempt: number;
  at: string;
  durationMs: number;
  httpStatus: number | null;
  error: string | null;
  ok: boolean;
}

export interface WebhookStore {
  createEndpoint(record: WebhookEndpointRecord): Promise<void>;
  listEndpoints(partnerId: string): Promise<WebhookEndpoint[]>;
  getEndpoint(partnerId: string, id: string): Promise<WebhookEndpointRecord | undefined>;
  /** Replaces the secret; the old one keeps signing until `previousExpiresAt`. */
  rotateSecret(input: {
    partnerId: string;
    id: string;
    secret: string;
    previousExpiresAt: string;
    at: string;
  }): Promise<WebhookEndpointRecord | undefined>;
  disableEndpoint(partnerId: string, id: string): Promise<WebhookEndpoint | undefined>;
  /**
   * Writes the event and one pending delivery per active endpoint subscribed to its type. Call it in
   * the transaction of the change that caused the event (the outbox pattern).
   */
  enqueue(event: OutboxEvent, notBefore: string, newDeliveryId: () => string): Promise<number>;
  listEvents(
    partnerId: string,
    query: { since: string; type?: WebhookEventType; status?: WebhookDeliveryStatus; limit: number },
  ): Promise<WebhookEventRecord[]>;
  getEvent(partnerId: string, id: string, since: string): Promise<WebhookEventRecord | undefined>;
  /** New pending deliveries of an existing event to the given endpoints. */
  replay(
    event: { id: string; partnerId: string },
    endpointIds: readonly string[],
    now: string,
    newDeliveryId: () => string,
  ): Promise<void>;
  /**
   * Leases up to `limit` due deliveries to `owner` until `leaseUntil`. PostgreSQL skips rows another
   * instance is claiming (FOR UPDATE SKIP LOCKED); SQLite has one writer, so a plain UPDATE suffices.
   */
  claimDue(input: {
    owner: string;
    now: string;
    leaseUntil: string;
    limit: number;
  }): Promise<ClaimedDelivery[]>;
  /** Records one attempt and the delivery's next state, if `owner` still holds the lease. */
  recordAttempt(input: {
    deliveryId: string;
    owner: string;
    attempt: AttemptRecord;
    status: WebhookDeliveryStatus;
    nextAttemptAt: string;
  }): Promise<boolean>;
  /** Deletes events (with their deliveries and attempts) created before `before`. */
  purgeEvents(before: string): Promise<number>;
}

const parse = <T>(text: string): T => JSON.parse(text) as T;

function toEndpoint(row: Database['webhook_endpoints'], sealer: SecretSealer): WebhookEndpointRecord {
  const decoded = decodeEndpoint<WebhookEndpoint['status'], WebhookEndpoint['eventTypes'][number]>(
    row,
    sealer,
  );
  return { ...decoded, endpoint: { ...decoded.endpoint, partnerId: row.partner_id } };
}

export class KyselyWebhookStore implements WebhookStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    private readonly sealer: SecretSealer = new SecretSealer(),
  ) {}

  async createEndpoint({ endpoint, secret, previousSecret }: WebhookEndpointRecord): Promise<void> {
    await this.db
      .insertInto('webhook_endpoints')
      .values({
        ...encodeEndpoint({ endpoint, secret, previousSecret }, this.sealer),
        partner_id: endpoint.partnerId,
      })
      .execute();
  }

  async listEndpoints(partnerId: string): Promise<WebhookEndpoint[]> {
    const rows = await this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('partner_id', '=', partnerId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => toEndpoint(r, this.sealer).endpoint);
  }

  async getEndpoint(partnerId: string, id: string): Promise<WebhookEndpointRecord | undefined> {
    const row = await this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('partner_id', '=', partnerId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toEndpoint(row, this.sealer);
  }

  async rotateSecret(input: {
    partnerId: string;
    id: string;
    secret: string;
    previousExpiresAt: string;
    at: string;
  }): Promise<WebhookEndpointRecord | undefined> {
    await this.db
      .updateTable('webhook_endpoints')
      .set((eb) => ({
        previous_secret: eb.ref('secret'),
        secret: sealEndpointSecret(input.secret, this.sealer),
        previous_secret_expires_at: input.previousExpiresAt,
        secret_rotated_at: input.at,
      }))
      .where('partner_id', '=', input.partnerId)
      .where('id', '=', input.id)
      .execute();
    return this.getEndpoint(input.partnerId, input.id);
  }

  async disableEndpoint(partnerId: string, id: string): Promise<WebhookEndpoint | undefined> {
    await this.db
      .updateTable('webhook_endpoints')
      .set({ status: 'disabled' })
      .where('partner_id', '=', partnerId)
      .where('id', '=', id)
      .execute();
    return (await this.getEndpoint(partnerId, id))?.endpoint;
  }

  async enqueue(event: OutboxEvent, notBefore: string, newDeliveryId: () => string): Promise<number> {
    await this.db
      .insertInto('outbox_events')
      .values({
        id: event.id,
        partner_id: event.partnerId,
        type: event.type,
        created_at: event.createdAt,
        payload: JSON.stringify(event.payload),
      })
      .execute();
    const endpoints = (await this.listEndpoints(event.partnerId)).filter(
      (e) => e.status === 'active' && e.eventTypes.includes(event.type),
    );
    if (endpoints.length === 0) return 0;
    await this.db
      .insertInto('webhook_deliveries')
      .values(
        endpoints.map((e) => ({
          id: newDeliveryId(),
          event_id: event.id,
          endpoint_id: e.id,
          partner_id: event.partnerId,
          status: 'pending',
          attempts: 0,
          next_attempt_at: notBefore,
          lease_owner: null,
          lease_until: null,
          last_error: null,
          delivered_at: null,
          created_at: event.createdAt,
        })),
      )
      .execute();
    return endpoints.length;
  }

  private async withDeliveries(
    events: Array<Pick<Database['outbox_events'], 'id' | 'type' | 'created_at' | 'payload'>>,
  ): Promise<WebhookEventRecord[]> {
    if (events.length === 0) return [];
    const ids = events.map((e) => e.id);
    const deliveries = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('event_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const attempts = deliveries.length
      ? await this.db
          .selectFrom('webhook_attempts')
          .selectAll()
          .where(
            'delivery_id',
            'in',
            deliveries.map((d) => d.id),
          )
          .orderBy('attempt')
          .execute()
      : [];
    return events.map((e) => ({
      id: e.id,
      type: e.type as WebhookEventType,
      createdAt: e.created_at,
      payload: parse<WebhookEventPayload>(e.payload),
      deliveries: deliveries
        .filter((d) => d.event_id === e.id)
        .map(
          (d): WebhookDelivery => ({
            id: d.id,
            endpointId: d.endpoint_id,
            status: d.status,
            nextAttemptAt: d.status === 'pending' ? d.next_attempt_at : null,
            deliveredAt: d.delivered_at,
            attempts: attempts
              .filter((a) => a.delivery_id === d.id)
              .map((a) => ({
                attempt: Number(a.attempt),
                at: a.at,
                durationMs: Number(a.duration_ms),
                httpStatus: a.http_status === null ? null : Number(a.http_status),
                error: a.error,
                ok: Number(a.ok) === 1,
              })),
          }),
        ),
    }));
  }

  async listEvents(
    partnerId: string,
    query: { since: string; type?: WebhookEventType; status?: WebhookDeliveryStatus; limit: number },
  ): Promise<WebhookEventRecord[]> {
    let q = this.db
      .selectFrom('outbox_events as e')
      .select(['e.id', 'e.type', 'e.created_at', 'e.payload'])
      .where('e.partner_id', '=', partnerId)
      .where('e.created_at', '>=', query.since)
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(query.limit);
    if (query.type) q = q.where('e.type', '=', query.type);
    if (query.status) {
      const status = query.status;
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('webhook_deliveries as d')
            .select('d.id')
            .whereRef('d.event_id', '=', 'e.id')
            .where('d.status', '=', status),
        ),
      );
    }
    return this.withDeliveries(await q.execute());
  }

  async getEvent(partnerId: string, id: string, since: string): Promise<WebhookEventRecord | undefined> {
    const row = await this.db
      .selectFrom('outbox_events')
      .select(['id', 'type', 'created_at', 'payload'])
      .where('partner_id', '=', partnerId)
      .where('id', '=', id)
      .where('created_at', '>=', since)
      .executeTakeFirst();
    return row ? (await this.withDeliveries([row]))[0] : undefined;
  }

  async replay(
    event: { id: string; partnerId: string },
    endpointIds: readonly string[],
    now: string,
    newDeliveryId: () => string,
  ): Promise<void> {
    if (endpointIds.length === 0) return;
    await this.db
      .insertInto('webhook_deliveries')
      .values(
        endpointIds.map((endpointId) => ({
          id: newDeliveryId(),
          event_id: event.id,
          endpoint_id: endpointId,
          partner_id: event.partnerId,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          lease_owner: null,
          lease_until: null,
          last_error: null,
          delivered_at: null,
          created_at: now,
        })),
      )
      .execute();
  }

  async claimDue(input: {
    owner: string;
    now: string;
    leaseUntil: string;
    limit: number;
  }): Promise<ClaimedDelivery[]> {
    const due = this.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', input.now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', input.now)]))
      .orderBy('next_attempt_at')
      .limit(input.limit);
    const claimed = await this.db
      .updateTable('webhook_deliveries')
      .set({ lease_owner: input.owner, lease_until: input.leaseUntil })
      .where('id', 'in', this.dialect === 'postgres' ? due.forUpdate().skipLocked() : due)
      // Re-checked on the row itself: under READ COMMITTED a row leased meanwhile is skipped.
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', input.now)]))
      .returning(['id', 'event_id', 'endpoint_id', 'partner_id', 'attempts', 'created_at'])
      .execute();
    if (claimed.length === 0) return [];
    const events = await this.db
      .selectFrom('outbox_events')
      .select(['id', 'payload'])
      .where(
        'id',
        'in',
        claimed.map((c) => c.event_id),
      )
      .execute();
    const endpoints = await this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where(
        'id',
        'in',
        claimed.map((c) => c.endpoint_id),
      )
      .execute();
    const payloads = new Map(events.map((e) => [e.id, e.payload]));
    const byId = new Map(endpoints.map((e) => [e.id, toEndpoint(e, this.sealer)]));
    // The rest are the bank's own endpoints (0018): same signing and retries, their own table.
    const others = claimed.map((c) => c.endpoint_id).filter((id) => !byId.has(id));
    for (const bank of await new KyselyBankFeedStore(this.db, this.sealer).getEndpoints(others)) {
      byId.set(bank.endpoint.id, {
        endpoint: {
          ...bank.endpoint,
          partnerId: bankFeedKey(bank.endpoint.role),
          eventTypes: bank.endpoint.eventTypes as readonly string[] as WebhookEventType[],
        },
        secret: bank.secret,
        previousSecret: bank.previousSecret,
      });
    }
    return claimed.flatMap((c) => {
      const endpoint = byId.get(c.endpoint_id);
      const payload = payloads.get(c.event_id);
      if (!endpoint || payload === undefined) return [];
      return [
        {
          id: c.id,
          eventId: c.event_id,
          partnerId: c.partner_id,
          attempts: Number(c.attempts),
          createdAt: c.created_at,
          payload,
          endpoint,
        },
      ];
    });
  }

  async recordAttempt(input: {
    deliveryId: string;
    owner: string;
    attempt: AttemptRecord;
    status: WebhookDeliveryStatus;
    nextAttemptAt: string;
  }): Promise<boolean> {
    const a = input.attempt;
    const updated = await this.db
      .updateTable('webhook_deliveries')
      .set({
        status: input.status,
        attempts: sql<number>`attempts + 1`,
        next_attempt_at: input.nextAttemptAt,
        lease_owner: null,
        lease_until: null,
        last_error: a.error ?? (a.ok ? null : `HTTP ${a.httpStatus}`),
        delivered_at: a.ok ? a.at : null,
      })
      .where('id', '=', input.deliveryId)
      .where('lease_owner', '=', input.owner)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    const row = await this.db
      .selectFrom('webhook_deliveries')
      .select(['event_id', 'endpoint_id'])
      .where('id', '=', input.deliveryId)
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto('webhook_attempts')
      .values({
        id: a.id,
        delivery_id: input.deliveryId,
        event_id: row.event_id,
        endpoint_id: row.endpoint_id,
        attempt: a.attempt,
        at: a.at,
        duration_ms: a.durationMs,
        http_status: a.httpStatus,
        error: a.error,
        ok: a.ok ? 1 : 0,
      })
      .execute();
    return true;
  }

  async purgeEvents(before: string): Promise<number> {
    const old = this.db.selectFrom('outbox_events').select('id').where('created_at', '<', before);
    const deliveries = this.db.selectFrom('webhook_deliveries').select('id').where('event_id', 'in', old);
    await this.db.deleteFrom('webhook_attempts').where('delivery_id', 'in', deliveries).execute();
    await this.db.deleteFrom('webhook_deliveries').where('event_id', 'in', old).execute();
    const result = await this.db
      .deleteFrom('outbox_events')
      .where('created_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
