// Benchmark: partner signal ingestion (POST /v1/signals, batches of 100) and end-to-end latency from a
// signal to the signed `nudge.created` webhook arriving at a partner endpoint on loopback.
// Run after the build:
//   pnpm bench            (or: node packages/gateway/bench/signals.bench.js --duration 10 --concurrency 8)
// The gateway (SQLite, 10 published offers with triggers) runs in a child process; the load
// generator and the partner's webhook receiver share this one.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const BATCH = 100;
const OFFERS = 10;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    samples: { type: 'string', default: '300' },
    json: { type: 'boolean', default: false },
    role: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (args.role === 'gateway') await serveGateway();
else await runBenchmark();

function positive(name, text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`signals.bench: --${name} must be a positive whole number, got "${text}"\n`);
    process.exit(2);
  }
  return value;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function runBenchmark() {
  if (args.help) {
    process.stdout.write(
      'usage: node packages/gateway/bench/signals.bench.js [--duration s] [--concurrency n] [--samples n] [--json]\n',
    );
    return;
  }
  const config = {
    duration: positive('duration', args.duration),
    concurrency: positive('concurrency', args.concurrency),
    samples: positive('samples', args.samples),
    batch: BATCH,
    offers: OFFERS,
  };
  const log = (text) => {
    if (!args.json) process.stderr.write(`${text}\n`);
  };

  // The partner's webhook endpoint: notes when each user's nudge arrives.
  const arrivals = new Map();
  const receiver = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      try {
        const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const userId = event?.data?.userId;
        if (event.type === 'nudge.created' && userId && !arrivals.has(userId)) arrivals.set(userId, at);
      } catch {}
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${receiver.address().port}/hooks`;

  const child = fork(fileURLToPath(import.meta.url), ['--role', 'gateway'], { stdio: 'inherit' });
  const server = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
  });
  try {
    const post = async (path, body) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
      return JSON.parse(text);
    };
    await post('/v1/webhook-endpoints', { url: hookUrl, eventTypes: ['nudge.created'] });

    // 1. Ingestion: batches of 100 signals for 100 distinct merchants, below every trigger's threshold
    //    (each batch is stored and evaluated against the triggers, but raises nothing).
    let seq = 0;
    const batch = () => {
      const at = new Date(Date.now() - 60_000).toISOString();
      const signals = [];
      for (let i = 0; i < BATCH; i++) {
        seq += 1;
        signals.push({
          id: `ing-${seq}`,
          type: 'inventory.turnover_days',
          subject: `merchant-${seq % 5000}`,
          occurredAt: at,
          // Constant per merchant: stored and evaluated, but no trigger fires.
          data: { days: 20 + ((seq % 5000) % 30) },
        });
      }
      return { signals };
    };
    log(
      `ingestion: ${config.concurrency} concurrent clients, batches of ${BATCH}, 2 s warm-up + ${config.duration} s`,
    );
    const ingest = async (seconds) => {
      const until = performance.now() + seconds * 1000;
      let batches = 0;
      const latencies = [];
      await Promise.all(
        Array.from({ length: config.concurrency }, async () => {
          while (performance.now() < until) {
            const body = batch();
            const started = performance.now();
            const result = await post('/v1/signals', body);
            latencies.push(performance.now() - started);
            if (result.accepted !== BATCH) throw new Error(`accepted ${result.accepted} of ${BATCH}`);
            batches += 1;
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      return { batches, latencies };
    };
    await ingest(2);
    const started = performance.now();
    const run = await ingest(config.duration);
    const elapsed = (performance.now() - started) / 1000;
    const ingestion = {
      signalsPerSecond: Math.round((run.batches * BATCH) / elapsed),
      batchesPerSecond: Math.round((run.batches / elapsed) * 10) / 10,
      batchMedianMs: Math.round(percentile(run.latencies, 50) * 10) / 10,
      batchP99Ms: Math.round(percentile(run.latencies, 99) * 10) / 10,
    };
    log(
      `  ${ingestion.signalsPerSecond} signals/s (${ingestion.batchesPerSecond} batches/s), batch median ${ingestion.batchMedianMs} ms, p99 ${ingestion.batchP99Ms} ms`,
    );

    // 2. Signal → webhook: one signal at a time that crosses a trigger, until its nudge.created arrives.
    log(`signal → webhook: ${config.samples} nudges, one at a time`);
    const samples = [];
    for (let i = 0; i < config.samples; i++) {
      const userId = `latency-${i}`;
      const startedAt = performance.now();
      await post('/v1/signals', {
        signals: [
          {
            id: `lat-${i}`,
            type: 'inventory.turnover_days',
            subject: userId,
            occurredAt: new Date(Date.now() - 1_000).toISOString(),
            data: { days: 95 },
          },
        ],
      });
      const deadline = startedAt + 15_000;
      while (!arrivals.has(userId)) {
        if (performance.now() > deadline) throw new Error(`no webhook for ${userId} after 15 s`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      samples.push(arrivals.get(userId) - startedAt);
    }
    samples.sort((a, b) => a - b);
    const webhook = {
      medianMs: Math.round(percentile(samples, 50) * 10) / 10,
      p99Ms: Math.round(percentile(samples, 99) * 10) / 10,
      maxMs: Math.round(samples[samples.length - 1] * 10) / 10,
    };
    log(`  median ${webhook.medianMs} ms, p99 ${webhook.p99Ms} ms, max ${webhook.maxMs} ms`);
    if (args.json) process.stdout.write(`${JSON.stringify({ config, ingestion, webhook }, null, 2)}\n`);
  } finally {
    child.kill();
    receiver.close();
  }
}

async function serveGateway() {
  const { createAdminKey, createPartner, openStore, startGateway } = await import('../dist/index.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'finlet-signals-bench-'));
  const store = await openStore({ dataDir });
  await store.migrate();
  const author = await createAdminKey(store, { name: 'Bench author', role: 'author' });
  const approver = await createAdminKey(store, { name: 'Bench approver', role: 'approver' });
  const partner = await createPartner(store, { name: 'Bench SCF', scenarios: ['supply-chain'] });
  const running = await startGateway({
    store,
    port: 0,
    host: '127.0.0.1',
    logger: false,
    // Counted as in production, with budgets no load here reaches: the bench measures the limiter's cost, not its 429s.
    rateLimits: {
      defaults: {
        partner: { limit: 1_000_000_000, windowSeconds: 60 },
        user: { limit: 1_000_000_000, windowSeconds: 60 },
      },
    },
    webhooks: { allowLoopback: true },
  });
  const call = async (key, path, body) => {
    const response = await fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  };
  for (let i = 0; i < OFFERS; i++) {
    const id = `bench-inventory-${i}`;
    const base = `/v1/admin/offers/${id}/versions/1`;
    await call(author.apiKey, '/v1/admin/offers', benchOffer(id, i));
    await call(author.apiKey, `${base}/submit`);
    await call(approver.apiKey, `${base}/approve`);
    await call(approver.apiKey, `${base}/publish`);
  }
  process.send({ url: running.url, secretKey: partner.secretKey });
  const stop = async () => {
    await running.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

function benchOffer(id, i) {
  const yuan = (v) => ({ value: v * 100, currency: 'CNY' });
  return {
    id,
    productType: 'inventory_financing',
    scenarios: ['supply-chain'],
    currency: 'CNY',
    amount: { min: yuan(50_000), max: yuan(1_000_000 + i * 100_000) },
    termMonths: { min: 3, max: 12 },
    pricing: { apr: { min: 365 + i, max: 720 } },
    texts: {
      'zh-CN': { name: `存货融资 ${i}`, tagline: '以在库商品为依托' },
      en: { name: `Inventory financing ${i}`, tagline: 'Working capital backed by stock' },
    },
    effective: { from: '2026-01-01T00:00:00Z' },
    triggers: [
      {
        id: 'turnover-slowing',
        when: [
          { kind: 'change', signal: 'inventory.turnover_days', direction: 'up', percent: 30, windowDays: 30 },
        ],
        weeklyCap: 20,
      },
      {
        id: 'turnover-very-slow',
        when: [{ kind: 'threshold', signal: 'inventory.turnover_days', op: 'gte', value: 90 }],
        // One nudge per merchant and week, whichever offer ranks first.
        weeklyCap: 1,
        prequalify: { kind: 'offer_max' },
      },
    ],
  };
}
