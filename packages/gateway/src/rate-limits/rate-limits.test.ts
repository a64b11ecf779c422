import { type AddressInfo, createServer, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { Partner, PartnerList, Problem } from '@finlet/contracts';
import {
  type ApiResponse,
  type Dialect,
  ORIGIN_A,
  PG_URL,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import pg from 'pg';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GatewayConfig } from '../app.js';
import { createPartner } from '../bootstrap.js';
import { startGateway } from '../server.js';
import { openStore } from '../storage/index.js';
import { LatestAssessments } from '../suitability/latest-assessments.js';
import { RateLimiter, type RateLimitStore } from './limiter.js';
import { DEFAULT_REPEAT_REFUSAL_DELAY_MS } from './middleware.js';

const REDIS_URL = process.env.FINLET_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const HOUR = 3600;
const match = (gw: TestGateway, token: string, headers: Record<string, string> = {}) =>
  gw.api('POST', '/v1/offers/match', { auth: token, body: {}, headers });

function expectLimited(response: ApiResponse, bucket: string): void {
  expect(response.status).toBe(429);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = Problem.parse(response.body);
  expect(problem.code).toBe('rate_limited');
  expect(problem.detail).toContain(`${bucket} budget`);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(Number(response.headers.get('retry-after'))).toBeLessThanOrEqual(HOUR);
  expect(response.headers.get('ratelimit-remaining')).toBe('0');
}

const uniquePrefix = () => `finlet-test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

interface Backend {
  name: string;
  dialect: Dialect;
  store?: () => RateLimitStore;
}

const BACKENDS: Backend[] = [
  { name: 'memory (SQLite)', dialect: 'sqlite' },
  { name: 'PostgreSQL', dialect: 'postgres' },
  {
    name: 'Redis',
    dialect: 'sqlite',
    store: () => ({ kind: 'redis', url: REDIS_URL, prefix: uniquePrefix() }),
  },
];

describe.each(BACKENDS)('rate limits on $name', (backend) => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway(backend.dialect, {
      gateway: {
        rateLimits: {
          ...(backend.store ? { store: backend.store() } : {}),
          // A busy machine may take a while to answer; only the fail-open tests rely on the timeout.
          timeoutMs: 30_000,
          defaults: {
            partner: { limit: 8, windowSeconds: HOUR },
            user: { limit: 3, windowSeconds: HOUR },
            admin: { limit: 1000, windowSeconds: HOUR },
          },
        },
      },
    });
  });
  afterAll(async () => gw?.close());

  it('answers 429 rate_limited with Retry-After and RateLimit headers, readable by the widget across origins', async () => {
    const token = await gw.session(gw.partnerB, { userId: 'u-headers', scenario: 'supply-chain' });
    for (const remaining of ['2', '1', '0']) {
      const ok = await match(gw, token, { origin: 'https://scf-b.example.com' });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('ratelimit-limit')).toBe('3');
      expect(ok.headers.get('ratelimit-remaining')).toBe(remaining);
      expect(ok.headers.get('ratelimit-policy')).toBe(`3;w=${HOUR}`);
      expect(Number(ok.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    }
    const limited = await match(gw, token, { origin: 'https://scf-b.example.com' });
    expectLimited(limited, 'user');
    const exposed = limited.headers.get('access-control-expose-headers') ?? '';
    for (const name of ['retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']) {
      expect(exposed).toContain(name);
    }
  });

  it('keeps separate budgets per user and per partner; another partner is untouched', async () => {
    // Partner A's budget is 8: two sessions minted by its server, then its users' requests.
    const first = await gw.session(gw.partnerA, { userId: 'u-1', scenario: 'consumption' });
    const second = await gw.session(gw.partnerA, { userId: 'u-2', scenario: 'consumption' });
    for (let i = 0; i < 3; i++) expect((await match(gw, first)).status).toBe(200);
    // Over the user's budget: refused before the partner's budget is touched.
    expectLimited(await match(gw, first), 'user');
    expect((await match(gw, second)).status).toBe(200);
    expect((await match(gw, second)).status).toBe(200);
    expect((await match(gw, second)).status).toBe(200);
    expectLimited(await match(gw, second), 'user');
    // 2 sessions + 6 matches: the partner's 8 are spent, so its server is refused too.
    const server = await gw.api('POST', '/v1/embed-sessions', {
      auth: gw.partnerA.secretKey,
      body: { userId: 'u-3', scenario: 'consumption' },
    });
    expectLimited(server, 'partner');
    const other = await gw.session(gw.partnerB, { userId: 'u-1', scenario: 'supply-chain' });
    expect((await match(gw, other)).status).toBe(200);
  });
  it('holds a repeated refusal (a caller ignoring Retry-After) for the refusal delay, without work', async () => {
    const partner = await createPartner(gw.store, {
      name: 'Ignores Retry-After',
      scenarios: ['supply-chain'],
    });
    const token = await gw.session(partner, { userId: 'u-hammer', scenario: 'supply-chain' });
    for (let i = 0; i < 3; i++) expect((await match(gw, token)).status).toBe(200);
    expectLimited(await match(gw, token), 'user');
    const started = performance.now();
    expectLimited(await match(gw, token), 'user');
    // A timer may fire a millisecond early; the hold is never much shorter than the delay.
    expect(performance.now() - started).toBeGreaterThanOrEqual(DEFAULT_REPEAT_REFUSAL_DELAY_MS - 5);
  });

  it('tells a first refusal in a window from a repeated one (only the repeated one is held)', async () => {
    const limiter = new RateLimiter({
      store:
        backend.store?.() ?? (gw.store.pool ? { kind: 'postgres', pool: gw.store.pool } : { kind: 'memory' }),
      timeoutMs: 30_000,
    });
    await limiter.ready();
    try {
      const budget = { limit: 2, windowSeconds: HOUR };
      const key = `first-refusal-${uniquePrefix()}`;
      const decisions = [];
      for (let i = 0; i < 4; i++) decisions.push(await limiter.take('user', key, budget));
      expect(decisions.map((d) => [d?.allowed, d?.repeated])).toEqual([
        [true, false],
        [true, false],
        [false, false],
        [false, true],
      ]);
    } finally {
      await limiter.close();
    }
  });

  it('refuses over budget before any database work or body parsing: no assessment read, a malformed body still 429', async () => {
    // A partner of its own: the others' budgets are spent by the tests before.
    const partner = await createPartner(gw.store, { name: 'Cheap refusals', scenarios: ['supply-chain'] });
    const token = await gw.session(partner, { userId: 'u-cheap', scenario: 'supply-chain' });
    // Counted where every session request asks for the level (the store is read through this
    // per-instance copy, so counting store reads would miss requests the copy answers).
    const assessments = LatestAssessments.prototype;
    const latest = assessments.latest;
    let reads = 0;
    assessments.latest = function (this: LatestAssessments, ...args) {
      reads++;
      return latest.apply(this, args);
    };
    try {
      for (let i = 0; i < 3; i++) expect((await match(gw, token)).status).toBe(200);
      // Served requests read the user's assessed level (it stands over the partner's signal)…
      expect(reads).toBe(3);
      for (let i = 0; i < 5; i++) {
        const refused = await gw.api('POST', '/v1/offers/match', { auth: token, rawBody: '{"amount":' });
        // …a refused one does not, and its body (malformed here) is never read.
        expectLimited(refused, 'user');
      }
      expect(reads).toBe(3);
    } finally {
      assessments.latest = latest;
    }
  });
});

describe('a client pacing itself at its budget, on an injected clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * Sends `perWindow` requests per window for `windows` windows, evenly spaced, each a few
   * milliseconds early or late (a fixed pseudo-random sequence: the jitter of any real client and
   * network); counts the refusals.
   */
  async function pace(perWindow: number, windows: number) {
    vi.useFakeTimers({ now: 0 });
    const limiter = new RateLimiter({ store: { kind: 'memory' } });
    const budget = { limit: 5, windowSeconds: 1 };
    const interval = 1000 / perWindow;
    let seed = 7;
    let now = 0;
    let refused = 0;
    let allowed = 0;
    const headers = new Set<string>();
    for (let i = 0; i < perWindow * windows; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const at = Math.round(i * interval + ((seed % 41) - 20));
      vi.advanceTimersByTime(Math.max(0, at - now));
      now = Math.max(now, at);
      const decision = await limiter.take('partner', 'paced', budget);
      if (!decision) throw new Error('the memory store always answers');
      if (decision.allowed) allowed++;
      else {
        refused++;
        headers.add(`${decision.limit}/${decision.windowSeconds}`);
        expect(decision.remaining).toBe(0);
        expect(decision.resetSeconds).toBe(1);
      }
    }
    await limiter.close();
    return { refused, allowed, seconds: now / 1000, headers };
  }

  it('is never refused, also at window edges (fixed windows refused about 10%)', async () => {
    const { refused, allowed } = await pace(5, 200);
    expect(refused).toBe(0);
    expect(allowed).toBe(1000);
  });

  it.each([2, 5])('at %i× its budget, is refused at its budget (no grace once refused)', async (times) => {
    const { refused, allowed, seconds, headers } = await pace(5 * times, 200);
    expect(refused).toBeGreaterThan(0);
    expect(headers).toEqual(new Set(['5/1']));
    // Windows start at the first request after the last one ended: a little under 5 a second.
    expect(allowed / seconds).toBeGreaterThanOrEqual(5 * 0.9);
    expect(allowed / seconds).toBeLessThanOrEqual(5);
  });
});

describe('per-partner budgets, admin keys and public endpoints (SQLite)', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway('sqlite', {
      gateway: {
        rateLimits: {
          defaults: {
            user: { limit: 3, windowSeconds: HOUR },
            admin: { limit: 12, windowSeconds: HOUR },
            signIn: { limit: 2, windowSeconds: HOUR },
            ip: { limit: 2, windowSeconds: HOUR },
          },
        },
      },
    });
  });
  afterAll(async () => gw?.close());

  it('applies a partner’s own budget set through the admin API, and only to that partner', async () => {
    const admin = gw.admins.admin.apiKey;
    const path = `/v1/admin/partners/${gw.partnerA.partner.id}/rate-limits`;
    const bad = await gw.api('PUT', path, { auth: admin, body: { user: { limit: 0, windowSeconds: 60 } } });
    expect(bad.status).toBe(400);
    expect(Problem.parse(bad.body).code).toBe('invalid_request');
    const unknown = await gw.api('PUT', '/v1/admin/partners/ptn_nope/rate-limits', { auth: admin, body: {} });
    expect(Problem.parse(unknown.body).code).toBe('not_found');
    const author = await gw.api('PUT', path, { auth: gw.admins.author.apiKey, body: {} });
    expect(Problem.parse(author.body).code).toBe('forbidden');

    const set = await gw.api('PUT', path, { auth: admin, body: { user: { limit: 1, windowSeconds: HOUR } } });
    expect(set.status).toBe(200);
    expect(Partner.parse(set.body).rateLimits).toEqual({ user: { limit: 1, windowSeconds: HOUR } });
    const listed = PartnerList.parse((await gw.api('GET', '/v1/admin/partners', { auth: admin })).body);
    expect(listed.partners.find((p) => p.id === gw.partnerA.partner.id)?.rateLimits).toEqual({
      user: { limit: 1, windowSeconds: HOUR },
    });

    const a = await gw.session(gw.partnerA, { userId: 'own', scenario: 'consumption' });
    expect((await match(gw, a)).headers.get('ratelimit-limit')).toBe('1');
    expectLimited(await match(gw, a), 'user');
    const b = await gw.session(gw.partnerB, { userId: 'own', scenario: 'supply-chain' });
    for (let i = 0; i < 3; i++) expect((await match(gw, b)).status).toBe(200);
    expectLimited(await match(gw, b), 'user');

    // `{}` returns the partner to the defaults (its running window keeps its count).
    const cleared = await gw.api('PUT', path, { auth: admin, body: {} });
    expect(Partner.parse(cleared.body).rateLimits).toBeUndefined();
    const fresh = await gw.session(gw.partnerA, { userId: 'own-2', scenario: 'consumption' });
    expect((await match(gw, fresh)).headers.get('ratelimit-limit')).toBe('3');

    const audit = await gw.api('GET', '/v1/admin/audit?q=rate_limits', { auth: admin });
    expect(JSON.stringify(audit.body)).toContain('partner.rate_limits.set');
  });

  it('takes a partner’s budget at creation', async () => {
    const created = await gw.api('POST', '/v1/admin/partners', {
      auth: gw.admins.admin.apiKey,
      body: { name: 'Own budget', rateLimits: { partner: { limit: 50, windowSeconds: 60 } } },
    });
    expect(created.status).toBe(201);
    expect((created.body as { partner: Partner }).partner.rateLimits).toEqual({
      partner: { limit: 50, windowSeconds: 60 },
    });
  });

  it('limits each admin key on its own', async () => {
    const key = gw.admins.approver.apiKey;
    let last: ApiResponse | undefined;
    for (let i = 0; i < 12; i++) {
      last = await gw.api('GET', '/v1/admin/me', { auth: key });
      expect(last.status).toBe(200);
    }
    expect(last?.headers.get('ratelimit-remaining')).toBe('0');
    expectLimited(await gw.api('GET', '/v1/admin/me', { auth: key }), 'admin');
    expect((await gw.api('GET', '/v1/admin/me', { auth: gw.admins.author2.apiKey })).status).toBe(200);
  });

  it('limits console sign-in attempts per address (brute force), and public endpoints per address', async () => {
    const signIn = () =>
      gw.api('POST', '/v1/admin/console/session', {
        body: { apiKey: 'fak_wrongwrongwrong_guess' },
      });
    expect((await signIn()).status).toBe(401);
    expect((await signIn()).status).toBe(401);
    expectLimited(await signIn(), 'signIn');

    expect((await gw.api('GET', '/.well-known/jwks.json')).status).toBe(200);
    expect((await gw.api('GET', '/.well-known/jwks.json')).status).toBe(200);
    expectLimited(await gw.api('GET', '/.well-known/jwks.json'), 'ip');
    // Load-balancer probes are never limited.
    for (let i = 0; i < 5; i++) expect((await gw.api('GET', '/healthz')).status).toBe(200);
  });
});

describe('per-address budgets behind a load balancer', () => {
  const signIn = (gw: TestGateway, forwardedFor: string) =>
    gw.api('POST', '/v1/admin/console/session', {
      body: { apiKey: 'fak_wrongwrongwrong_guess' },
      headers: { 'x-forwarded-for': forwardedFor },
    });
  const start = (trustedProxies: string[]) =>
    startTestGateway('sqlite', {
      gateway: {
        connections: { trustedProxies },
        rateLimits: { defaults: { signIn: { limit: 2, windowSeconds: HOUR } } },
      },
    });

  it('count each client the trusted balancer names, by the nearest hop that is not a proxy', async () => {
    const gw = await start(['127.0.0.1', '10.0.0.0/8']);
    try {
      expect((await signIn(gw, '198.51.100.7, 10.1.2.3')).status).toBe(401);
      expect((await signIn(gw, '203.0.113.9, 198.51.100.7')).status).toBe(401);
      expectLimited(await signIn(gw, '198.51.100.7'), 'signIn');
      // Another client behind the same balancer has its own budget.
      expect((await signIn(gw, '198.51.100.8')).status).toBe(401);
    } finally {
      await gw.close();
    }
  });

  it('ignore X-Forwarded-For from a peer that is not a trusted proxy: a guesser cannot pick fresh addresses', async () => {
    const gw = await start([]);
    try {
      expect((await signIn(gw, '198.51.100.1')).status).toBe(401);
      expect((await signIn(gw, '198.51.100.2')).status).toBe(401);
      expectLimited(await signIn(gw, '198.51.100.3'), 'signIn');
    } finally {
      await gw.close();
    }
  });
});

describe('fixed files (the widget bundle, the console shell)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    const page = { contentType: 'text/html', body: '<!doctype html>' };
    gw = await startTestGateway('sqlite', {
      gateway: {
        assets: {
          '/shell/*': page,
          '/shell/page': page,
          '/finlet.js': { contentType: 'text/javascript', body: '' },
        },
        rateLimits: { defaults: { ip: { limit: 3, windowSeconds: HOUR } } },
      },
    });
  });
  afterAll(async () => gw?.close());

  it('count once per address, also where an exact path and a deep-link path both match', async () => {
    for (const [path, remaining] of [
      ['/shell/page', '2'],
      ['/shell/deep/link', '1'],
      ['/finlet.js', '0'],
    ] as const) {
      const response = await gw.api('GET', path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('ratelimit-remaining'), path).toBe(remaining);
    }
    expectLimited(await gw.api('GET', '/shell/page'), 'ip');
  });
});

describe('two gateway instances on one PostgreSQL schema', () => {
  let gw: TestGateway;
  let second: Awaited<ReturnType<typeof startGateway>>;
  let secondStore: Awaited<ReturnType<typeof openStore>>;
  const rateLimits: GatewayConfig['rateLimits'] = {
    // Twenty requests at once on a busy machine may queue for the pool; they must be counted, not let through.
    timeoutMs: 30_000,
    defaults: { user: { limit: 7, windowSeconds: HOUR }, partner: { limit: 1000, windowSeconds: HOUR } },
  };

  beforeAll(async () => {
    gw = await startTestGateway('postgres', { gateway: { rateLimits } });
    secondStore = await openStore({ databaseUrl: PG_URL, schema: gw.schema });
    second = await startGateway({
      store: secondStore,
      port: 0,
      host: '127.0.0.1',
      logger: false,
      rateLimits,
    });
  });
  afterAll(async () => {
    await second?.close();
    await secondStore?.close();
    await gw?.close();
  });

  it('share one budget: the requests allowed across both add up to the limit', async () => {
    const token = await gw.session(gw.partnerA, { userId: 'shared', scenario: 'consumption' });
    const urls = [gw.url, second.url];
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${urls[i % 2]}/v1/offers/match`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{}',
        }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        }),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(7);
    expect(statuses.filter((s) => s === 429)).toHaveLength(13);

    // A spent key is then refused from each instance's memory: more requests cost PostgreSQL nothing.
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      const points = async () =>
        (
          await client.query<{ points: number }>(
            `SELECT points FROM "${gw.schema}".rate_limits WHERE key = $1`,
            [`finlet:user:${gw.partnerA.partner.id}:shared`],
          )
        ).rows[0]?.points;
      const before = await points();
      expect(before).toBeGreaterThanOrEqual(7);
      for (const url of [...urls, ...urls]) {
        const response = await fetch(`${url}/v1/offers/match`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{}',
        });
        expect(response.status).toBe(429);
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        await response.arrayBuffer();
      }
      expect(await points()).toBe(before);
    } finally {
      await client.end();
    }
  });
});

describe('fail open when the shared store is unreachable', () => {
  // Takes connections and says nothing: only the limiter's own timeout lets requests through.
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  beforeAll(() => new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve)));
  afterAll(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  function capture() {
    const lines: string[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    return { logger, lines };
  }

  it.each([
    {
      name: 'Redis',
      store: (): RateLimitStore => ({ kind: 'redis', url: 'redis://127.0.0.1:1', prefix: uniquePrefix() }),
    },
    {
      name: 'PostgreSQL',
      store: (): RateLimitStore => ({
        kind: 'postgres',
        pool: new pg.Pool({
          connectionString: 'postgres://postgres@127.0.0.1:1/none',
          connectionTimeoutMillis: 200,
        }),
      }),
    },
    {
      name: 'PostgreSQL that accepts connections and never answers',
      store: (): RateLimitStore => ({
        kind: 'postgres',
        pool: new pg.Pool({
          connectionString: `postgres://postgres@127.0.0.1:${(silent.address() as AddressInfo).port}/none`,
          connectionTimeoutMillis: 600_000,
        }),
      }),
    },
  ])('$name: requests pass uncounted and a warning is logged', async ({ store }) => {
    const { logger, lines } = capture();
    const gw = await startTestGateway('sqlite', {
      logger,
      gateway: {
        rateLimits: { store: store(), timeoutMs: 200, defaults: { user: { limit: 1, windowSeconds: HOUR } } },
      },
    });
    try {
      const token = await gw.session(gw.partnerA, {
        userId: 'open',
        scenario: 'consumption',
        origin: ORIGIN_A,
      });
      for (let i = 0; i < 3; i++) {
        const response = await match(gw, token);
        expect(response.status).toBe(200);
        expect(response.headers.get('ratelimit-limit')).toBeNull();
      }
      await expect
        .poll(() => lines.some((l) => l.includes('rate limit store unavailable')), { timeout: 10_000 })
        .toBe(true);
    } finally {
      await gw.close();
    }
  });
});
