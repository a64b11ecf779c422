// Benchmark: one partner flooding must not slow another ("flooding partner A at 5× its limit: A gets
// 429s, partner B's p95 within 1.5× of its baseline"). Partner A floods POST /v1/offers/match in an
// open loop at 5× its configured limit (one request every 1/(5 × limit) s on a fixed schedule,
// whatever the answers take) while partner B sends a steady open-loop load. B runs throughout; the
// flood is switched on and off in short windows, interleaved in pairs (alone then flooded, flooded
// then alone, …), so the busy machine's drift lands on both sides alike. Reported: B's p95 in each
// window, each pair's ratio (flooded p95 / alone p95), the median of those ratios (the figure the
// criterion is checked on: one stall of the shared machine moves one pair, not the verdict), and
// the pooled p95s. The gateway's own CPU time is read in every window, so the cost of A's requests
// (mostly refusals) is measured too, in CPU milliseconds per request.
// Run after the build:
//   pnpm bench   (or: node packages/gateway/bench/rate-limits.bench.js --backends sqlite,postgres,redis)
// The gateway runs in a child process, and so does the flood, so neither shares B's event loop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { forkServer, median, percentile, round, startFlooder, startSteady } from './support.js';

const TARGET_RATIO = 1.5;
const OFFER_COUNT = 100;
const PG_URL = process.env.FINLET_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.FINLET_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MATCH_BODY = JSON.stringify({ amount: { value: 5_000_000, currency: 'CNY' }, termMonths: 6 });

const { values: args } = parseArgs({
  options: {
    // Each window with or without the flood, in seconds, and how many pairs of them.
    window: { type: 'string', default: '3' },
    pairs: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '3' },
    // B's answers sent this soon after a switch are left out: they straddle two windows.
    'guard-ms': { type: 'string', default: '250' },
    // Partner A's budget in requests per second.
    limit: { type: 'string', default: '5' },
    // Partner B's steady rate, requests per second.
    steady: { type: 'string', default: '20' },
    // The flood, open loop: `times` × A's limit per second (or `flood-rate` when given); at most
    // `flood-connections` requests in flight (a safety net, never reached at these rates).
    // `--flood-rate 0` is the old closed loop of `flood-connections` instead (saturating).
    times: { type: 'string', default: '5' },
    'flood-rate': { type: 'string' },
    'flood-connections': { type: 'string', default: '256' },
    backends: { type: 'string', default: 'sqlite,postgres' },
    'skip-unlimited': { type: 'boolean', default: false },
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
else await runBenchmark();

function whole(name, text, min = 1) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    process.stderr.write(`rate-limits.bench: --${name} must be a whole number ≥ ${min}, got "${text}"\n`);
    process.exit(2);
  }
  return value;
}

async function runBenchmark() {
  if (args.help) {
    process.stdout.write(
      'usage: node packages/gateway/bench/rate-limits.bench.js [--window s] [--pairs n] [--warmup s] [--guard-ms ms] [--limit A req/s] [--times n (A floods at n × its limit)] [--flood-rate req/s (instead; 0: closed loop, saturating)] [--flood-connections n] [--steady B req/s] [--backends sqlite,postgres,redis] [--skip-unlimited] [--json] [--check]\n' +
        `  --check exits 1 when the median of the pairs' ratios (B's p95 flooded / alone) exceeds ${TARGET_RATIO}, when B sees an error, or when A's flood is under 5× its limit\n` +
        '  --skip-unlimited skips the contrast run with rate limits off (what a flood did before)\n',
    );
    return;
  }
  const config = {
    windowSeconds: whole('window', args.window),
    pairs: whole('pairs', args.pairs),
    warmup: whole('warmup', args.warmup),
    guardMs: whole('guard-ms', args['guard-ms'], 0),
    limitPerSecond: whole('limit', args.limit),
    steadyPerSecond: whole('steady', args.steady),
    floodConnections: whole('flood-connections', args['flood-connections']),
    times: whole('times', args.times),
  };
  config.floodRate =
    args['flood-rate'] === undefined
      ? config.times * config.limitPerSecond
      : whole('flood-rate', args['flood-rate'], 0);
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
  const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

  const measure = async (backend, limited) => {
    const server = await startChild(backend, limited ? config.limitPerSecond : 0);
    const flooder = await startFlooder(`${server.url}/v1/offers/match`, server.tokenA, {
      connections: config.floodConnections,
      rate: config.floodRate,
      body: MATCH_BODY,
    });
    const name = `${backend}${limited ? '' : ', rate limits off'}`;
    const answers = [];
    const steady = startSteady(
      `${server.url}/v1/offers/match`,
      server.tokenB,
      MATCH_BODY,
      config.steadyPerSecond,
      (answer) => answers.push(answer),
    );
    try {
      // Both paths warm (JIT, caches, the counters' rows) before anything counts.
      log(`${name}: warming up for ${config.warmup} s…`);
      flooder.on();
      await sleep(config.warmup);
      await flooder.off();
      await sleep(1);
      answers.length = 0;
      const windows = [];
      log(
        `${name}: ${config.pairs} pairs of ${config.windowSeconds} s windows, B alone and with A flooding at ${config.floodRate} req/s, interleaved…`,
      );
      for (let pair = 0; pair < config.pairs; pair++) {
        // ABBA order: a trend over the run weighs on both sides alike.
        for (const flooded of pair % 2 ? [true, false] : [false, true]) {
          const cpuBefore = await server.cpu();
          const start = performance.now();
          if (flooded) flooder.on();
          await sleep(config.windowSeconds);
          const a = flooded ? await flooder.off() : undefined;
          const end = performance.now();
          const cpuAfter = await server.cpu();
          const cpuMs = (cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / 1000;
          windows.push({ pair, flooded, start, end, a, cpuMs });
        }
      }
      await steady.stop();
      const inWindow = (w) => answers.filter((x) => x.sentAt >= w.start + config.guardMs && x.sentAt < w.end);
      const served = (ws) =>
        ws
          .flatMap(inWindow)
          .filter((x) => x.status === 200)
          .map((x) => x.ms);
      const pairs = Array.from({ length: config.pairs }, (_, pair) => {
        const [alone, flooded] = [false, true].map((f) =>
          windows.find((w) => w.pair === pair && w.flooded === f),
        );
        const aloneP95 = percentile(served([alone]), 0.95);
        const floodedP95 = percentile(served([flooded]), 0.95);
        const seconds = (w) => (w.end - w.start) / 1000;
        return {
          aloneP95,
          floodedP95,
          ratio: aloneP95 > 0 ? round(floodedP95 / aloneP95) : Number.NaN,
          // The gateway's CPU time per second of window, alone and flooded.
          cpuAlone: round(alone.cpuMs / seconds(alone)),
          cpuFlooded: round(flooded.cpuMs / seconds(flooded)),
          // What A's requests added, per request of A's.
          cpuPerARequest: round(
            (flooded.cpuMs / seconds(flooded) - alone.cpuMs / seconds(alone)) /
              (flooded.a.requests / seconds(flooded)),
          ),
        };
      });
      const ratios = pairs.map((p) => p.ratio).filter((r) => Number.isFinite(r));
      const errors = answers.filter((x) => x.status !== 200);
      const bAlone = served(windows.filter((w) => !w.flooded));
      const bFlooded = served(windows.filter((w) => w.flooded));
      const flood = windows.filter((w) => w.flooded).map((w) => w.a);
      const total = (key) => flood.reduce((sum, x) => sum + x[key], 0);
      const seconds = total('seconds');
      const aloneWindows = windows.filter((w) => !w.flooded);
      // B's requests alone: CPU per served request, to set A's cost against.
      const cpuPerB = round(
        aloneWindows.reduce((sum, w) => sum + w.cpuMs, 0) / Math.max(1, served(aloneWindows).length),
      );
      return {
        backend,
        rateLimits: limited,
        bSamples: { alone: bAlone.length, flooded: bFlooded.length },
        bAloneP50: percentile(bAlone, 0.5),
        bFloodedP50: percentile(bFlooded, 0.5),
        bAloneP95: percentile(bAlone, 0.95),
        bFloodedP95: percentile(bFlooded, 0.95),
        pooledRatio: round(percentile(bFlooded, 0.95) / percentile(bAlone, 0.95)),
        ratio: round(median(ratios)),
        pairsWithin: ratios.filter((r) => r <= TARGET_RATIO).length,
        pairs,
        cpu: {
          perBRequestMs: cpuPerB,
          perARequestMs: round(median(pairs.map((p) => p.cpuPerARequest))),
        },
        bErrors: errors.length,
        bErrorStatuses: errors.reduce((all, x) => {
          const key = x.status === 0 ? `0 ${x.error ?? 'no answer'} after ${Math.round(x.ms)} ms` : x.status;
          all[key] = (all[key] ?? 0) + 1;
          return all;
        }, {}),
        a: {
          requests: total('requests'),
          perSecond: round(total('requests') / seconds),
          timesLimit: round(total('requests') / seconds / config.limitPerSecond),
          allowed: total('ok'),
          allowedPerSecond: round(total('ok') / seconds),
          limited: total('limited'),
          errors: total('errors'),
          skipped: total('skipped'),
          limitedShare: round(total('limited') / Math.max(1, total('requests'))),
        },
      };
    } finally {
      await steady.stop();
      flooder.stop();
      await server.stop();
    }
  };

  const results = [];
  for (const backend of backends) results.push(await measure(backend, true));
  const contrast = !args['skip-unlimited'] ? await measure(backends[0], false) : undefined;
  // A's flood is open loop: it attains its rate unless the generator's machine falls behind.
  const met = results.every(
    (r) => r.ratio <= TARGET_RATIO && r.bErrors === 0 && r.a.timesLimit >= 4.95 && r.a.limited > 0,
  );

  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ endpoint: 'POST /v1/offers/match', config, results, contrast, target: TARGET_RATIO, met }, null, 2)}\n`,
    );
  } else {
    const row = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(20) : cell.padStart(13))).join(' ');
    const line = (r) =>
      row([
        `${r.backend}${r.rateLimits ? '' : ' (no limits)'}`,
        `${r.bAloneP50} / ${r.bAloneP95}`,
        `${r.bFloodedP50} / ${r.bFloodedP95}`,
        `${r.ratio.toFixed(2)}×`,
        `${r.pairsWithin}/${r.pairs.length}`,
        `${r.pooledRatio.toFixed(2)}×`,
        String(r.bErrors),
        `${r.a.perSecond} (${r.a.timesLimit}×)`,
        `${Math.round(r.a.limitedShare * 100)}%`,
        `${r.a.allowedPerSecond}/s`,
        `${r.cpu.perARequestMs} / ${r.cpu.perBRequestMs}`,
      ]);
    const pairLine = (r) =>
      `${r.backend}${r.rateLimits ? '' : ' (no limits)'}: B p95 alone → flooded per pair (ms): ${r.pairs
        .map((p) => `${p.aloneP95}→${p.floodedP95} (${Number.isFinite(p.ratio) ? p.ratio.toFixed(2) : '–'}×)`)
        .join(', ')}`;
    const all = [...results, ...(contrast ? [contrast] : [])];
    process.stdout.write(
      [
        `POST /v1/offers/match, ${OFFER_COUNT} offers; B steady (open loop) at ${config.steadyPerSecond} req/s; A's limit ${config.limitPerSecond} req/s, A floods ${config.floodRate ? `in an open loop at ${config.floodRate} req/s (${round(config.floodRate / config.limitPerSecond)}× its limit)` : `in a closed loop of ${config.floodConnections} connections`}; ${config.pairs} pairs of ${config.windowSeconds} s windows with and without the flood, interleaved; latencies in ms`,
        row([
          '',
          'B alone p50/95',
          'B flood p50/95',
          'median ratio',
          `pairs ≤ ${TARGET_RATIO}×`,
          'pooled ratio',
          'B errors',
          'A req/s',
          'A 429 share',
          'A allowed',
          'CPU ms A/B',
        ]),
        ...all.map(line),
        ...all.map(pairLine),
        ...all
          .filter((r) => r.bErrors > 0)
          .map(
            (r) => `${r.backend}: B's errors by status (0: no answer) ${JSON.stringify(r.bErrorStatuses)}`,
          ),
        "CPU ms A/B: the gateway's CPU time a request of A's added (flooded window minus its pair's alone window, per A request, median over pairs) / a request of B's alone",
        `Median over pairs of B's p95 flooded / alone within ${TARGET_RATIO}×, no B errors, A at 5× its limit and refused: ${met ? 'met' : 'NOT met'}`,
        '',
      ].join('\n'),
    );
  }
  if (args.check && !met) process.exitCode = 1;
}

/** Forks this script as the gateway and waits for its `{ url, tokenA, tokenB }` message. */
function startChild(backend, aLimit) {
  return forkServer(
    fileURLToPath(import.meta.url),
    ['--role=gateway', `--backend=${backend}`, `--a-limit=${aLimit}`],
    { name: `gateway (${backend})` },
  );
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
    // Both partners' clients connect from 127.0.0.1 here, where in production they are two
    // addresses: the per-client connection cap must not count them as one.
    connections: { maxPerClient: 100_000 },
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
  process.on('message', (message) => {
    if (message === 'cpu') process.send({ cpu: process.cpuUsage() });
  });
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
