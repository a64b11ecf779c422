import { PG_URL } from '@finlet/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../storage/index.js';
import { RateLimiter, type RateLimitStore } from './limiter.js';

const REDIS_URL = process.env.FINLET_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// Partner A's budget in the flood benchmark: five requests a second.
const BUDGET = { limit: 5, windowSeconds: 1 };
const INTERVAL_MS = 200;

/** A deterministic sequence in [0, 1), so every run sends on the same schedule. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Arrival times (ms) of a client sending every `everyMs` on a fixed schedule, each request
 * delayed by the network by 0–`jitterMs` (so two may arrive closer than `everyMs`, one
 * straddling what a fixed window would call its end).
 */
function schedule(start: number, count: number, everyMs: number, jitterMs: number, seed: number): number[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, k) => start + k * everyMs + Math.floor(next() * jitterMs));
}

interface Backend {
  name: string;
  store: () => Promise<{ store: RateLimitStore; close: () => Promise<void>; pool?: pg.Pool }>;
}

const BACKENDS: Backend[] = [
  { name: 'memory', store: async () => ({ store: { kind: 'memory' }, close: async () => {} }) },
  {
    name: 'PostgreSQL',
    store: async () => {
      const schema = `finlet_rl_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      const opened = await openStore({ databaseUrl: PG_URL, schema });
      await opened.migrate();
      const pool = opened.pool as pg.Pool;
      return {
        store: { kind: 'postgres', pool },
        pool,
        close: async () => {
          await opened.close();
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await client.end();
        },
      };
    },
  },
  {
    name: 'Redis',
    store: async () => ({
      store: {
        kind: 'redis',
        url: REDIS_URL,
        prefix: `finlet-test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
      },
      close: async () => {},
    }),
  },
];

describe.each(BACKENDS)('token buckets on $name (injected clock)', (backend) => {
  let limiter: RateLimiter;
  let pool: pg.Pool | undefined;
  let close: () => Promise<void>;
  const clock = { now: Date.UTC(2026, 0, 5, 9, 0, 0, 123) };

  beforeAll(async () => {
    const opened = await backend.store();
    pool = opened.pool;
    close = opened.close;
    limiter = new RateLimiter({ store: opened.store, timeoutMs: 30_000, now: () => clock.now });
    await limiter.ready();
  });
  afterAll(async () => {
    await limiter?.close();
    await close?.();
  });

  /** Sends at each arrival time; answers how many were refused. */
  const send = async (key: string, arrivals: number[]) => {
    let refused = 0;
    for (const at of arrivals) {
      clock.now = at;
      const decision = await limiter.take('partner', key, BUDGET);
      expect(decision).toBeDefined();
      if (!decision?.allowed) refused++;
    }
    return refused;
  };

  it('never refuses a client at exactly its limit, whatever the network does to the spacing', async () => {
    // 30 s at 5 a second, each request up to 150 ms late: fixed windows refused about one in ten.
    for (const seed of [1, 2, 3]) {
      const arrivals = schedule(clock.now + 10_000, 150, INTERVAL_MS, 150, seed);
      expect(await send(`at-limit-${seed}`, arrivals)).toBe(0);
    }
  });

  it('refuses about half of a client at twice its limit, and lets its budget’s rate through', async () => {
    const arrivals = schedule(clock.now + 10_000, 300, INTERVAL_MS / 2, 80, 7);
    const refused = await send('twice', arrivals);
    // 30 s: 150 at the budget's rate, plus the 5 a full bucket holds at the start.
    expect(refused).toBeGreaterThanOrEqual(140);
    expect(refused).toBeLessThanOrEqual(150);
  });

  it('allows the whole budget at once, then says when the next request fits and when it is all back', async () => {
    clock.now += 60_000;
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const decision = await limiter.take('partner', 'burst', BUDGET);
      expect(decision?.allowed).toBe(true);
      expect(decision?.limit).toBe(5);
      expect(decision?.windowSeconds).toBe(1);
      expect(decision?.resetSeconds).toBe(1);
      remaining.push(decision?.remaining ?? -1);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const refused = await limiter.take('partner', 'burst', BUDGET);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1, repeated: false });
    // Ignoring Retry-After is noticed; one interval later one request fits again, not six.
    expect((await limiter.take('partner', 'burst', BUDGET))?.repeated).toBe(true);
    clock.now += INTERVAL_MS;
    expect(await limiter.take('partner', 'burst', BUDGET)).toMatchObject({ allowed: true, remaining: 0 });
    expect((await limiter.take('partner', 'burst', BUDGET))?.allowed).toBe(false);
    clock.now += 1_000;
    expect(await limiter.take('partner', 'burst', BUDGET)).toMatchObject({ allowed: true, remaining: 4 });

    // A long window says minutes, not one second.
    const hourly = { limit: 3, windowSeconds: 3600 };
    for (let i = 0; i < 3; i++) await limiter.take('user', 'hourly', hourly);
    const spent = await limiter.take('user', 'hourly', hourly);
    expect(spent).toMatchObject({ allowed: false, retryAfterSeconds: 1200, resetSeconds: 3600 });
  });

  it.runIf(backend.name === 'PostgreSQL')(
    'refuses a key it found empty from memory, with no query',
    async () => {
      clock.now += 60_000;
      for (let i = 0; i < 5; i++) await limiter.take('partner', 'flood', BUDGET);
      const query = vi.spyOn(pool as pg.Pool, 'query');
      try {
        for (let i = 0; i < 50; i++) {
          clock.now += 3;
          expect((await limiter.take('partner', 'flood', BUDGET))?.allowed).toBe(false);
        }
        expect(query).not.toHaveBeenCalled();
        clock.now += INTERVAL_MS;
        expect((await limiter.take('partner', 'flood', BUDGET))?.allowed).toBe(true);
        expect(query).toHaveBeenCalledTimes(1);
      } finally {
        query.mockRestore();
      }
    },
  );
});
