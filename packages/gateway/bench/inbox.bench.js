// Benchmark: the bank's inbox, GET /v1/admin/applications, over a real socket against a gateway whose
// database holds --applications applications (default 10,000) across four partners, six months and
// every status, on SQLite and on PostgreSQL. Requests are sent one at a time (a reviewer's page
// loads, not a flood), so each figure is the latency of one list query through the whole gateway.
// Run after the build:
//   node packages/gateway/bench/inbox.bench.js [--applications 10000] [--samples 200] [--dialect sqlite|postgres|both] [--json]
// PostgreSQL: FINLET_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a
// schema of its own that is dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DAY, positiveOption, random, SCENARIOS, STATUSES, SURNAMES } from './support.js';

const { values: args } = parseArgs({
  options: {
    applications: { type: 'string', default: '10000' },
    samples: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    dialect: { type: 'string', default: 'both' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (args.help) {
  process.stdout.write(
    'usage: node packages/gateway/bench/inbox.bench.js [--applications n] [--samples n] [--warmup n] [--dialect sqlite|postgres|both] [--json]\n',
  );
  process.exit(0);
}
const positive = (name) => positiveOption(args, name, 'inbox.bench');
const COUNT = positive('applications');
const SAMPLES = positive('samples');
const WARMUP = positive('warmup');
const DIALECTS = args.dialect === 'both' ? ['sqlite', 'postgres'] : [args.dialect];
if (!DIALECTS.every((d) => d === 'sqlite' || d === 'postgres')) {
  process.stderr.write(`inbox.bench: --dialect must be sqlite, postgres or both, got "${args.dialect}"\n`);
  process.exit(2);
}
const PG_URL = process.env.FINLET_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const { createAdminKey, createPartner, openStore, startGateway } = await import('../dist/index.js');
const log = (text) => {
  if (!args.json) process.stderr.write(`${text}\n`);
};

async function seed(store, partners, now) {
  const next = random(42);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const BATCH = 500;
  for (let start = 0; start < COUNT; start += BATCH) {
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(COUNT, start + BATCH); i++) {
        const partner = partners[i % partners.length];
        const at = new Date(now - Math.floor(next() * 180 * DAY)).toISOString();
        const id = `app_bench${String(i).padStart(17, '0')}`;
        const userId = `bench-user-${i}`;
        const application = {
          id,
          partnerId: partner,
          userId,
          offerId: `offer-${i % 10}`,
          offerVersion: 1,
          amount: { value: (1 + Math.floor(next() * 500)) * 100_000, currency: 'CNY' },
          termMonths: 12,
          purpose: '进货',
          status: pick(STATUSES),
          applicant: {
            name: `${pick(SURNAMES)}${i}`,
            phone: '13800138000',
            email: null,
            businessName: `企业${i}`,
            idNumberMasked: null,
          },
          consentIds: [],
          createdAt: at,
          updatedAt: at,
        };
        const iat = Math.floor(Date.parse(at) / 1000);
        await tx.applications.insert({
          application,
          idNumber: null,
          session: {
            sub: userId,
            scn: SCENARIOS[i % SCENARIOS.length],
            jti: `ses_bench${i}`,
            iat,
            exp: iat + 900,
            iss: 'bench',
            aud: partner,
          },
        });
      }
    });
  }
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(url, auth) {
  const get = async (path) => {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${auth}` } });
    const body = await response.json();
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  const first = await get('/v1/admin/applications');
  const queries = {
    'newest first': '/v1/admin/applications',
    'page 2 (cursor)': `/v1/admin/applications?cursor=${encodeURIComponent(first.next ?? '')}`,
    'status + partner': `/v1/admin/applications?status=under_review&partnerId=${first.applications[0].partnerId}`,
    'scenario + amount + dates': `/v1/admin/applications?scenario=supply-chain&currency=CNY&amountMin=1000000&amountMax=20000000&submittedFrom=${encodeURIComponent(new Date(Date.now() - 60 * DAY).toISOString())}`,
    'q (name)': `/v1/admin/applications?q=${encodeURIComponent('王12')}`,
  };
  const results = {};
  for (const [name, path] of Object.entries(queries)) {
    for (let i = 0; i < WARMUP; i++) await get(path);
    const times = [];
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = performance.now();
      await get(path);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    results[name] = {
      p50: Number(percentile(times, 50).toFixed(2)),
      p95: Number(percentile(times, 95).toFixed(2)),
      p99: Number(percentile(times, 99).toFixed(2)),
    };
    log(
      `  ${name.padEnd(28)} p50 ${results[name].p50} ms  p95 ${results[name].p95} ms  p99 ${results[name].p99} ms`,
    );
  }
  return results;
}

async function run(dialect) {
  let store;
  let cleanup;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'finlet-inbox-bench-'));
    store = await openStore({ dataDir: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const { default: pg } = await import('pg');
    const schema = `finlet_inbox_bench_${Date.now().toString(36)}`;
    store = await openStore({ databaseUrl: PG_URL, schema });
    cleanup = async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    };
  }
  try {
    await store.migrate();
    const partners = [];
    for (let i = 0; i < 4; i++) {
      const created = await createPartner(store, {
        name: `Bench partner ${i}`,
        origins: [`https://p${i}.example.com`],
        scenarios: SCENARIOS,
      });
      partners.push(created.partner.id);
    }
    const reviewer = await createAdminKey(store, { name: 'Bench reviewer', role: 'reviewer' });
    const t0 = performance.now();
    await seed(store, partners, Date.now());
    log(`${dialect}: ${COUNT} applications seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const running = await startGateway({
      store,
      port: 0,
      host: '127.0.0.1',
      logger: false,
      rateLimits: false,
    });
    try {
      return await measure(running.url, reviewer.apiKey);
    } finally {
      await running.close();
    }
  } finally {
    await store.close();
    await cleanup();
  }
}

const report = { applications: COUNT, samples: SAMPLES, dialects: {} };
for (const dialect of DIALECTS) report.dialects[dialect] = await run(dialect);
if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
