import { createHash } from 'node:crypto';
import type { RateLimitBudget } from '@finlet/contracts';
import { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from 'pino';

/** Which budget a request is counted against; each has its own counters. */
export type RateLimitBucket =
  | 'partner'
  | 'user'
  | 'chatPartner'
  | 'chatUser'
  | 'admin'
  | 'ip'
  | 'signIn'
  /** Answers of a group-chat assistant, per group and per member who mentions it. */
  | 'socialGroup'
  | 'socialMember';

/** Budgets for every bucket; a partner's own `rateLimits` replace `partner`, `user`, `chatPartner` and `chatUser`. */
export type RateLimitDefaults = Record<RateLimitBucket, RateLimitBudget>;

/** The gateway's defaults (see docs/guides/rate-limits.md): generous for real traffic, tight for a flood. */
export const DEFAULT_RATE_LIMITS: RateLimitDefaults = {
  partner: { limit: 6000, windowSeconds: 60 },
  user: { limit: 120, windowSeconds: 60 },
  chatPartner: { limit: 600, windowSeconds: 60 },
  chatUser: { limit: 20, windowSeconds: 60 },
  admin: { limit: 1200, windowSeconds: 60 },
  ip: { limit: 600, windowSeconds: 60 },
  signIn: { limit: 20, windowSeconds: 300 },
  socialGroup: { limit: 30, windowSeconds: 60 },
  socialMember: { limit: 6, windowSeconds: 60 },
};

/**
 * Where the buckets live. `memory` is per instance (SQLite, one instance by design); `postgres`
 * shares them through the gateway's own pool and the `rate_limits` table; `redis` through Redis.
 */
export type RateLimitStore =
  | { kind: 'memory' }
  | { kind: 'postgres'; pool: pg.Pool }
  /** `prefix` separates deployments (or test runs) that share one Redis. */
  | { kind: 'redis'; url: string; prefix?: string };

export interface RateLimiterOptions {
  store: RateLimitStore;
  defaults?: Partial<RateLimitDefaults>;
  /** How long a shared store may take before the request goes through uncounted; default 500 ms. */
  timeoutMs?: number;
  log?: Logger | undefined;
  /** Milliseconds since the epoch; the gateway passes its own clock so tests control time. */
  now?: () => number;
}

/** What one counted request learned: `allowed` false means answer 429. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests the caller may send at once from now on. */
  remaining: number;
  windowSeconds: number;
  /** Seconds until the whole budget is available again (at least 1). */
  resetSeconds: number;
  /** Seconds until the next request is allowed (at least 1); what a 429's `Retry-After` says. */
  retryAfterSeconds: number;
  /**
   * Refused again before the first refusal's `Retry-After` had passed: the caller ignores it. Such
   * a refusal is answered from this instance's memory, with no store read.
   */
  repeated: boolean;
}

const WARN_EVERY_MS = 30_000;
/** Buckets outlive their last use by this much in Redis, so a slow clock never empties one early. */
const REDIS_SLACK_MS = 60_000;
const US = 1_000;

/**
 * One take from a token bucket kept as GCRA's theoretical arrival time (`tat`, microseconds): a
 * request is allowed when `max(tat, now) + interval - now <= capacity`, and then moves `tat` on by
 * one interval. Answers the new `tat` when allowed, the unchanged one when refused.
 */
type TakeToken = (
  key: string,
  nowUs: number,
  intervalUs: number,
  capacityUs: number,
) => Promise<{ allowed: boolean; tat: number }>;

/** Atomic in one round trip: the row's `expire` holds the bucket's `tat` in microseconds. */
const POSTGRES_TAKE = `
WITH old AS (SELECT expire FROM rate_limits WHERE key = $1),
taken AS (
  INSERT INTO rate_limits AS r (key, points, expire) VALUES ($1, 0, $2::bigint + $3::bigint)
  ON CONFLICT (key) DO UPDATE SET expire = GREATEST(r.expire, $2::bigint) + $3::bigint
  WHERE GREATEST(r.expire, $2::bigint) + $3::bigint - $2::bigint <= $4::bigint
  RETURNING expire
)
SELECT (SELECT expire FROM taken)::text AS taken, (SELECT expire FROM old)::text AS old`;

/** The same take in Redis (a script runs atomically); numbers go back as strings, whole. */
const REDIS_TAKE = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local capacity = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if tat < now then tat = now end
local nextTat = tat + interval
if nextTat - now > capacity then return {0, string.format('%.0f', tat)} end
redis.call('SET', KEYS[1], string.format('%.0f', nextTat), 'PX', math.ceil((nextTat - now) / 1000) + tonumber(ARGV[4]))
return {1, string.format('%.0f', nextTat)}`;

interface Block {
  /** Until when (ms) this instance refuses the key without asking the store. */
  until: number;
  /** The bucket's `tat` (µs) as last seen. */
  tat: number;
  /** Set once a refusal was answered: a request inside the block then ignores `Retry-After`. */
  refused: boolean;
}

/**
 * Rate limits as token buckets (GCRA): a budget of `limit` per `windowSeconds` refills evenly,
 * one request every `windowSeconds / limit`, and holds at most `limit` requests, so a client that
 * has been quiet may send its whole budget at once and a client sending at its budget's rate is
 * never refused, however its requests fall against a clock. Shared through PostgreSQL or Redis in
 * one atomic statement per request; a key found empty is refused from this instance's memory until
 * its next request would be allowed, so a flood costs the shared store nothing. When the shared
 * store fails or is slow, the request is allowed (fail open) and a warning is logged at most every
 * 30 s: an outage of the counters must not take the bank's API down with it.
 */
export class RateLimiter {
  readonly defaults: RateLimitDefaults;
  readonly storeKind: RateLimitStore['kind'];
  readonly #take: TakeToken;
  readonly #prefix: string;
  readonly #blocks = new Map<string, Block>();
  readonly #now: () => number;
  readonly #timeoutMs: number;
  readonly #log: Logger | undefined;
  readonly #redis: Redis | undefined;
  readonly #purge: ReturnType<typeof setInterval> | undefined;
  #lastWarning = Number.NEGATIVE_INFINITY;

  constructor(options: RateLimiterOptions) {
    this.defaults = { ...DEFAULT_RATE_LIMITS, ...options.defaults };
    this.storeKind = options.store.kind;
    this.#timeoutMs = options.timeoutMs ?? 500;
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
    const store = options.store;
    this.#prefix = store.kind === 'redis' && store.prefix ? `${store.prefix}:finlet` : 'finlet';
    if (store.kind === 'postgres') {
      this.#take = async (key, now, interval, capacity) => {
        const { rows } = await store.pool.query<{ taken: string | null; old: string | null }>(POSTGRES_TAKE, [
          key,
          now,
          interval,
          capacity,
        ]);
        const row = rows[0];
        if (row?.taken != null) return { allowed: true, tat: Number(row.taken) };
        // Refused: the bucket is as it was (another instance may have just moved it on).
        return { allowed: false, tat: row?.old != null ? Number(row.old) : now + capacity };
      };
      // One sweep per instance; a row whose `tat` has passed is a full bucket, the same as no row.
      this.#purge = setInterval(() => {
        store.pool
          .query('DELETE FROM rate_limits WHERE expire < $1', [(Date.now() - 3_600_000) * US])
          .catch((error: unknown) => this.#warn(error));
      }, 300_000);
      this.#purge.unref();
    } else if (store.kind === 'redis') {
      const redis = new Redis(store.url, {
        // Without these, commands queue up while Redis is away and requests hang instead of failing open.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2_000,
      });
      redis.on('error', (error: unknown) => this.#warn(error));
      this.#redis = redis;
      this.#take = async (key, now, interval, capacity) => {
        const [allowed, tat] = (await redis.eval(
          REDIS_TAKE,
          1,
          key,
          now,
          interval,
          capacity,
          REDIS_SLACK_MS,
        )) as [number, string];
        return { allowed: allowed === 1, tat: Number(tat) };
      };
    } else {
      const buckets = new Map<string, number>();
      this.#take = async (key, now, interval, capacity) => {
        if (buckets.size > 100_000) {
          for (const [k, tat] of buckets) if (tat <= now) buckets.delete(k);
        }
        const tat = Math.max(buckets.get(key) ?? now, now);
        if (tat + interval - now > capacity) return { allowed: false, tat };
        buckets.set(key, tat + interval);
        return { allowed: true, tat: tat + interval };
      };
    }
  }

  /** Resolves once a Redis store is connected, or after its connect timeout (then requests fail open). */
  async ready(): Promise<void> {
    const redis = this.#redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, 2_000);
      redis.once('ready', done);
    });
  }

  /** Counts one request against `bucket` for `key`; undefined when the store could not answer. */
  async take(
    bucket: RateLimitBucket,
    key: string,
    budget: RateLimitBudget = this.defaults[bucket],
  ): Promise<RateLimitDecision | undefined> {
    const storeKey = `${this.#prefix}:${bucket}:${boundedKey(key)}`;
    const interval = Math.max(1, Math.round((budget.windowSeconds * 1_000_000) / budget.limit));
    const capacity = interval * budget.limit;
    const nowMs = this.#now();
    const now = nowMs * US;
    const decide = (allowed: boolean, tat: number, repeated: boolean): RateLimitDecision => {
      // When the next request fits: once `tat` is no more than `capacity - interval` ahead.
      const nextUs = Math.max(0, tat + interval - capacity - now);
      return {
        allowed,
        limit: budget.limit,
        remaining: allowed ? Math.max(0, Math.floor((now + capacity - tat) / interval)) : 0,
        windowSeconds: budget.windowSeconds,
        resetSeconds: seconds(tat - now),
        retryAfterSeconds: seconds(nextUs),
        repeated,
      };
    };

    const block = this.#blocks.get(storeKey);
    if (block && block.until > nowMs) {
      const repeated = block.refused;
      block.refused = true;
      return decide(false, block.tat, repeated);
    }
    if (block) this.#blocks.delete(storeKey);

    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const taken = this.#take(storeKey, now, interval, capacity);
      // Memory answers at once; only a shared store needs a deadline (and a timer per request).
      const outcome =
        this.storeKind === 'memory'
          ? await taken
          : await Promise.race([
              taken,
              new Promise<'timeout'>((resolve) => {
                timer = setTimeout(() => resolve('timeout'), this.#timeoutMs);
              }),
            ]);
      if (outcome === 'timeout') {
        this.#warn(new Error(`no answer within ${this.#timeoutMs} ms`));
        return undefined;
      }
      const decision = decide(outcome.allowed, outcome.tat, false);
      // Empty now (refused, or this request took the last one): refuse from memory until the next
      // request would fit. The shared `tat` only moves on, so no other instance can refill it sooner.
      const nextMs = (outcome.tat + interval - capacity) / US;
      if (nextMs > nowMs) {
        if (this.#blocks.size > 10_000) {
          for (const [k, b] of this.#blocks) if (b.until <= nowMs) this.#blocks.delete(k);
        }
        this.#blocks.set(storeKey, { until: nextMs, tat: outcome.tat, refused: !outcome.allowed });
      }
      return decision;
    } catch (error) {
      this.#warn(error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.#purge) clearInterval(this.#purge);
    if (this.#redis) {
      this.#redis.removeAllListeners('error');
      this.#redis.on('error', () => {});
      this.#redis.disconnect();
    }
  }

  #warn(error: unknown): void {
    const now = Date.now();
    if (now - this.#lastWarning < WARN_EVERY_MS) return;
    this.#lastWarning = now;
    this.#log?.warn(
      { store: this.storeKind, err: error instanceof Error ? error.message : String(error) },
      'rate limit store unavailable; requests pass uncounted until it answers',
    );
  }
}

/** Whole seconds, at least 1, from microseconds. */
function seconds(us: number): number {
  return Math.max(1, Math.ceil(us / 1_000_000));
}

/** Keys are bounded (a session subject may be long): anything longer is hashed. */
function boundedKey(key: string): string {
  return key.length <= 160 ? key : `h:${createHash('sha256').update(key).digest('base64url')}`;
}
