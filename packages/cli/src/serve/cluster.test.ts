import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAdminKey, createPartner, openStore, type Store } from '@finlet/gateway';
import { parseChatParts, type Receiver, startReceiver } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The deployment script under test, as a bank would run it.
import { type Cluster, haproxyConfig, startCluster } from '../../../../deploy/cluster.mjs';
import { loadDemoOffers, loadDemoPartners } from '../dev/demo.js';
import { GatewayApi } from '../internal/gateway-api.js';
import { seedOffers } from '../offers/publish.js';
import { bundleCli } from '../test/bundle.js';
import { dropSchema, PG_URL } from '../test/run.js';

const haveHaproxy = spawnSync('haproxy', ['-v']).status === 0;
// CI installs HAProxy (.ci/run); a developer machine without it skips this file rather than fail.
const describeCluster = haveHaproxy || process.env.CI ? describe : describe.skip;

/**
 * The client's retry rules (@finlet/client, over ky): a retry-safe request (a read, or a POST with an
 * Idempotency-Key) is retried on a network error or on these answers, twice, after 0.3 s then 0.6 s
 * (or the answer's Retry-After, up to 5 s).
 */
const RETRIED = new Set([408, 429, 502, 503, 504]);
const RETRIES = 2;
const backoff = (tries: number, retryAfter: string | null = null) => {
  const after = Number(retryAfter);
  const ms = retryAfter && after >= 0 && after <= 5 ? after * 1000 : Math.min(3000, 300 * 2 ** (tries - 1));
  return new Promise((resolve) => setTimeout(resolve, ms));
};
/** kill -9 cycles in `pnpm test`; the benchmark runs 20. */
const KILLS = Number(process.env.FINLET_CLUSTER_KILLS ?? 3);
/** The flood is also run on a cluster counting its budgets in this Redis (as the gateway's rate-limit tests do). */
const REDIS_URL = process.env.FINLET_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** No budget stands in the way of the steady load: it is the test's, not an abuse. */
const UNLIMITED = {
  FINLET_RATE_LIMIT_PARTNER: '100000/60',
  FINLET_RATE_LIMIT_USER: '100000/60',
  FINLET_RATE_LIMIT_CHAT_PARTNER: '100000/60',
  FINLET_RATE_LIMIT_CHAT_USER: '100000/60',
};

/** The CLI is bundled once for every cluster of this file, and removed after the last. */
let bundled: ReturnType<typeof bundleCli> | undefined;
const cliBundle = () => {
  bundled ??= bundleCli();
  return bundled;
};
afterAll(async () => (await bundled)?.remove());

interface Outcome {
  status: number;
  body: Record<string, unknown>;
  text: string;
  tries: number;
}

/**
 * One request as @finlet/client sends it: a retry-safe one (with an Idempotency-Key, or marked so,
 * as the client marks the offers' match) is retried on a network error or RETRIED.
 */
async function send(
  base: string,
  path: string,
  auth: string,
  body: unknown,
  options: { idempotencyKey?: string; retrySafe?: boolean } = {},
): Promise<Outcome> {
  const retrySafe = options.retrySafe === true || options.idempotencyKey !== undefined;
  for (let tries = 1; ; tries++) {
    try {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${auth}`,
          'content-type': 'application/json',
          ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
        },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (retrySafe && RETRIED.has(response.status) && tries <= RETRIES) {
        await backoff(tries, response.headers.get('retry-after'));
        continue;
      }
      return {
        status: response.status,
        body: text.startsWith('{') ? JSON.parse(text) : {},
        text,
        tries,
      };
    } catch (error) {
      if (retrySafe && tries <= RETRIES) {
        await backoff(tries);
        continue;
      }
      return { status: 0, body: { error: String(error) }, text: '', tries };
    }
  }
}

/**
 * Two partners on `store`'s cluster: the first floods embed sessions at five times its budget,
 * ten at a time, while the second asks at its own pace. The budget window (an hour) is far longer
 * than the test, so the count does not depend on the machine's speed.
 */
async function floodAcrossInstances(url: string, store: Store, label: string) {
  const LIMIT = 60;
  const flooder = await createPartner(store, {
    name: `Flooder ${label}`,
    scenarios: ['supply-chain'],
    rateLimits: { partner: { limit: LIMIT, windowSeconds: 3600 } },
  });
  const quiet = await createPartner(store, { name: `Quiet ${label}`, scenarios: ['supply-chain'] });
  const mint = (key: string, userId: string) =>
    send(url, '/v1/embed-sessions', key, { userId, scenario: 'supply-chain' });
  const flood: number[] = [];
  const calm: Outcome[] = [];
  const flooding = (async () => {
    for (let batch = 0; batch < (5 * LIMIT) / 10; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => mint(flooder.secretKey, `f-${batch}-${i}`)),
      );
      flood.push(...answers.map((a) => a.status));
    }
  })();
  const calmly = (async () => {
    for (let i = 0; i < 40; i++) calm.push(await mint(quiet.secretKey, `q-${i}`));
  })();
  await Promise.all([flooding, calmly]);

  const served = flood.filter((s) => s === 201).length;
  expect(flood.filter((s) => s !== 201 && s !== 429)).toEqual([]);
  expect(served).toBeGreaterThanOrEqual(LIMIT * 0.9);
  expect(served).toBeLessThanOrEqual(LIMIT * 1.1);
  expect(calm.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.text}`)).toEqual([]);
  console.info(
    `flood across 3 instances (${label}): ${served} of ${flood.length} served at a budget of ${LIMIT}, the other partner ${calm.length} of ${calm.length}`,
  );
}

describe('the HAProxy configuration in deploy/', () => {
  const committed = fileURLToPath(new URL('../../../../deploy/haproxy.cfg', import.meta.url));

  it('is what the generator writes for three instances, so the two never drift', () => {
    const generated = haproxyConfig({
      bind: '0.0.0.0:4400',
      servers: [11, 12, 13].map((n, i) => ({ name: `gw${i + 1}`, address: `10.0.0.${n}:4400` })),
    });
    expect(readFileSync(committed, 'utf8')).toBe(generated);
  });

  it.skipIf(!haveHaproxy)(
    'is valid for HAProxy itself, checks /readyz and never replays a request that reached an instance',
    () => {
      const checked = spawnSync('haproxy', ['-c', '-f', committed], { encoding: 'utf8' });
      expect(checked.status, checked.stderr).toBe(0);
      const text = readFileSync(committed, 'utf8');
      expect(text).toMatch(/option httpchk GET \/readyz/);
      expect(text).toMatch(/option http-server-close/);
      expect(text).not.toMatch(/retry-on/);
    },
  );
});

describeCluster('three instances behind HAProxy on one PostgreSQL', () => {
  let cluster: Cluster;
  let store: Store;
  const schema = `finlet_cluster_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  let partnerKey = '';
  let partnerId = '';
  let receiver: Receiver;
  let sampleSession: Record<string, unknown> = {};
  const log: string[] = [];

  beforeAll(async () => {
    const [bundle, started] = await Promise.all([cliBundle(), startReceiver()]);
    receiver = started;
    cluster = await startCluster({
      instances: 3,
      databaseUrl: PG_URL,
      schema,
      finlet: bundle.command,
      // A busy machine starts a Node process slowly; a restart or a kill cycle waits for it.
      readyTimeoutMs: 180_000,
      env: {
        ...UNLIMITED,
        // Budgets count in PostgreSQL here (the Redis cluster below is its own).
        FINLET_REDIS_URL: '',
        // The partner's webhook receiver listens on 127.0.0.1, beside the instances.
        FINLET_WEBHOOKS_ALLOW_LOOPBACK: '1',
      },
      log: (line) => log.push(line),
    });
    store = await openStore({ databaseUrl: PG_URL, schema });
    const author = await createAdminKey(store, { name: 'author', role: 'author' });
    const approver = await createAdminKey(store, { name: 'approver', role: 'approver' });
    const demo = (await loadDemoPartners()).find((p) => p.handle === 'supply-chain');
    if (!demo) throw new Error('no supply-chain demo partner');
    const partner = await createPartner(store, { ...demo.partner, webhookUrl: receiver.url });
    partnerKey = partner.secretKey;
    partnerId = partner.partner.id;
    sampleSession = demo.sampleSession as Record<string, unknown>;
    await seedOffers(
      new GatewayApi(cluster.url, author.apiKey),
      new GatewayApi(cluster.url, approver.apiKey),
      await loadDemoOffers(new Date()),
    );
  }, 480_000);

  afterAll(async () => {
    await cluster?.close();
    await store?.close();
    await receiver?.close();
    await dropSchema(schema);
  });

  /**
   * Steady load: each worker mints a session, matches, consents and applies (with an
   * Idempotency-Key, so the application is retried as @finlet/client retries it), round after
   * round; each chatter asks the advisor and follows up.
   */
  const startLoad = (label: string, workers = 4, chatters = 0) => {
    const failures: string[] = [];
    const acknowledged = new Map<string, string>();
    let requests = 0;
    let stopped = false;
    const check = (what: string, outcome: Outcome, expected: number) => {
      requests++;
      if (outcome.status !== expected)
        failures.push(`${what}: ${outcome.status} ${JSON.stringify(outcome.body)}`);
      return outcome.status === expected;
    };
    const worker = async (n: number) => {
      for (let round = 0; !stopped; round++) {
        const session = await send(cluster.url, '/v1/embed-sessions', partnerKey, {
          ...sampleSession,
          userId: `merchant-${label}-${n}-${round}`,
        });
        if (!check('session', session, 201)) continue;
        const token = String(session.body.token);
        const match = await send(
          cluster.url,
          '/v1/offers/match',
          token,
          { amount: { value: 50_000_000, currency: 'CNY' }, termMonths: 6 },
          { retrySafe: true },
        );
        if (!check('match', match, 200)) continue;
        const best = (match.body.matches as { offer: { id: string }; eligible: boolean }[]).find(
          (m) => m.eligible,
        );
        if (!best) {
          failures.push(`no eligible offer: ${JSON.stringify(match.body)}`);
          continue;
        }
        const consent = await send(cluster.url, '/v1/consents', token, {
          scopes: ['application.submit'],
          purpose: 'loan_application',
        });
        if (!check('consent', consent, 201)) continue;
        const key = `${label}-${n}-${round}`;
        const application = await send(
          cluster.url,
          '/v1/applications',
          token,
          {
            offerId: best.offer.id,
            amount: { value: 50_000_000, currency: 'CNY' },
            termMonths: 6,
            // The purpose names the key, so the rows of each key can be counted.
            purpose: key,
            applicant: { name: '陈晓明' },
            consentIds: [consent.body.id],
          },
          { idempotencyKey: key },
        );
        if (check('application', application, 201)) acknowledged.set(key, String(application.body.id));
      }
    };
    /**
     * A user chatting: a question, then a follow-up in the same conversation (which any instance
     * continues). The client never retries a chat message, so each must be answered in full.
     */
    const chatter = async (n: number) => {
      for (let round = 0; !stopped; round++) {
        const session = await send(cluster.url, '/v1/embed-sessions', partnerKey, {
          ...sampleSession,
          userId: `chatter-${label}-${n}-${round}`,
        });
        if (!check('session', session, 201)) continue;
        let conversationId: unknown;
        for (const text of ['我想借20万进货', '利率是多少？']) {
          const answer = await send(cluster.url, '/v1/chat/messages', String(session.body.token), {
            text,
            ...(conversationId ? { conversationId } : {}),
          });
          if (!check('chat', answer, 200)) break;
          const done = parseChatParts(answer.text).at(-1);
          if (done?.type !== 'done') {
            failures.push(`chat ended without done: ${answer.text.slice(-300)}`);
            break;
          }
          conversationId = done.conversationId;
        }
      }
    };
    const running = Promise.all([
      ...Array.from({ length: workers }, (_, n) => worker(n)),
      ...Array.from({ length: chatters }, (_, n) => chatter(n)),
    ]);
    return {
      failures,
      acknowledged,
      requests: () => requests,
      /** Resolves once `more` further requests were answered, failing early on the first failure when `strict`. */
      async progress(more: number, strict: boolean) {
        const from = requests;
        await expect
          .poll(() => (strict && failures.length > 0 ? -1 : requests - from), { timeout: 90_000 })
          .toBeGreaterThanOrEqual(more)
          .catch((error: Error) => {
            throw new Error(`${error.message}\n${failures.slice(0, 3).join('\n')}`);
          });
      },
      async stop() {
        stopped = true;
        await running;
      },
    };
  };

  /** Every acknowledged application is stored exactly once and has its `application.created` event. */
  const expectNothingLost = async (label: string, acknowledged: Map<string, string>) => {
    const pool = store.pool;
    if (!pool) throw new Error('the cluster runs on PostgreSQL');
    const rows = await pool.query<{ id: string; purpose: string }>(
      `SELECT id, body::jsonb->>'purpose' AS purpose FROM applications WHERE body::jsonb->>'purpose' LIKE $1`,
      [`${label}-%`],
    );
    const byKey = new Map<string, string[]>();
    for (const row of rows.rows) byKey.set(row.purpose, [...(byKey.get(row.purpose) ?? []), row.id]);
    const lost = [...acknowledged].filter(([key, id]) => !byKey.get(key)?.includes(id));
    const doubled = [...byKey].filter(([, ids]) => ids.length > 1);
    const events = await pool.query<{ id: string }>(
      `SELECT payload::jsonb->'data'->>'id' AS id FROM outbox_events WHERE type = 'application.created'`,
    );
    const evented = new Set(events.rows.map((r) => r.id));
    const withoutEvent = rows.rows.filter((r) => !evented.has(r.id));
    expect({ lost, doubled, withoutEvent }).toEqual({ lost: [], doubled: [], withoutEvent: [] });
  };

  /**
   * Waits until every webhook delivery of the partner is delivered (a crashed instance's claim is
   * taken over when its lease lapses), then compares the outbox with what the receiver got, counted
   * by `webhook-id`: each event's id received, and how many ids came more than once.
   */
  const outboxDelivered = async () => {
    const pool = store.pool;
    if (!pool) throw new Error('the cluster runs on PostgreSQL');
    await expect
      .poll(
        async () =>
          (
            await pool.query<{ status: string; n: string }>(
              `SELECT status, count(*) AS n FROM webhook_deliveries WHERE partner_id = $1 GROUP BY status ORDER BY status`,
              [partnerId],
            )
          ).rows.map((r) => `${r.status} ${r.n}`),
        { timeout: 150_000, interval: 500 },
      )
      .toEqual([expect.stringMatching(/^delivered \d+$/)]);
    const events = await pool.query<{ id: string }>(`SELECT id FROM outbox_events WHERE partner_id = $1`, [
      partnerId,
    ]);
    const times = new Map<string, number>();
    for (const r of receiver.received) {
      const id = String(r.headers['webhook-id']);
      times.set(id, (times.get(id) ?? 0) + 1);
    }
    return {
      events: events.rows.length,
      missing: events.rows.map((e) => e.id).filter((id) => !times.has(id)),
      twice: [...times].filter(([, n]) => n > 1).map(([id]) => id),
    };
  };

  it('serves a steady application, match and chat load through a rolling restart: no failed request, no acknowledged application lost, every webhook delivered once', async () => {
    const load = startLoad('rolling', 4, 2);
    // Some load first, so the restart meets requests in flight.
    await load.progress(30, true);
    await cluster.rollingRestart();
    await load.progress(30, true);
    await load.stop();

    expect(load.failures, log.slice(-40).join('\n')).toEqual([]);
    expect(cluster.instances.every((i) => i.running)).toBe(true);
    await expectNothingLost('rolling', load.acknowledged);
    const webhooks = await outboxDelivered();
    expect(webhooks.events).toBeGreaterThanOrEqual(load.acknowledged.size);
    expect({ missing: webhooks.missing, twice: webhooks.twice }).toEqual({ missing: [], twice: [] });
    console.info(
      `rolling restart of 3 instances: ${load.requests()} requests (chat included), ${load.acknowledged.size} applications acknowledged, 0 failed, ${webhooks.events} webhooks each delivered once`,
    );
  }, 600_000);

  it(`loses no acknowledged application when an instance is killed (kill -9) under load, ${KILLS} times`, async () => {
    const load = startLoad('killed');
    await load.progress(20, true);
    for (let kill = 0; kill < KILLS; kill++) {
      const index = kill % cluster.instances.length;
      await cluster.kill(index);
      // The others carry the load meanwhile.
      await load.progress(10, false);
      await cluster.start(index);
    }
    await load.progress(20, false);
    await load.stop();

    // Requests in flight on the killed instance may fail (a client retries the safe ones); what was
    // acknowledged is never lost, and no retried key made a second application.
    expect(cluster.instances.every((i) => i.running)).toBe(true);
    await expectNothingLost('killed', load.acknowledged);
    // The outbox completes once the survivors take over the killed instances' claims. A delivery
    // sent just before a kill and never recorded goes out again: at least once, de-duplicable by
    // its webhook-id (the count is reported, not refused).
    const webhooks = await outboxDelivered();
    expect(webhooks.missing).toEqual([]);
    console.info(
      `kill -9 × ${KILLS}: ${load.requests()} requests, ${load.failures.length} failed in flight, ${load.acknowledged.size} applications acknowledged, 0 lost; outbox complete (${webhooks.events} webhooks, ${webhooks.twice.length} sent again after a kill)`,
    );
  }, 600_000);

  it('holds a partner to its budget across the instances (PostgreSQL) while another partner is served without error', async () => {
    await floodAcrossInstances(cluster.url, store, 'PostgreSQL');
  }, 600_000);
});

describe.skipIf(!(haveHaproxy || process.env.CI))(
  'three instances behind HAProxy counting budgets in Redis (FINLET_REDIS_URL)',
  () => {
    let cluster: Cluster;
    let store: Store;
    const schema = `finlet_cluster_redis_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

    beforeAll(async () => {
      const bundle = await cliBundle();
      cluster = await startCluster({
        instances: 3,
        databaseUrl: PG_URL,
        schema,
        finlet: bundle.command,
        readyTimeoutMs: 180_000,
        env: { ...UNLIMITED, FINLET_REDIS_URL: REDIS_URL },
      });
      store = await openStore({ databaseUrl: PG_URL, schema });
    }, 480_000);

    afterAll(async () => {
      await cluster?.close();
      await store?.close();
      await dropSchema(schema);
    });

    it('holds a partner to its budget across the instances while another partner is served without error', async () => {
      await floodAcrossInstances(cluster.url, store, 'Redis');
    }, 600_000);
  },
);
