// Benchmark: scale-out behind HAProxy (deploy/cluster.mjs, as a bank runs it).
//  1. Throughput of POST /v1/offers/match through HAProxy with 1, 2 and 3 `finlet serve` instances
//     on one PostgreSQL, each reported as a ratio to 1 instance measured in the same run.
//  2. A flood across 3 instances, budgets counted in PostgreSQL and then in Redis: partner A floods
//     offers/match in an open loop at 5× its rate limit (requests on a fixed schedule, whatever the
//     answers take) while partner B sends a steady open-loop load. A's accepted requests per budget
//     window against its limit (the budget is shared by the instances: ±10%), B's errors (0), and
//     B's p95 flooded against B's p95 alone, in alternating phases of the same run.
//  3. Rolling restarts of the 3 instances (`--rolling` times, 2 by default: each instance stopped
//     with SIGTERM and started again, one at a time) under a steady application + chat load: the
//     requests a client following our retry rules sees fail (chat messages are never retried, so
//     each must stream to its `done` part), acknowledged applications lost or applied twice, and
//     every webhook delivered exactly once (none missing, none sent twice).
//  4. `kill -9` of one instance under an application load, `--kills` times (20 by default), each
//     started again: the error rate a client following our retry rules sees during failover (from
//     the kill until the instance is back in rotation) and outside it; acknowledged applications
//     lost; keys applied twice; every key retried after recovery answered with its original
//     application (or, when its first attempt failed, with exactly one); applications without their
//     `application.created` outbox event; and, after recovery, webhooks delivered exactly once as a
//     receiver de-duplicating by webhook-id processes them (none missing, each redelivery identical),
//     with the raw redeliveries counted.
// Run after the build (`pnpm bench` builds first):
//   node packages/gateway/bench/cluster.bench.js [--duration s] [--rolling n] [--kills n] [--flood-rounds n] [--json]
// On a 2-core machine the load generator, HAProxy, PostgreSQL and the instances share the CPU: the
// ratios show what adding instances costs or gains here, not what more machines would give.
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { median, percentile, startFlooder, startSteady } from './support.js';

const PG_URL = process.env.FINLET_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/**
 * The client's retry rules (@finlet/client, over ky): a retry-safe request (a read, or a POST with an
 * Idempotency-Key) is retried on a network error or on these answers, twice, after 0.3 s then 0.6 s
 * (or the answer's Retry-After, up to 5 s).
 */
const RETRIED = new Set([408, 429, 502, 503, 504]);
const RETRIES = 2;
const backoff = (tries, retryAfter = null) => {
  const after = Number(retryAfter);
  const ms = retryAfter && after >= 0 && after <= 5 ? after * 1000 : Math.min(3000, 300 * 2 ** (tries - 1));
  return new Promise((resolve) => setTimeout(resolve, ms));
};
const UNLIMITED = '1000000/60';
const FLOOD_TARGET = 1.5;
/** A loaded machine starts an instance slowly: a kill cycle waits this long for it to come back. */
const READY_TIMEOUT_MS = 300_000;
const REDIS_URL =
  process.env.FINLET_BENCH_REDIS_URL ?? process.env.FINLET_REDIS_URL ?? 'redis://127.0.0.1:6379';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '8' },
    instances: { type: 'string', default: '1,2,3' },
    rolling: { type: 'string', default: '2' },
    kills: { type: 'string', default: '20' },
    // Partner A's budget in requests per second (it floods at 5× this), counted in windows of
    // `flood-window` s, `flood-windows` of them per flooded phase; partner B's steady rate.
    // The defaults fit a busy 2-core machine: what A is allowed plus B stays below what the three
    // instances can serve there (a larger budget measures the overloaded machine, not the limits).
    'flood-limit': { type: 'string', default: '1' },
    'flood-window': { type: 'string', default: '4' },
    'flood-windows': { type: 'string', default: '2' },
    'flood-steady': { type: 'string', default: '4' },
    'flood-rounds': { type: 'string', default: '6' },
    'flood-backends': { type: 'string', default: 'postgres,redis' },
    json: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (args.help) {
  process.stdout.write(
    'usage: node packages/gateway/bench/cluster.bench.js [--duration s] [--warmup s] [--connections n] [--instances 1,2,3] [--rolling n] [--kills n] [--flood-limit A req/s] [--flood-window s] [--flood-windows n per phase] [--flood-steady B req/s] [--flood-rounds n (0: none)] [--flood-backends postgres,redis] [--check] [--json]\n' +
      `  --check also exits 1 when B errs or its p95 under A's flood exceeds ${FLOOD_TARGET}× B's p95 alone\n`,
  );
  process.exit(0);
}
if (spawnSync('haproxy', ['-v']).status !== 0) {
  process.stderr.write('cluster.bench: haproxy is not installed (apt-get install -y haproxy); skipped\n');
  process.exit(0);
}

const whole = (name, text, min = 0) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    process.stderr.write(`cluster.bench: --${name} must be a whole number ≥ ${min}, got "${text}"\n`);
    process.exit(2);
  }
  return value;
};
const config = {
  duration: whole('duration', args.duration, 1),
  warmup: whole('warmup', args.warmup, 1),
  connections: whole('connections', args.connections, 1),
  instances: args.instances.split(',').map((n) => whole('instances', n, 1)),
  rolling: whole('rolling', args.rolling),
  kills: whole('kills', args.kills),
  floodLimit: whole('flood-limit', args['flood-limit'], 1),
  floodWindow: whole('flood-window', args['flood-window'], 2),
  floodWindows: whole('flood-windows', args['flood-windows'], 1),
  floodSteady: whole('flood-steady', args['flood-steady'], 1),
  floodRounds: whole('flood-rounds', args['flood-rounds']),
  floodBackends: args['flood-backends'].split(',').map((b) => b.trim()),
};
for (const backend of config.floodBackends) {
  if (backend !== 'postgres' && backend !== 'redis') {
    process.stderr.write(`cluster.bench: unknown flood backend "${backend}" (postgres, redis)\n`);
    process.exit(2);
  }
}
const log = (text) => {
  if (!args.json) process.stderr.write(`${text}\n`);
};

const { freePort, startCluster } = await import('../../../deploy/cluster.mjs');
// The partner's webhook receiver for the kill cycles: its address is the partner's from the start.
const RECEIVER_PORT = await freePort();
const RECEIVER_URL = `http://127.0.0.1:${RECEIVER_PORT}/hooks`;
const { createAdminKey, createPartner, openStore } = await import('../dist/index.js');
const { default: autocannon } = await import('autocannon');
const pg = (await import('pg')).default;

const schema = `finlet_bench_cluster_${Date.now().toString(36)}`;
const env = Object.fromEntries(
  ['PARTNER', 'USER', 'CHAT_PARTNER', 'CHAT_USER', 'ADMIN', 'IP'].map((b) => [
    `FINLET_RATE_LIMIT_${b}`,
    UNLIMITED,
  ]),
);
// One signing key and one master key for every cluster of the run: the sessions minted once verify
// on each, and the secrets sealed by the first open on the next.
const masterKey = randomBytes(32).toString('base64');
const signingKey = String(
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
);
const cores = (await import('node:os')).availableParallelism();
const report = { cores, throughput: [], flood: [], rolling: undefined, kills: undefined };
const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
let store;
// An interrupted run stops what it started: no instance or HAProxy outlives it.
let current;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    Promise.resolve(current?.close())
      .catch(() => {})
      .finally(() => process.exit(130));
  });
}
try {
  await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  let seeded;
  for (const n of config.instances) {
    const cluster = await startCluster({
      instances: n,
      databaseUrl: PG_URL,
      schema,
      env,
      signingKey,
      masterKey,
      readyTimeoutMs: READY_TIMEOUT_MS,
    });
    current = cluster;
    try {
      store ??= await openStore({ databaseUrl: PG_URL, schema });
      seeded ??= await seed(cluster.url, store);
      const result = await measure(`${n} instance${n > 1 ? 's' : ''}`, cluster.url, seeded.tokens);
      report.throughput.push({ instances: n, ...result });
    } finally {
      await cluster.close();
    }
  }
  const base = report.throughput.find((t) => t.instances === 1) ?? report.throughput[0];
  for (const t of report.throughput)
    t.ratio = Math.round((t.requestsPerSecond / base.requestsPerSecond) * 100) / 100;

  if (config.floodRounds > 0) {
    for (const backend of config.floodBackends) {
      if (backend === 'redis' && !(await redisAnswers(REDIS_URL))) {
        log(`flood (redis): no Redis answers at ${REDIS_URL}; skipped`);
        report.flood.push({ backend, skipped: `no Redis at ${REDIS_URL}` });
        continue;
      }
      const cluster = await startCluster({
        instances: 3,
        databaseUrl: PG_URL,
        schema,
        env: {
          ...env,
          FINLET_REDIS_URL: backend === 'redis' ? REDIS_URL : '',
          // Both partners' clients are 127.0.0.1 here, where in production they are two addresses:
          // the per-client cap must not count them as one.
          FINLET_MAX_CONNECTIONS_PER_CLIENT: '100000',
        },
        signingKey,
        masterKey,
        readyTimeoutMs: READY_TIMEOUT_MS,
      });
      current = cluster;
      try {
        report.flood.push(await floodAcross(cluster, store, backend));
      } finally {
        await cluster.close();
      }
    }
  }

  if (config.rolling > 0) {
    const receiver = await startReceiver();
    const cluster = await startCluster({
      instances: 3,
      databaseUrl: PG_URL,
      schema,
      env: { ...env, FINLET_WEBHOOKS_ALLOW_LOOPBACK: '1' },
      signingKey,
      masterKey,
      readyTimeoutMs: READY_TIMEOUT_MS,
    });
    current = cluster;
    try {
      report.rolling = await rollingRestarts(cluster, store, receiver);
    } finally {
      await cluster.close();
      await receiver.close();
    }
  }

  if (config.kills > 0) {
    const receiver = await startReceiver();
    const cluster = await startCluster({
      instances: 3,
      databaseUrl: PG_URL,
      schema,
      env: { ...env, FINLET_WEBHOOKS_ALLOW_LOOPBACK: '1' },
      signingKey,
      masterKey,
      readyTimeoutMs: READY_TIMEOUT_MS,
    });
    current = cluster;
    try {
      report.kills = await killCycles(cluster, store, seeded, receiver);
    } finally {
      await cluster.close();
      await receiver.close();
    }
  }
} catch (error) {
  // What was measured before a failure is still reported, with the failure.
  report.error = error instanceof Error ? error.message : String(error);
  process.exitCode = 1;
} finally {
  await store?.close();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
  await admin.end();
}

if (args.json) process.stdout.write(`${JSON.stringify({ config, ...report }, null, 2)}\n`);
else {
  process.stdout.write(
    `\ncluster.bench on ${cores} cores (POST /v1/offers/match through HAProxy, ${config.connections} connections, ${config.duration} s)\n`,
  );
  for (const t of report.throughput) {
    process.stdout.write(
      `  ${t.instances} instance(s): ${t.requestsPerSecond} req/s (${Math.round((t.requestsPerSecond / cores) * 10) / 10} per core), p50 ${t.p50Ms} ms, p99 ${t.p99Ms} ms, ${t.failed} failed, ratio to 1 instance ${t.ratio}\n`,
    );
  }
  for (const f of report.flood) {
    if (f.skipped) {
      process.stdout.write(`  flood across 3 instances (${f.backend}): skipped, ${f.skipped}\n`);
      continue;
    }
    process.stdout.write(
      [
        `  flood across 3 instances, budgets in ${f.backend === 'redis' ? 'Redis' : 'PostgreSQL'}:`,
        `    A (open loop at ${f.floodPerSecond} req/s = 5× its limit of ${f.limitPerSecond} req/s, ${f.limit} per ${f.windowSeconds} s window; attained ${f.aPerSecond} req/s, ${f.aSkipped} not sent): ${f.accepted} accepted over ${f.windows} budget windows of ${f.limit} = ${f.acceptedShareOfLimit}× the limit (target 1 ± 0.1: ${f.budgetMet ? 'met' : 'NOT met'}; per phase ${f.rounds.map((r) => `${r.acceptedShareOfLimit}×`).join(' ')}), ${f.limited} refused 429, ${f.aErrors} other errors`,
        `    B (open loop at ${f.steadyPerSecond} req/s, ${f.bRequests} requests): ${f.bErrors} errors ${f.bErrors ? JSON.stringify(f.bErrorStatuses) : ''}(target 0: ${f.bErrors === 0 ? 'met' : 'NOT met'}); p95 alone ${f.bAloneP95} ms, flooded ${f.bFloodedP95} ms (pooled); per round alone→flooded ${f.rounds.map((r) => `${r.aloneP95}→${r.floodedP95} (${r.ratio}×)`).join(', ')}; median ratio ${f.ratio} (target ≤ ${FLOOD_TARGET}: ${f.met ? 'met' : 'NOT met'})`,
        '',
      ].join('\n'),
    );
  }
  if (report.rolling) {
    const r = report.rolling;
    process.stdout.write(
      [
        `  rolling restart of 3 instances × ${r.restarts} (SIGTERM, one at a time) under ${r.workers} application and ${r.chatters} chat clients:`,
        `    requests: ${r.requests} (${r.chats} chat messages); failed as a client following our retry rules sees them: ${r.failed}${r.failed ? ` (${r.failures.slice(0, 3).join('; ')})` : ''} (target 0)`,
        `    applications: ${r.acknowledged} acknowledged, ${r.lost} lost, ${r.doubled} keys applied twice, ${r.withoutEvent} without their outbox event`,
        `    webhooks: ${r.webhooks} events, ${r.webhooksMissing} never delivered, ${r.webhooksAgain} delivered more than once: ${r.webhooks - r.webhooksMissing - r.webhooksAgain} of ${r.webhooks} delivered exactly once (target all)`,
        '',
      ].join('\n'),
    );
  }
  if (report.kills) {
    const k = report.kills;
    const pct = (n, of) => `${of ? Math.round((n / of) * 10_000) / 100 : 0}%`;
    process.stdout.write(
      [
        `  kill -9 × ${k.kills} (one of 3 instances each time, started again) under an application load:`,
        `    requests: ${k.requests}; failed as a client following our retry rules sees them: ${k.failed} (${pct(k.failed, k.requests)});`,
        `      during failover (kill until back in rotation, ${k.failoverSeconds} s in all): ${k.failover.failed} of ${k.failover.requests} (${pct(k.failover.failed, k.failover.requests)}), outside it: ${k.steady.failed} of ${k.steady.requests} (${pct(k.steady.failed, k.steady.requests)})`,
        `      by endpoint: ${
          Object.entries(k.failedBy)
            .map(([what, n]) => `${what} ${n}`)
            .join(', ') || 'none'
        }; applications that needed a retry and got their answer: ${k.retriedOk}`,
        `    applications: ${k.acknowledged} acknowledged, ${k.lost} lost, ${k.doubled} keys applied twice, ${k.withoutEvent} without their outbox event, ${k.eventsDoubled} with two`,
        `    retried after recovery with the same Idempotency-Key: ${k.replayed.acknowledged} acknowledged keys, ${k.replayed.original} answered with their original application, ${k.replayed.wrong} otherwise; ${k.replayed.unacknowledged} keys whose attempt had failed: ${k.replayed.resolved} answered with exactly one application, ${k.replayed.stuck} stuck (409), ${k.replayed.unresolved} otherwise`,
        `    webhooks after recovery: ${k.webhooks} events, ${k.webhooksMissing} never delivered, ${k.webhooksInconsistent} redelivered with another body; processed exactly once by a receiver de-duplicating by webhook-id: ${k.webhooks - k.webhooksMissing - k.webhooksInconsistent} of ${k.webhooks}; raw redeliveries (sent again after a kill cut the recording of a delivery): ${k.webhooksAgain}`,
        '',
      ].join('\n'),
    );
  }
}
if (report.error) process.stdout.write(`  stopped early: ${report.error}\n`);
if (
  report.rolling &&
  (report.rolling.failed > 0 ||
    report.rolling.lost > 0 ||
    report.rolling.doubled > 0 ||
    report.rolling.withoutEvent > 0 ||
    report.rolling.webhooksMissing > 0 ||
    report.rolling.webhooksAgain > 0)
) {
  process.exitCode = 1;
}
if (
  report.kills &&
  (report.kills.lost > 0 ||
    report.kills.doubled > 0 ||
    report.kills.withoutEvent > 0 ||
    report.kills.eventsDoubled > 0 ||
    report.kills.replayed.wrong > 0 ||
    report.kills.replayed.stuck > 0 ||
    report.kills.replayed.unresolved > 0 ||
    report.kills.webhooksMissing > 0 ||
    report.kills.webhooksInconsistent > 0)
) {
  process.exitCode = 1;
}
// The budget and B's errors are correctness figures and fail the run; B's latency depends on the
// machine's load, so it fails it only under --check, as in rate-limits.bench.js.
if (report.flood.some((f) => !f.skipped && (!f.budgetMet || f.bErrors > 0 || (args.check && !f.met)))) {
  process.exitCode = 1;
}

/** Admin keys, one partner, the offers (through the admin API, as a product team publishes), sessions. */
async function seed(url, store) {
  const author = await createAdminKey(store, { name: 'Bench author', role: 'author' });
  const approver = await createAdminKey(store, { name: 'Bench approver', role: 'approver' });
  // The kill cycles count the webhooks this partner receives; until its receiver runs, the
  // deliveries wait in the outbox (the throughput runs create no application).
  const partner = await createPartner(store, {
    name: 'Bench SCF',
    scenarios: ['supply-chain'],
    webhookUrl: RECEIVER_URL,
  });
  const call = async (key, path, body) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  };
  for (let i = 0; i < 30; i++) {
    const offer = benchOffer(i);
    const base = `/v1/admin/offers/${offer.id}/versions/1`;
    await call(author.apiKey, '/v1/admin/offers', offer);
    await call(author.apiKey, `${base}/submit`);
    await call(approver.apiKey, `${base}/approve`);
    await call(approver.apiKey, `${base}/publish`);
  }
  // Distinct sessions with varied signals: nothing is reused between requests.
  const tokens = [];
  for (let i = 0; i < 100; i++) {
    const minted = await call(partner.secretKey, '/v1/embed-sessions', session(`bench-merchant-${i}`, i));
    tokens.push(minted.token);
  }
  return { tokens, partnerKey: partner.secretKey, partnerId: partner.partner.id };
}

function session(userId, i) {
  return {
    userId,
    scenario: 'supply-chain',
    ttlSeconds: 900,
    signals: {
      'business.age_months': 6 + (i % 60),
      'business.annual_revenue_cny': 500_000 + i * 25_000,
      'inventory.turnover_days': 20 + (i % 70),
      'user.verified': true,
      'user.credit_tier': i % 3 ? 'A' : 'B',
    },
  };
}

async function measure(name, url, tokens) {
  let next = 0;
  const request = {
    url: `${url}/v1/offers/match`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ amount: { value: 5_000_000, currency: 'CNY' }, termMonths: 6 }),
    connections: config.connections,
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` },
        }),
      },
    ],
  };
  log(`${name}: warming up for ${config.warmup} s…`);
  await autocannon({ ...request, duration: config.warmup });
  log(`${name}: measuring for ${config.duration} s…`);
  const result = await autocannon({ ...request, duration: config.duration });
  // Answers that are not 200 (an instance HAProxy took out on a slow health check, on a loaded
  // machine) are reported, and not counted as throughput.
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) log(`${name}: ${failed} failed (${JSON.stringify(result.statusCodeStats)})`);
  return {
    requestsPerSecond: Math.round((result.requests.total - result.non2xx) / config.duration),
    failed,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

/**
 * One request as @finlet/client sends it: a retry-safe one (with an Idempotency-Key, or marked so, as
 * the client marks the offers' match) is retried on a network error or RETRIED.
 */
async function send(base, path, auth, body, idempotencyKey, retrySafe = idempotencyKey !== undefined) {
  for (let tries = 1; ; tries++) {
    try {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${auth}`,
          'content-type': 'application/json',
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
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
        tries,
        replayed: response.headers.get('idempotent-replayed') === 'true',
      };
    } catch (error) {
      if (retrySafe && tries <= RETRIES) {
        await backoff(tries);
        continue;
      }
      return { status: 0, body: { error: String(error) }, tries, replayed: false };
    }
  }
}

/** Whether Redis answers PING at `url` (the flood on Redis is skipped otherwise). */
async function redisAnswers(url) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * A steady application + chat load while every instance is stopped gracefully (SIGTERM) and started
 * again, one at a time, `config.rolling` times; then the rows counted and the outbox compared with
 * what the receiver got. Its own partner, so its webhooks are counted apart from the kill cycles'.
 */
async function rollingRestarts(cluster, store, receiver) {
  const partner = await createPartner(store, {
    name: 'Bench SCF (rolling)',
    scenarios: ['supply-chain'],
    webhookUrl: RECEIVER_URL,
  });
  const WORKERS = 4;
  const CHATTERS = 2;
  const failures = [];
  const acknowledged = new Map();
  let requests = 0;
  let chats = 0;
  let stopped = false;
  const waiters = [];
  const check = (what, outcome, expected) => {
    requests++;
    const ok = outcome.status === expected;
    if (!ok) failures.push(`${what}: ${outcome.status} ${JSON.stringify(outcome.body).slice(0, 200)}`);
    for (const w of [...waiters]) if (requests >= w.at) w.resolve();
    return ok;
  };
  const progress = (more) =>
    new Promise((resolve, reject) => {
      const waiter = { at: requests + more, resolve: () => {} };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`rolling restart: no progress of ${more} requests within 120 s`));
      }, 120_000);
      waiter.resolve = () => {
        clearTimeout(timer);
        waiters.splice(waiters.indexOf(waiter), 1);
        resolve();
      };
      waiters.push(waiter);
    });
  const mint = (userId, i) => send(cluster.url, '/v1/embed-sessions', partner.secretKey, session(userId, i));
  const worker = async (n) => {
    for (let round = 0; !stopped; round++) {
      const minted = await mint(`rolling-merchant-${n}-${round}`, n * 50 + round);
      if (!check('session', minted, 201)) continue;
      const token = String(minted.body.token);
      const match = await send(
        cluster.url,
        '/v1/offers/match',
        token,
        { amount: { value: 5_000_000, currency: 'CNY' }, termMonths: 6 },
        undefined,
        true,
      );
      if (!check('match', match, 200)) continue;
      const best = match.body.matches.find((m) => m.eligible);
      if (!best) continue;
      const consent = await send(cluster.url, '/v1/consents', token, {
        scopes: ['application.submit'],
        purpose: 'loan_application',
      });
      if (!check('consent', consent, 201)) continue;
      const key = `rolling-${n}-${round}`;
      const application = await send(
        cluster.url,
        '/v1/applications',
        token,
        {
          offerId: best.offer.id,
          amount: { value: 5_000_000, currency: 'CNY' },
          termMonths: 6,
          purpose: key,
          applicant: { name: '陈晓明' },
          consentIds: [consent.body.id],
        },
        key,
      );
      if (check('application', application, 201)) acknowledged.set(key, String(application.body.id));
    }
  };
  // A question and a follow-up in the same conversation, which any instance continues. The client
  // never retries a chat message: each must be answered in full, to its `done` part.
  const chatter = async (n) => {
    for (let round = 0; !stopped; round++) {
      const minted = await mint(`rolling-chatter-${n}-${round}`, n + round);
      if (!check('session', minted, 201)) continue;
      let conversationId;
      for (const text of ['我想借20万进货', '利率是多少？']) {
        const answer = await sendText(cluster.url, '/v1/chat/messages', String(minted.body.token), {
          text,
          ...(conversationId ? { conversationId } : {}),
        });
        chats++;
        if (!check('chat', answer, 200)) break;
        const done = lastDone(answer.text);
        if (!done) {
          failures.push(`chat ended without done: ${answer.text.slice(-200)}`);
          break;
        }
        conversationId = done.conversationId;
      }
    }
  };
  const running = Promise.all([
    ...Array.from({ length: WORKERS }, (_, n) => worker(n)),
    ...Array.from({ length: CHATTERS }, (_, n) => chatter(n)),
  ]);
  try {
    await progress(30);
    for (let restart = 0; restart < config.rolling; restart++) {
      log(`rolling restart ${restart + 1}/${config.rolling} of 3 instances under load…`);
      await cluster.rollingRestart();
      await progress(30);
    }
  } finally {
    stopped = true;
    await running;
  }

  const rows = await store.pool.query(
    `SELECT id, body::jsonb->>'purpose' AS purpose FROM applications WHERE body::jsonb->>'purpose' LIKE 'rolling-%'`,
  );
  const byKey = new Map();
  for (const row of rows.rows) byKey.set(row.purpose, [...(byKey.get(row.purpose) ?? []), row.id]);
  const events = await store.pool.query(
    `SELECT payload::jsonb->'data'->>'id' AS id FROM outbox_events WHERE type = 'application.created'`,
  );
  const evented = new Set(events.rows.map((r) => r.id));
  const deadline = Date.now() + 300_000;
  for (;;) {
    const open = await store.pool.query(
      `SELECT count(*) AS n FROM webhook_deliveries WHERE partner_id = $1 AND status <> 'delivered'`,
      [partner.partner.id],
    );
    if (Number(open.rows[0].n) === 0 || Date.now() > deadline) break;
    await receiver.next(1000);
  }
  const outbox = await store.pool.query(`SELECT id FROM outbox_events WHERE partner_id = $1`, [
    partner.partner.id,
  ]);
  return {
    restarts: config.rolling,
    workers: WORKERS,
    chatters: CHATTERS,
    requests,
    chats,
    failed: failures.length,
    failures,
    acknowledged: acknowledged.size,
    lost: [...acknowledged].filter(([key, id]) => !byKey.get(key)?.includes(id)).length,
    doubled: [...byKey.values()].filter((ids) => ids.length > 1).length,
    withoutEvent: rows.rows.filter((r) => !evented.has(r.id)).length,
    webhooks: outbox.rows.length,
    webhooksMissing: outbox.rows.filter((r) => !receiver.ids.has(r.id)).length,
    webhooksAgain: outbox.rows.filter((r) => (receiver.ids.get(r.id) ?? 0) > 1).length,
  };
}

/** A chat message, answered as a stream: never retried (@finlet/client does not retry it). */
async function sendText(base, path, auth, body) {
  try {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : {}, text };
  } catch (error) {
    return { status: 0, body: { error: String(error) }, text: '' };
  }
}

/** The `done` part that ends a chat answer's stream, when it is the last event. */
function lastDone(text) {
  const blocks = text.split('\n\n').filter((b) => b.trim());
  const data = blocks
    .at(-1)
    ?.split('\n')
    .find((l) => l.startsWith('data: '));
  if (!data) return undefined;
  const part = JSON.parse(data.slice(6));
  return part.type === 'done' ? part : undefined;
}

/**
 * Applications under load while instances are killed one after another and started again; then
 * every key retried, the rows counted and the outbox compared with what the receiver got.
 */
async function killCycles(cluster, store, seeded, receiver) {
  /** Every application key: its user, body and the answer its client finally got. */
  const keys = new Map();
  const failedBy = {};
  const phases = { failover: { requests: 0, failed: 0 }, steady: { requests: 0, failed: 0 } };
  let failingOver = false;
  let failoverMs = 0;
  let requests = 0;
  let retriedOk = 0;
  let stopped = false;
  const waiters = [];
  const count = (what, ok) => {
    requests++;
    const phase = failingOver ? phases.failover : phases.steady;
    phase.requests++;
    if (!ok) {
      phase.failed++;
      failedBy[what] = (failedBy[what] ?? 0) + 1;
    }
    for (const w of [...waiters]) if (requests >= w.at) w.resolve();
  };
  const progress = (more) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no progress of ${more} requests within 120 s`)),
        120_000,
      );
      waiters.push({
        at: requests + more,
        resolve: () => {
          clearTimeout(timer);
          waiters.splice(
            waiters.findIndex((w) => w.resolve === resolve),
            1,
          );
          resolve();
        },
      });
    });
  // Sessions last 15 min at most and a loaded machine's run may last longer: each user's session
  // is minted again after 5 min, as a partner's server would (a failed mint counts as a failure).
  const sessions = new Map();
  const tokenFor = async (user) => {
    const held = sessions.get(user);
    if (held && Date.now() - held.at < 300_000) return held.token;
    const minted = await send(
      cluster.url,
      '/v1/embed-sessions',
      seeded.partnerKey,
      session(`bench-merchant-${user}`, user),
    );
    count('session', minted.status === 201);
    if (minted.status !== 201) return undefined;
    sessions.set(user, { token: String(minted.body.token), at: Date.now() });
    return String(minted.body.token);
  };
  const worker = async (n) => {
    for (let round = 0; !stopped; round++) {
      const user = (n * 50 + round) % 100;
      const token = await tokenFor(user);
      if (!token) continue;
      const match = await send(
        cluster.url,
        '/v1/offers/match',
        token,
        { amount: { value: 5_000_000, currency: 'CNY' }, termMonths: 6 },
        undefined,
        true,
      );
      count('match', match.status === 200);
      const best = match.status === 200 && match.body.matches.find((m) => m.eligible);
      if (!best) continue;
      const consent = await send(cluster.url, '/v1/consents', token, {
        scopes: ['application.submit'],
        purpose: 'loan_application',
      });
      count('consent', consent.status === 201);
      if (consent.status !== 201) continue;
      const key = `killed-${n}-${round}`;
      const body = {
        offerId: best.offer.id,
        amount: { value: 5_000_000, currency: 'CNY' },
        termMonths: 6,
        purpose: key,
        applicant: { name: '陈晓明' },
        consentIds: [consent.body.id],
      };
      const application = await send(cluster.url, '/v1/applications', token, body, key);
      count('application', application.status === 201);
      if (application.status === 201 && application.tries > 1) retriedOk++;
      keys.set(key, {
        user,
        body,
        status: application.status,
        id: application.status === 201 ? String(application.body.id) : undefined,
      });
    }
  };
  const running = Promise.all(Array.from({ length: 4 }, (_, n) => worker(n)));
  await progress(20);
  for (let kill = 0; kill < config.kills; kill++) {
    const index = kill % cluster.instances.length;
    log(`kill -9 ${kill + 1}/${config.kills}: ${cluster.instances[index].name}`);
    const from = performance.now();
    failingOver = true;
    await cluster.kill(index);
    await progress(10);
    await cluster.start(index);
    failingOver = false;
    failoverMs += performance.now() - from;
  }
  await progress(20);
  stopped = true;
  await running;

  // Every key retried as a client would after the crashes (a killed instance's claim lease lapses
  // within seconds; `idempotency_in_progress` until then is retried): an acknowledged key answers
  // its original application, and a key whose attempt failed answers with exactly one.
  const replayed = {
    acknowledged: 0,
    original: 0,
    wrong: 0,
    unacknowledged: 0,
    resolved: 0,
    stuck: 0,
    unresolved: 0,
  };
  const replies = new Map();
  const pending = [...keys];
  const replay = async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      const [key, attempt] = next;
      let answer;
      for (const started = Date.now(); ; ) {
        const token = await tokenFor(attempt.user);
        answer = token
          ? await send(cluster.url, '/v1/applications', token, attempt.body, key)
          : { status: 0, body: {}, replayed: false };
        if (answer.status !== 409 || answer.body.code !== 'idempotency_in_progress') break;
        if (Date.now() - started > 30_000) break;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      replies.set(key, answer);
    }
  };
  await Promise.all(Array.from({ length: 4 }, replay));

  const rows = await store.pool.query(
    `SELECT id, body::jsonb->>'purpose' AS purpose FROM applications WHERE body::jsonb->>'purpose' LIKE 'killed-%'`,
  );
  const byKey = new Map();
  for (const row of rows.rows) byKey.set(row.purpose, [...(byKey.get(row.purpose) ?? []), row.id]);
  for (const [key, attempt] of keys) {
    const answer = replies.get(key);
    const stored = byKey.get(key) ?? [];
    if (attempt.id) {
      replayed.acknowledged++;
      if (answer.status === 201 && String(answer.body.id) === attempt.id && answer.replayed)
        replayed.original++;
      else replayed.wrong++;
    } else {
      replayed.unacknowledged++;
      if (answer.status === 409 && answer.body.code === 'idempotency_in_progress') replayed.stuck++;
      else if (answer.status === 201 && stored.length === 1 && stored[0] === String(answer.body.id))
        replayed.resolved++;
      else replayed.unresolved++;
    }
  }
  const events = await store.pool.query(
    `SELECT payload::jsonb->'data'->>'id' AS id FROM outbox_events WHERE type = 'application.created'`,
  );
  const eventsPer = new Map();
  for (const r of events.rows) eventsPer.set(r.id, (eventsPer.get(r.id) ?? 0) + 1);
  // After recovery: every delivery done (a killed instance's claims are taken over when their
  // lease lapses), then the outbox compared with what the receiver got, by webhook-id.
  const deadline = Date.now() + 300_000;
  for (;;) {
    const open = await store.pool.query(
      `SELECT count(*) AS n FROM webhook_deliveries WHERE partner_id = $1 AND status <> 'delivered'`,
      [seeded.partnerId],
    );
    if (Number(open.rows[0].n) === 0) break;
    if (Date.now() > deadline) break;
    await receiver.next(1000);
  }
  const outbox = await store.pool.query(`SELECT id FROM outbox_events WHERE partner_id = $1`, [
    seeded.partnerId,
  ]);
  const acknowledged = [...keys].filter(([, a]) => a.id);
  return {
    kills: config.kills,
    requests,
    failed: phases.failover.failed + phases.steady.failed,
    failover: phases.failover,
    steady: phases.steady,
    failoverSeconds: Math.round(failoverMs / 1000),
    failedBy,
    retriedOk,
    acknowledged: acknowledged.length,
    lost: acknowledged.filter(([key, a]) => !byKey.get(key)?.includes(a.id)).length,
    doubled: [...byKey.values()].filter((ids) => ids.length > 1).length,
    withoutEvent: rows.rows.filter((r) => !eventsPer.has(r.id)).length,
    eventsDoubled: rows.rows.filter((r) => (eventsPer.get(r.id) ?? 0) > 1).length,
    replayed,
    webhooks: outbox.rows.length,
    webhooksMissing: outbox.rows.filter((r) => !receiver.ids.has(r.id)).length,
    webhooksInconsistent: [...receiver.bodies.values()].filter((bodies) => bodies.size > 1).length,
    webhooksAgain: [...receiver.ids.values()].filter((n) => n > 1).length,
  };
}

function benchOffer(i) {
  const yuan = (n) => ({ value: n * 100, currency: 'CNY' });
  const min = 10_000 * (1 + (i % 5));
  const signals = [
    ['business.age_months', 'gte', 6 + (i % 24)],
    ['business.annual_revenue_cny', 'gte', 500_000 * (1 + (i % 8))],
    ['inventory.turnover_days', 'gte', 30 + (i % 40)],
    ['user.credit_tier', 'in', i % 2 ? ['A', 'B'] : ['A']],
    ['user.verified', 'eq', true],
  ];
  const criteria = [0, 1].map((k) => {
    const [signal, op, value] = signals[(i + k * 3) % signals.length];
    return { id: `rule-${k}`, signal, op, value, label: { 'zh-CN': `条件 ${k + 1}`, en: `Rule ${k + 1}` } };
  });
  return {
    id: `bench-offer-${String(i).padStart(3, '0')}`,
    productType: i % 2 ? 'inventory_financing' : 'business_loan',
    scenarios: ['supply-chain'],
    currency: 'CNY',
    amount: { min: yuan(min), max: yuan(min * 50) },
    termMonths: { min: 3, max: 12 + (i % 4) * 12 },
    pricing: {
      apr: { min: 300 + (i % 10) * 20, max: 900 + (i % 10) * 40 },
      fees: [
        {
          id: 'service',
          kind: 'service',
          rateBps: 10 + (i % 5) * 10,
          label: { 'zh-CN': '服务费', en: 'Service fee' },
        },
      ],
    },
    texts: {
      'zh-CN': { name: `测试产品 ${i}`, tagline: '基准测试用的产品', highlights: ['随借随还'] },
      en: {
        name: `Bench product ${i}`,
        tagline: 'A product for the benchmark',
        highlights: ['Repay any time'],
      },
    },
    disclosures: [{ 'zh-CN': '贷款有风险，借款需谨慎。', en: 'Borrow only what you can repay.' }],
    eligibility: criteria,
    effective: { from: '2026-01-01T00:00:00Z' },
    priority: 30 + (i % 40),
  };
}

/** A partner's webhook endpoint on 127.0.0.1 counting what it receives by webhook-id. */
async function startReceiver() {
  const ids = new Map();
  /** Per webhook-id, the digests of the bodies received: a redelivery must carry the same one. */
  const bodies = new Map();
  const waiters = new Set();
  const server = createServer((req, res) => {
    const digest = createHash('sha256');
    req.on('data', (chunk) => digest.update(chunk));
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      ids.set(id, (ids.get(id) ?? 0) + 1);
      bodies.set(id, (bodies.get(id) ?? new Set()).add(digest.digest('hex')));
      res.writeHead(204).end();
      for (const wake of waiters) wake();
    });
  });
  await new Promise((resolve) => server.listen(RECEIVER_PORT, '127.0.0.1', resolve));
  return {
    ids,
    bodies,
    /** Resolves on the next webhook, or after `ms`. */
    next: (ms) =>
      new Promise((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        waiters.add(wake);
      }),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Partner A floods offers/match at 5× its budget, in an open loop from another process (one
 * request every 1/(5 × limit) s on a fixed schedule, whatever the answers take), through HAProxy to
 * the three instances, while partner B sends a steady open-loop load from here throughout. Phases of
 * B alone and B with A flooding alternate in the same run (a drift of the shared machine's load
 * lands on both sides). A's budget is `limit` requests per `windowSeconds`; each flooded phase
 * lasts `windowsPerPhase` windows less half a second, and each phase B is alone outlasts a window,
 * so every flooded phase opens a fresh window and spends exactly `windowsPerPhase` of them: A's
 * accepted requests per window are compared with its limit (shared by the instances: ±10%).
 */
async function floodAcross(cluster, store, backend) {
  const windowSeconds = config.floodWindow;
  const windowsPerPhase = config.floodWindows;
  const limit = config.floodLimit * windowSeconds;
  const floodPerSecond = config.floodLimit * 5;
  // Half a second short of its last window's end: a late start of the store's windows (one request
  // interval each) or a slow answer cannot reach into one more.
  const phaseSeconds = windowsPerPhase * windowSeconds - 0.5;
  const budget = { limit, windowSeconds };
  const a = await createPartner(store, {
    name: `Flooding partner (${backend})`,
    scenarios: ['supply-chain'],
    rateLimits: { partner: budget, user: budget },
  });
  const b = await createPartner(store, { name: `Steady partner (${backend})`, scenarios: ['supply-chain'] });
  const mint = async (partner, userId) => {
    const minted = await send(cluster.url, '/v1/embed-sessions', partner.secretKey, session(userId, 7));
    if (minted.status !== 201)
      throw new Error(`embed session: ${minted.status} ${JSON.stringify(minted.body)}`);
    return String(minted.body.token);
  };
  const [tokenA, tokenB] = [await mint(a, 'flooder'), await mint(b, 'steady')];
  const body = JSON.stringify({ amount: { value: 5_000_000, currency: 'CNY' }, termMonths: 6 });
  // Open loop; the in-flight cap is a safety net (a request due over it is counted, not sent late).
  const flooder = await startFlooder(`${cluster.url}/v1/offers/match`, tokenA, {
    rate: floodPerSecond,
    connections: 512,
    body,
  });
  const answers = [];
  const steady = startSteady(`${cluster.url}/v1/offers/match`, tokenB, body, config.floodSteady, (x) =>
    answers.push(x),
  );
  const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  try {
    log(`flood (${backend}): warming up…`);
    // A's session cost one request of its budget, and the warm-up's flood spends a window; both
    // have lapsed before the first measured phase.
    await flooder.run(windowSeconds);
    await sleep(Math.max(config.warmup, windowSeconds + 1));
    answers.length = 0;
    const phases = [];
    for (let round = 1; round <= config.floodRounds; round++) {
      log(
        `flood (${backend}), round ${round}/${config.floodRounds}: B alone, then A flooding at ${floodPerSecond} req/s…`,
      );
      for (const flooded of [false, true]) {
        const start = performance.now();
        const spent = flooded ? await flooder.run(phaseSeconds) : await sleep(phaseSeconds);
        phases.push({ round, flooded, start, end: performance.now(), a: spent });
      }
    }
    await steady.stop();
    const inPhase = (p) => answers.filter((x) => x.sentAt >= p.start + 250 && x.sentAt < p.end);
    const p95 = (ps) =>
      percentile(
        ps
          .flatMap(inPhase)
          .filter((x) => x.status === 200)
          .map((x) => x.ms),
        0.95,
      );
    const flooded = phases.filter((p) => p.flooded);
    const rounds = flooded.map((f) => {
      const alone = phases.find((p) => p.round === f.round && !p.flooded);
      return {
        aloneP95: p95([alone]),
        floodedP95: p95([f]),
        ratio: Math.round((p95([f]) / p95([alone])) * 100) / 100,
        accepted: f.a.ok,
        acceptedShareOfLimit: Math.round((f.a.ok / (limit * windowsPerPhase)) * 100) / 100,
        aPerSecond: Math.round((f.a.requests / f.a.seconds) * 10) / 10,
      };
    });
    const sum = (key) => flooded.reduce((total, p) => total + p.a[key], 0);
    const accepted = sum('ok');
    const acceptedShareOfLimit =
      Math.round((accepted / (limit * windowsPerPhase * flooded.length)) * 100) / 100;
    const ratio = median(rounds.map((r) => r.ratio));
    const errors = answers.filter((x) => x.status !== 200);
    return {
      backend,
      limitPerSecond: config.floodLimit,
      floodPerSecond,
      steadyPerSecond: config.floodSteady,
      limit,
      windowSeconds,
      windows: windowsPerPhase * flooded.length,
      accepted,
      acceptedShareOfLimit,
      budgetMet: Math.abs(acceptedShareOfLimit - 1) <= 0.1,
      aPerSecond: Math.round((sum('requests') / sum('seconds')) * 10) / 10,
      limited: sum('limited'),
      aErrors: sum('errors'),
      aSkipped: sum('skipped'),
      bAloneP95: p95(phases.filter((p) => !p.flooded)),
      bFloodedP95: p95(flooded),
      rounds,
      bRequests: answers.length,
      bErrors: errors.length,
      // Which answers B's errors were (0: no answer; a 503 is HAProxy with no instance in rotation).
      bErrorStatuses: errors.reduce((all, x) => {
        const key = x.status === 0 ? `0 ${x.error ?? 'no answer'} after ${Math.round(x.ms)} ms` : x.status;
        all[key] = (all[key] ?? 0) + 1;
        return all;
      }, {}),
      ratio,
      met: ratio <= FLOOD_TARGET,
    };
  } finally {
    await steady.stop();
    flooder.stop();
  }
}
