import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { json, parse } from '../storage/json.js';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface StoredResponse {
  status: number;
  /** Headers to replay (content-type and the like), lower-case names. */
  headers: Record<string, string>;
  /** The exact body bytes sent the first time, as a UTF-8 string. */
  body: string;
}

/** A `started` claim on an Idempotency-Key: only the holder of `owner` may complete or release it. */
export interface IdempotencyClaim {
  partnerId: string;
  key: string;
  owner: string;
}

export type IdempotencyBegin =
  | { state: 'started'; claim: IdempotencyClaim }
  | { state: 'in_progress'; requestHash: string }
  | { state: 'completed'; requestHash: string; response: StoredResponse };

export interface IdempotencyBeginInput {
  partnerId: string;
  key: string;
  requestHash: string;
  now: string;
  expiresAt: string;
  leaseExpiresAt: string;
}

export interface IdempotencyStore {
  /**
   * Atomically claims (partnerId, key) for a request. `started` means the caller owns it until
   * `leaseExpiresAt` and must `complete` or `release` it. Expired rows (past `expiresAt`) count as
   * absent and are replaced; a `started` claim of the same request whose lease ran out (its owner
   * died, or is too slow) is taken over, and its first owner can no longer complete it.
   */
  begin(input: IdempotencyBeginInput): Promise<IdempotencyBegin>;
  /**
   * Stores the response of a claim still held by `claim.owner`; `false` when the claim was taken
   * over (or already completed). Call it inside the transaction that writes the request's effects,
   * so that they and the stored response commit together or not at all.
   */
  complete(claim: IdempotencyClaim, response: StoredResponse): Promise<boolean>;
  /** Forgets a claim whose request failed before anything was written (so the client may retry). */
  release(claim: IdempotencyClaim): Promise<void>;
  /** Deletes rows expired before `now`; returns how many. */
  purgeExpired(now: string): Promise<number>;
}

export class KyselyIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Db) {}

  async begin(input: IdempotencyBeginInput): Promise<IdempotencyBegin> {
    // The row read after a lost insert can vanish or change owner before the next statement: look
    // again (a few times at most: each retry means another client won).
    for (let attempt = 0; attempt < 5; attempt += 1) {
      // Inside a transaction already: claim in it; otherwise in a transaction of its own.
      const outcome = this.db.isTransaction
        ? await claimIdempotencyKey(this.db, input)
        : await this.db.transaction().execute((trx) => claimIdempotencyKey(trx, input));
      if (outcome) return outcome;
    }
    throw new Error(`idempotency key ${input.key} keeps changing owner`);
  }

  async complete(claim: IdempotencyClaim, response: StoredResponse): Promise<boolean> {
    const result = await this.db
      .updateTable('idempotency_keys')
      .set({
        state: 'completed',
        response_status: response.status,
        response_headers: json(response.headers),
        response_body: response.body,
        owner: null,
        lease_expires_at: null,
      })
      .where('partner_id', '=', claim.partnerId)
      .where('key', '=', claim.key)
      // A stored response is final (replays must send the very first one), and only the claim's
      // current owner may store it.
      .where('state', '=', 'started')
      .where('owner', '=', claim.owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async release(claim: IdempotencyClaim): Promise<void> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where('partner_id', '=', claim.partnerId)
      .where('key', '=', claim.key)
      .where('state', '=', 'started')
      .where('owner', '=', claim.owner)
      .execute();
  }

  async purgeExpired(now: string): Promise<number> {
    const result = await this.db
      .deleteFrom('idempotency_keys')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/**
 * One claim attempt, inside a transaction: `undefined` when the row changed between the statements
 * (released, or taken over by another retry), so the caller should look again.
 */
async function claimIdempotencyKey(
  db: Db,
  input: IdempotencyBeginInput,
): Promise<IdempotencyBegin | undefined> {
  const owner = randomUUID();
  const claim = { partnerId: input.partnerId, key: input.key, owner };
  // An expired row counts as absent: delete it, then race for the key like everyone else.
  await db
    .deleteFrom('idempotency_keys')
    .where('partner_id', '=', input.partnerId)
    .where('key', '=', input.key)
    .where('expires_at', '<=', input.now)
    .execute();
  // ON CONFLICT DO NOTHING waits for a concurrent inserter to finish, then yields to it: exactly one
  // caller inserts, and nobody gets a unique-violation error (which would abort the transaction).
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      partner_id: input.partnerId,
      key: input.key,
      request_hash: input.requestHash,
      state: 'started',
      response_status: null,
      response_headers: null,
      response_body: null,
      created_at: input.now,
      expires_at: input.expiresAt,
      owner,
      lease_expires_at: input.leaseExpiresAt,
    })
    .onConflict((oc) => oc.columns(['partner_id', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { state: 'started', claim };
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('partner_id', '=', input.partnerId)
    .where('key', '=', input.key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.state === 'completed' && row.response_status !== null) {
    return {
      state: 'completed',
      requestHash: row.request_hash,
      response: {
        status: Number(row.response_status),
        headers: parse<Record<string, string>>(row.response_headers ?? '{}'),
        body: row.response_body ?? '',
      },
    };
  }
  const leaseOver = row.lease_expires_at === null || row.lease_expires_at <= input.now;
  if (row.state !== 'started' || !leaseOver || row.request_hash !== input.requestHash) {
    return { state: 'in_progress', requestHash: row.request_hash };
  }
  // The owner died (or outran its lease). Nothing it did is committed, since its effects commit
  // with `complete`; take the claim over from exactly that owner, so that of several retries one
  // wins, and the old owner's `complete` now finds someone else's claim and writes nothing.
  const taken = await db
    .updateTable('idempotency_keys')
    .set({
      owner,
      lease_expires_at: input.leaseExpiresAt,
      created_at: input.now,
      expires_at: input.expiresAt,
    })
    .where('partner_id', '=', input.partnerId)
    .where('key', '=', input.key)
    .where('state', '=', 'started')
    .where((eb) => (row.owner === null ? eb('owner', 'is', null) : eb('owner', '=', row.owner)))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1 ? { state: 'started', claim } : undefined;
}
