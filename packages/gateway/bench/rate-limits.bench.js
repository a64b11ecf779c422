// Benchmark: one partner flooding must not slow another. Partner A floods POST /v1/offers/match at
// 5× its rate limit while partner B sends a steady load; B's p95 latency is compared with B's p95
// measured alone, in the same run, against the same gateway. Run after the build:
//   pnpm bench   (or: node packages/gateway/bench/rate-limits.bench.js --backends sqlite,postgres,redis)
// The gateway runs in a child process so the load generator never shares its event loop.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, percentile, round, startFlooder } from './support.js';

const TARGET_RATIO = 1.5;
const OFFER_COUNT = 100;
const PG_URL = process.env.FINLET_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.FINLET_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MATCH_BODY = JSON.stringify({ amount: { value: 5_000_000, currency: 'CNY' }, termMonths: 6 });

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '3' },
    // Partner A's budget in requests per second; it floods at 5× this.
    limit: { type: 'string', default: '20' },
    // Partner B's steady rate, requests per second.
    steady: { type: 'string', default: '40' },
    backends: { type: 'string', default: 'sqlite,postgres' },
    rounds: { type: 'string', default: '5' },
    'skip-unlimited': { type: 'boolean', default: false },
    url: { type: 'string' },
    token: { type: 'string' },
    rate: { type: 'string' },
    json: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    role: { type: 'string' },
    backend: { type: 'string' },
    'a-limit': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (args.role === 'gateway') await serveGateway();
else if (args.role === 'flood') await flood();
else await runBenchmark();

function positive(name, text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`rate-limits.bench: --${name} must be a positive whole number, got "${text}"\n`);
    process.exit(2);
  }
  return value;
}

async function runBenchmark() {
  if (args.help) {
    process.stdout.write(
      'usage: node packages/gateway/bench/rate-limits.bench.js [--duration s] [--warmup s] [--limit A req/s] [--steady B req/s] [--backends sqlite,postgres,redis] [--skip-unlimited] [--json] [--check]\n' +
        `  --check exits 1 when B's p95 under A's flood exceeds ${TARGET_RATIO}× B's p95 alone\n` +
        '  --skip-unlimited skips the contrast run with rate limits off (what a flood did before)\n',
    );
    return;
  }
  const { default: autocannon } = await import('autocannon');
  const config = {
    duration: positive('duration', args.duration),
    warmup: positive('warmup', args.warmup),
    limitPerSecond: positive('limit', args.limit),
    steadyPerSecond: positive('steady', args.steady),
    rounds: positive('rounds', args.rounds),
  };
  const floodPerSecond = config.limitPerSecond * 5;
  const backends = args.backends.split(',').map((b) => b.trim());
  for (const backend of backends) {
    if (!['sqlite', 'postgres', 'redis'].includes(backend)) {
      process.stderr.write(`rate-limits.bench: unknown backend "${backend}" (sqlite, postgres, redis)\n`);
      process.exit(2);
    }
  }
  const log = (text) => {
    if (!args.json) process.stderr.write(`${text}\n`);
  };

  /** Runs B's steady load here (and A's flood from another process when `flood`). */
  const phase = async (server, { flood = undefined, duration }) => {
    const latencies = [];
    let bErrors = 0;
    const steady = autocannon({
      url: `${server.url}/v1/offers/match`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.tokenB}` },
      body: MATCH_BODY,
      connections: 8,
      overallRate: config.steadyPerSecond,
      duration,
    });
    steady.on('response', (_client, status, _bytes, responseTime) => {
      if (status === 200) latencies.push(responseTime);
      else bErrors++;
    });
    // The flood's load generator has its own process: its work must not delay B's clock here.
    const flooding = flood ? flood.run(duration) : undefined;
    const [b, a] = await Promise.all([steady, flooding]);
    return {
      b: { p95: percentile(latencies, 0.95), ok: latencies.length, errors: bErrors + b.errors + b.timeouts },
      a,
    };
  };

  // Alone and flooded alternate for several rounds, and the medians are compared: on a shared machine
  // the background load drifts, and a drift would otherwise land on one side of the ratio.
  const measure = async (backend, limited) => {
    const server = await startChild(backend, limited ? config.limitPerSecond : 0);
    let flooder;
    try {
      const name = `${backend}${limited ? '' : ', rate limits off'}`;
      // Started once and told when to flood, so every flooded phase floods from its first second.
      flooder = await startFlooder(`${server.url}/v1/offers/match`, server.tokenA, floodPerSecond);
      log(`${name}: warming up…`);
      await phase(server, { duration: config.warmup });
      const alone = [];
      const flooded = [];
      for (let round = 1; round <= config.rounds; round++) {
        log(
          `${name}, round ${round}/${config.rounds}: B alone, then with A flooding, ${config.duration} s each…`,
        );
        alone.push(await phase(server, { duration: config.duration }));
        flooded.push(await phase(server, { flood: flooder, duration: config.duration }));
      }
      const bAlone = median(alone.map((p) => p.b.p95));
      const bFlooded = median(flooded.map((p) => p.b.p95));
      const a = flooded.map((p) => p.a);
      const total = (key) => a.reduce((sum, x) => sum + x[key], 0);
      return {
        backend,
        rateLimits: limited,
        bAloneP95: bAlone,
        bFloodedP95: bFlooded,
        bRoundsP95: { alone: alone.map((p) => p.b.p95), flooded: flooded.map((p) => p.b.p95) },
        bErrors:
          flooded.reduce((sum, p) => sum + p.b.errors, 0) + alone.reduce((sum, p) => sum + p.b.errors, 0),
        ratio: round(bFlooded / bAlone),
        a: {
          requests: total('requests'),
          limited: total('limited'),
          allowed: total('ok'),
          errors: total('errors'),
          limitedShare: round(total('limited') / Math.max(1, total('requests'))),
        },
      };
    } finally {
      flooder?.stop();
      await server.stop();
    }
  };

  const results = [];
  for (const backend of backends) results.push(await measure(backend, true));
  const contrast = !args['skip-unlimited'] ? await measure(backends[0], false) : undefined;
  const met = results.every((r) => r.ratio <= TARGET_RATIO && r.bErrors === 0);

  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ endpoint: 'POST /v1/offers/match', config: { ...config, floodPerSecond }, results, contrast, target: TARGET_RATIO, met }, null, 2)}\n`,
    );
  } else {
    const row = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(22) : cell.padStart(11))).join(' ');
    const line = (r) =>
      row([
        `${r.backend}${r.rateLimits ? '' : ' (no limits)'}`,
        String(r.bAloneP95),
        String(r.bFloodedP95),
        `${r.ratio.toFixed(2)}×`,
        String(r.bErrors),
        `${Math.round(r.a.limitedShare * 100)}%`,
        String(r.a.allowed),
      ]);
    process.stdout.write(
      [
        `POST /v1/offers/match, ${OFFER_COUNT} offers; B steady at ${config.steadyPerSecond} req/s; A floods at ${floodPerSecond} req/s = 5× its limit of ${config.limitPerSecond} req/s; ${config.rounds} rounds of ${config.duration} s alone + ${config.duration} s flooded; p95 in ms, median of the rounds`,
        row(['', 'B p95 alone', 'B p95 flood', 'ratio', 'B errors', 'A 429 share', 'A allowed']),
        ...results.map(line),
        ...(contrast ? [line(contrast)] : []),
        `B's p95 under A's flood within ${TARGET_RATIO}× of B alone (and no B errors): ${met ? 'met' : 'NOT met'}`,
        '',
      ].join('\n'),
    );
  }
  if (args.check && !met) process.exitCode = 1;
}

/** Floods A's endpoint at a fixed rate for each `{ duration }` it is sent, answering with what it got back. */
async function flood() {
  const { default: autocannon } = await import('autocannon');
  process.on('message', async ({ duration }) => {
    const result = await autocannon({
      url: args.url,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${args.token}` },
      body: MATCH_BODY,
      connections: 32,
      overallRate: Number(args.rate),
      duration,
    });
    process.send({
      requests: result.requests.total,
      limited: result.statusCodeStats['429']?.count ?? 0,
      ok: result['2xx'],
      errors: result.errors + result.timeouts,
    });
  });
  process.send({ ready: true });
}

/** Forks this script as the gateway and waits for its `{ url, tokenA, tokenB }` message. */
function startChild(backend, aLimit) {
  const child = fork(
    fileURLToPath(import.meta.url),
    ['--role=gateway', `--backend=${backend}`, `--a-limit=${aLimit}`],
    {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`gateway (${backend}) exited with ${code} before it was ready`)),
    );
    child.once('message', (message) => {
      child.removeAllListeners('exit');
      resolve({
        ...message,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

async function serveGateway() {
  const { createAdminKey, createPartner, openStore, startGateway } = await import('../dist/index.js');
  const backend = args.backend;
  const aLimit = Number(args['a-limit']);
  let store;
  let cleanup;
  const schema = `finlet_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  if (backend === 'postgres') {
    store = await openStore({ databaseUrl: PG_URL, schema });
    cleanup = async () => {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'finlet-rate-bench-'));
    store = await openStore({ dataDir });
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  await store.migrate();
  const author = await createAdminKey(store, { name: 'Bench author', role: 'author' });
  const approver = await createAdminKey(store, { name: 'Bench approver', role: 'approver' });
  const perSecond = (limit) => ({ limit, windowSeconds: 1 });
  // A's budget is its own (per partner and per user, so the flood meets the partner limit); B keeps
  // the defaults, which no load here reaches.
  const partnerA = await createPartner(store, {
    name: 'Flooding partner',
    scenarios: ['supply-chain'],
    ...(aLimit > 0 ? { rateLimits: { partner: perSecond(aLimit), user: perSecond(aLimit) } } : {}),
  });
  const partnerB = await createPartner(store, { name: 'Steady partner', scenarios: ['supply-chain'] });
  const running = await startGateway({
    store,
    port: 0,
    host: '127.0.0.1',
    logger: false,
    webhooks: { worker: false },
    scheduler: false,
    rateLimits:
      aLimit > 0
        ? {
            ...(backend === 'redis' ? { store: { kind: 'redis', url: REDIS_URL, prefix: schema } } : {}),
            defaults: { partner: perSecond(1_000_000), user: perSecond(1_000_000) },
          }
        : false,
  });

  const call = async (key, method, path, body) => {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  };
  const publish = async (offer) => {
    const base = `/v1/admin/offers/${offer.id}/versions/1`;
    await call(author.apiKey, 'POST', '/v1/admin/offers', offer);
    await call(author.apiKey, 'POST', `${base}/submit`);
    await call(approver.apiKey, 'POST', `${base}/approve`);
    await call(approver.apiKey, 'POST', `${base}/publish`);
  };
  const offers = Array.from({ length: OFFER_COUNT }, (_, i) => benchOffer(i));
  for (let i = 0; i < offers.length; i += 10) await Promise.all(offers.slice(i, i + 10).map(publish));
  const signals = { 'business.age_months': 38, 'inventory.turnover_days': 62, 'user.verified': true };
  const mint = (partner, userId) =>
    call(partner.secretKey, 'POST', '/v1/embed-sessions', {
      userId,
      scenario: 'supply-chain',
      ttlSeconds: 900,
      signals,
    });
  const [a, b] = [await mint(partnerA, 'flooder'), await mint(partnerB, 'steady')];
  process.send({ url: running.url, tokenA: a.token, tokenB: b.token });
  process.once('SIGTERM', async () => {
    await running.close();
    await store.close();
    await cleanup();
    process.exit(0);
  });
}

/** A valid supply-chain offer every bench session is eligible for, so each match does the full work. */
function benchOffer(i) {
  const yuan = (n) => ({ value: n * 100, currency: 'CNY' });
  return {
    id: `bench-inventory-${String(i).padStart(3, '0')}`,
    productType: 'inventory_financing',
    scenarios: ['supply-chain'],
    currency: 'CNY',
    amount: { min: yuan(10_000), max: yuan(1_000_000 + i * 10_000) },
    termMonths: { min: 3, max: 12 },
    pricing: {
      apr: { min: 300 + i * 10, max: 900 + i * 10 },
      fees: [
        { id: 'service', kind: 'service', rateBps: 20, label: { 'zh-CN': '服务费', en: 'Service fee' } },
      ],
    },
    texts: {
      'zh-CN': { name: `存货融资 ${i}`, tagline: '基准测试用的产品', highlights: ['随借随还'] },
      en: {
        name: `Inventory financing ${i}`,
        tagline: 'A product for the benchmark',
        highlights: ['Repay any time'],
      },
    },
    disclosures: [{ 'zh-CN': '贷款有风险，借款需谨慎。', en: 'Borrow only what you can repay.' }],
    eligibility: [
      {
        id: 'age',
        signal: 'business.age_months',
        op: 'gte',
        value: 12 + (i % 12),
        label: { 'zh-CN': '经营满一年', en: 'In business a year' },
      },
      {
        id: 'verified',
        signal: 'user.verified',
        op: 'eq',
        value: true,
        label: { 'zh-CN': '已实名', en: 'Verified' },
      },
    ],
    effective: { from: '2026-01-01T00:00:00Z' },
    priority: 30 + (i % 50),
  };
}
