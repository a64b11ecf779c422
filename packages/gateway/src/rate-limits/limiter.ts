import { createHash } from 'node:crypto';
import type { RateLimitBudget } from '@finlet/contracts';
import { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from 'pino';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

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
 * Where the counters live. `memory` is per instance (SQLite, one instance by design); `postgres`
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
}

/** What one counted request learned: `allowed` false means answer 429. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  windowSeconds: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
  /**
   * Refused again in the same window by this instance: the caller ignored the first 429's
   * `Retry-After`.
   */
  repeated: boolean;
}

const WARN_EVERY_MS = 30_000;

/**
 * Counts requests per bucket and key with rate-limiter-flexible. When the shared store fails or is
 * slow, the request is allowed (fail open) and a warning is logged at most every 30 s: an outage of
 * the counters must not take the bank's API down with it.
 */
export class RateLimiter {
  readonly defaults: RateLimitDefaults;
  readonly storeKind: RateLimitStore['kind'];
  readonly #limiters = new Map<string, { main: RateLimiterAbstract; edge: RateLimiterAbstract }>();
  readonly #create: (bucket: RateLimitBucket, budget: RateLimitBudget, edge: boolean) => RateLimiterAbstract;
  readonly #timeoutMs: number;
  readonly #log: Logger | undefined;
  readonly #redis: Redis | undefined;
  readonly #purge: ReturnType<typeof setInterval> | undefined;
  #lastWarning = Number.NEGATIVE_INFINITY;
  /** Keys this instance refused, until their window ends (see `#refusedBefore`). */
  readonly #refused = new Map<string, number>();

  constructor(options: RateLimiterOptions) {
    this.defaults = { ...DEFAULT_RATE_LIMITS, ...options.defaults };
    this.storeKind = options.store.kind;
    this.#timeoutMs = options.timeoutMs ?? 500;
    this.#log = options.log;
    const store = options.store;
    const prefix = store.kind === 'redis' && store.prefix ? `${store.prefix}:` : '';
    // The edge grace (see `take`) is a limiter of its own: one request per window, counted apart.
    const base = (bucket: RateLimitBucket, budget: RateLimitBudget, edge: boolean) => ({
      keyPrefix: `${prefix}finlet:${bucket}${edge ? ':edge' : ''}`,
      points: edge ? EDGE_GRACE_POINTS : budget.limit,
      duration: budget.windowSeconds,
    });
    // Once the shared counter says a key is spent, this instance refuses it from memory until the
    // window ends: a flood then costs the shared store nothing, and every instance still stops at
    // the shared count.
    const shared = (bucket: RateLimitBucket, budget: RateLimitBudget, edge: boolean) => ({
      ...base(bucket, budget, edge),
      inMemoryBlockOnConsumed: edge ? EDGE_GRACE_POINTS : budget.limit,
    });
    if (store.kind === 'postgres') {
      this.#create = (bucket, budget, edge) =>
        new RateLimiterPostgres({
          ...shared(bucket, budget, edge),
          storeClient: store.pool,
          storeType: 'pool',
          tableName: 'rate_limits',
          // Migration 0009 created it, in the schema the pool's search_path names.
          tableCreated: true,
          clearExpiredByTimeout: false,
        });
      // One sweep per instance instead of one timer per limiter; expired rows are only dead weight.
      this.#purge = setInterval(() => {
        store.pool
          .query('DELETE FROM rate_limits WHERE expire < $1', [Date.now() - 3_600_000])
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
      this.#create = (bucket, budget, edge) =>
        new RateLimiterRedis({ ...shared(bucket, budget, edge), storeClient: redis });
    } else {
      this.#create = (bucket, budget, edge) => new RateLimiterMemory(base(bucket, budget, edge));
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
    const limiters = this.#limiter(bucket, budget);
    const id = storeKey(key);
    const windowMs = budget.windowSeconds * 1000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const counted = consume(limiters.main, id).then(async (outcome) => {
        // Edge grace: a client at exactly its budget sends its next window's first request about
        // when this window ends; a little early (clocks and networks jitter), it would find the
        // window full. One request in the window's last 1/limit (one request's interval, at most
        // the last half) is let through on a counter of its own, once per window, to a client not
        // refused before in this window: a refusal earlier in the window spends the grace. A client
        // at its budget is never refused; one above it is refused at its budget.
        if (outcome.allowed) return outcome;
        const edgeMs = windowMs / Math.max(2, budget.limit);
        // The grace is counted per window, named by when the window ends (to the edge's length:
        // instances a few milliseconds apart name the same window), spent once per window (then
        // refused from memory on a shared store: cheap for a flood).
        const windowEnd = Math.round((Date.now() + outcome.res.msBeforeNext) / edgeMs);
        const edge = await consume(limiters.edge, `${id}@${windowEnd}`);
        const atEdge = outcome.res.msBeforeNext <= edgeMs;
        return atEdge && edge.allowed
          ? { allowed: true, res: new RateLimiterRes(0, outcome.res.msBeforeNext, budget.limit, false) }
          : outcome;
      });
      // Memory answers at once; only a shared store needs a deadline (and a timer per request).
      const outcome =
        this.storeKind === 'memory'
          ? await counted
          : await Promise.race([
              counted,
              new Promise<'timeout'>((resolve) => {
                timer = setTimeout(() => resolve('timeout'), this.#timeoutMs);
              }),
            ]);
      if (outcome === 'timeout') {
        this.#warn(new Error(`no answer within ${this.#timeoutMs} ms`));
        return undefined;
      }
      return {
        allowed: outcome.allowed,
        limit: budget.limit,
        remaining: outcome.res.remainingPoints,
        windowSeconds: budget.windowSeconds,
        resetSeconds: Math.max(1, Math.ceil(outcome.res.msBeforeNext / 1000)),
        repeated: !outcome.allowed && this.#refusedBefore(`${bucket}|${id}`, outcome.res.msBeforeNext),
      };
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

  #limiter(
    bucket: RateLimitBucket,
    budget: RateLimitBudget,
  ): { main: RateLimiterAbstract; edge: RateLimiterAbstract } {
    // Limiters differ only in their budget; counters are shared per bucket and key, so a changed
    // budget applies to the window already running.
    const id = `${bucket}|${budget.limit}|${budget.windowSeconds}`;
    let limiter = this.#limiters.get(id);
    if (!limiter) {
      if (this.#limiters.size > 1_000) this.#limiters.clear();
      limiter = { main: this.#create(bucket, budget, false), edge: this.#create(bucket, budget, true) };
      this.#limiters.set(id, limiter);
    }
    return limiter;
  }

  /**
   * Whether this instance refused `key` before in the window that ends in `msBeforeNext`; records
   * this refusal. (The count cannot tell: on a shared store a spent key is refused from memory,
   * uncounted, from its first refusal on.)
   */
  #refusedBefore(key: string, msBeforeNext: number): boolean {
    const now = Date.now();
    const until = this.#refused.get(key);
    if (until !== undefined && until > now) return true;
    if (this.#refused.size >= 10_000) {
      for (const [k, end] of this.#refused) if (end <= now) this.#refused.delete(k);
      if (this.#refused.size >= 10_000) this.#refused.clear();
    }
    this.#refused.set(key, now + msBeforeNext);
    return false;
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

/** Requests let through at a window's edge over the budget, per window (see `RateLimiter.take`). */
const EDGE_GRACE_POINTS = 1;

/** One count; a refusal is an outcome, a store error is thrown. */
function consume(
  limiter: RateLimiterAbstract,
  key: string,
): Promise<{ allowed: boolean; res: RateLimiterRes }> {
  return limiter.consume(key).then(
    (res) => ({ allowed: true, res }),
    (error: unknown) => {
      if (error instanceof RateLimiterRes) return { allowed: false, res: error };
      throw error;
    },
  );
}

/** Keys are bounded (a session subject may be long): anything longer is hashed. */
function storeKey(key: string): string {
  return key.length <= 160 ? key : `h:${createHash('sha256').update(key).digest('base64url')}`;
}
