// Benchmark: the bank workspace at production size on PostgreSQL. A gateway over a database holding
// --applications applications (default 100,000) across four partners, ten offers and six months,
// with the funnel events their journeys left (shown, selected, consented, submitted, decided), and
// the daily funnel rollups built from them.
// Rows are written with multi-row INSERTs straight into the tables (seeding is not what is measured).
// Over a real socket, one request at a time (a reviewer's page loads, not a flood):
//   - GET /v1/admin/applications with filters            target p95 < 100 ms
//   - GET /v1/admin/analytics/funnel, 60 days by day      target p95 < 200 ms
//   - the risk brief of one application (engine)          target p95 < 5 ms
//     (and GET /v1/admin/applications/{id}, the whole file the brief is part of, for reference)
// Each figure is also given as a ratio to GET /healthz measured through the same HTTP stack in the
// same run, so runs on machines of different speed compare.
// Run after the build:
//   node packages/gateway/bench/workspace.bench.js [--applications 100000] [--samples 50] [--keep] [--json]
// PostgreSQL: FINLET_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a
// schema of its own that is dropped afterwards.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DAY, positiveOption, random, SCENARIOS, STATUSES, SURNAMES } from './support.js';

const { values: args } = parseArgs({
  options: {
    applications: { type: 'string', default: '100000' },
    samples: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '10' },
    budget: { type: 'string', default: '4' },
    json: { type: 'boolean', default: false },
    // Leaves the schema in place (its name is printed) to look at query plans afterwards.
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (args.help) {
  process.stdout.write(
    'usage: node packages/gateway/bench/workspace.bench.js [--applications n] [--samples n] [--warmup n] [--budget seconds] [--keep] [--json]\n',
  );
  process.exit(0);
}
const positive = (name) => positiveOption(args, name, 'workspace.bench');
const COUNT = positive('applications');
const SAMPLES = positive('samples');
const WARMUP = positive('warmup');
const BUDGET_MS = positive('budget') * 1000;
const PG_URL = process.env.FINLET_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const { createAdminKey, createPartner, openStore, startGateway } = await import('../dist/index.js');
const { riskBrief } = await import('@finlet/engine');
const { default: pg } = await import('pg');
const log = (text) => {
  if (!args.json) process.stderr.write(`${text}\n`);
};

const TARGETS = { list: 100, funnel: 200, brief: 5 };
// A fixed "now", so every run seeds and queries the same rows.
const NOW = Date.parse('2026-11-30T00:00:00.000Z');
const iso = (ms) => new Date(ms).toISOString();

const appId = (i) => `app_bench${String(i).padStart(17, '0')}`;

/** Multi-row INSERTs of `rows` (arrays in `columns` order), `perStatement` rows at a time. */
async function insertRows(client, table, columns, rows, perStatement) {
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params = [];
    const tuples = chunk.map((row) => {
      const marks = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${marks.join(',')})`;
    });
    await client.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')}`, params);
  }
}

/**
 * Secondary indexes of the seeded tables, dropped for the load and built again afterwards (one
 * CREATE INDEX is far cheaper than maintaining it row by row); the same definitions come back.
 */
async function withoutIndexes(client, tables, load) {
  const { rows } = await client.query(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = ANY($1) AND indexname NOT LIKE '%_pkey'`,
    [tables],
  );
  for (const { indexname } of rows) await client.query(`DROP INDEX "${indexname}"`);
  await load();
  for (const { indexdef } of rows) await client.query(indexdef);
  return rows.map((r) => r.indexname);
}

async function seed(client, partners) {
  await client.query('SET synchronous_commit = off');
  await withoutIndexes(client, ['applications', 'funnel_events'], () => load(client, partners));
  const partnerSignals = await submission(client, partners);
  // As autovacuum would after a load: statistics, and the visibility map index-only scans need.
  await client.query('VACUUM ANALYZE applications');
  await client.query('VACUUM ANALYZE funnel_events');
  // The rows went in behind the gateway's back: its daily funnel rollups are built from them the
  // way an upgraded install's are (the back-fill of migration 0020, `finlet funnel rebuild`).
  const t0 = performance.now();
  const { dailyRows } = await store.transaction((tx) => tx.funnelRollups.rebuild());
  const rebuildSeconds = (performance.now() - t0) / 1000;
  await client.query('VACUUM ANALYZE funnel_daily');
  const counted = await client.query('SELECT count(*)::int AS n FROM funnel_events');
  return { funnelEvents: counted.rows[0].n, partnerSignals, dailyRows, rebuildSeconds };
}

async function load(client, partners) {
  const next = random(42);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const columns = [
    'id',
    'partner_id',
    'user_id',
    'created_at',
    'body',
    'id_number',
    'status',
    'offer_id',
    'offer_version',
    'scenario',
    'amount_value',
    'amount_currency',
    'search_name',
    'updated_at',
  ];
  const BATCH = 5_000;
  for (let start = 0; start < COUNT; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(COUNT, start + BATCH); i++) {
      const p = i % partners.length;
      const at = iso(NOW - Math.floor(next() * 180 * DAY));
      const name = `${pick(SURNAMES)}${i}`;
      const businessName = `企业${i}`;
      const application = {
        id: appId(i),
        partnerId: partners[p],
        userId: `bench-user-${i}`,
        // Every partner × offer pair occurs.
        offerId: `offer-${Math.floor(i / partners.length) % 10}`,
        offerVersion: 1,
        amount: { value: (1 + Math.floor(next() * 500)) * 100_000, currency: 'CNY' },
        termMonths: 12,
        purpose: '进货',
        status: pick(STATUSES),
        applicant: { name, phone: '13800138000', email: null, businessName, idNumberMasked: null },
        consentIds: [],
        createdAt: at,
        updatedAt: at,
      };
      rows.push([
        application.id,
        application.partnerId,
        application.userId,
        at,
        JSON.stringify(application),
        null,
        application.status,
        application.offerId,
        1,
        SCENARIOS[p],
        application.amount.value,
        'CNY',
        `${name} ${businessName}`.toLowerCase(),
        at,
      ]);
    }
    // 14 parameters a row: 1,000 rows stay well under PostgreSQL's 65,535 parameters.
    await insertRows(client, 'applications', columns, rows, 1_000);
  }

  // The funnel each application's journey left, written by the database from the rows above: four
  // users shown the offer, two who selected it, one more consent, the submission and the decision.
  const steps = [
    ['shown', 4],
    ['selected', 2],
    ['consented', 1],
  ];
  for (const [step, users] of steps) {
    await client.query(
      `INSERT INTO funnel_events (id, at, partner_id, user_id, scenario, offer_id, step, amount_value, amount_currency)
       SELECT 'fnl_' || a.id || '_${step}_' || k, a.created_at, a.partner_id, a.user_id || '-${step}-' || k,
              a.scenario, a.offer_id, '${step}', NULL, NULL
       FROM applications a CROSS JOIN generate_series(1, ${users}) AS k`,
    );
  }
  await client.query(
    `INSERT INTO funnel_events (id, at, partner_id, user_id, scenario, offer_id, step, amount_value, amount_currency)
     SELECT 'fnl_' || id || '_submitted', created_at, partner_id, user_id, scenario, offer_id, 'submitted', NULL, NULL
     FROM applications`,
  );
  await client.query(
    `INSERT INTO funnel_events (id, at, partner_id, user_id, scenario, offer_id, step, amount_value, amount_currency)
     SELECT 'fnl_' || id || '_' || status, created_at, partner_id, user_id, scenario, offer_id, status,
            CASE WHEN status = 'approved' THEN amount_value END, CASE WHEN status = 'approved' THEN 'CNY' END
     FROM applications WHERE status IN ('approved', 'declined')`,
  );
}

/** One application with what was on record at submission: the file a reviewer opens. */
async function submission(client, partners) {
  const at = (days) => iso(NOW - days * DAY);
  const turnover = (id, days, ago) => ({
    signal: {
      id,
      type: 'inventory.turnover_days',
      subject: 'bench-user-0',
      occurredAt: at(ago),
      data: { days },
    },
    receivedAt: at(ago),
  });
  const partnerSignals = [
    turnover('t-1', 46, 61),
    turnover('t-2', 63, 31),
    turnover('t-3', 92, 1),
    {
      signal: {
        id: 'gmv-9',
        type: 'orders.monthly_gmv',
        subject: 'bench-user-0',
        occurredAt: at(2),
        data: { amount: { value: 40_000_000, currency: 'CNY' } },
      },
      receivedAt: at(2),
    },
  ];
  const { rows } = await client.query('SELECT created_at FROM applications WHERE id = $1', [appId(0)]);
  await client.query(
    `INSERT INTO application_submissions (application_id, partner_id, user_id, scenario, session_id,
       session_issued_at, session_signals, partner_signals, submitted_at)
     VALUES ($1, $2, 'bench-user-0', 'supply-chain', 'ses_bench0', $3, $4, $5, $3)`,
    [
      appId(0),
      partners[0],
      rows[0].created_at,
      JSON.stringify({ 'business.age_months': 30 }),
      JSON.stringify(partnerSignals),
    ],
  );
  return partnerSignals;
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (ms) => Number(ms.toFixed(3));

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
}

/**
 * Up to --samples timings after --warmup runs; a slow query stops after --budget seconds (with at
 * least 5 samples) so the whole bench stays within a few minutes. `n` says how many were taken.
 */
async function timeIt(run) {
  const started = performance.now();
  const warmup = Math.min(WARMUP, 2);
  for (let i = 0; i < WARMUP && (i < warmup || performance.now() - started < BUDGET_MS / 4); i++) await run();
  const times = [];
  const t = performance.now();
  for (let i = 0; i < SAMPLES && (i < 5 || performance.now() - t < BUDGET_MS); i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return { ...summary(times), n: times.length };
}

async function measure(url, auth, partners, partnerSignals) {
  const get = async (path, headers = { authorization: `Bearer ${auth}` }) => {
    const response = await fetch(`${url}${path}`, { headers });
    const body = await response.json();
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  const results = {};
  const record = (group, name, figures, target) => {
    results[name] = { group, ...figures, ...(target ? { target } : {}) };
  };

  record('baseline', 'GET /healthz', await timeIt(() => get('/healthz', {})));

  const first = await get('/v1/admin/applications');
  const sixtyDaysAgo = encodeURIComponent(iso(NOW - 60 * DAY));
  const list = {
    'list: newest first': '/v1/admin/applications',
    'list: page 2 (cursor)': `/v1/admin/applications?cursor=${encodeURIComponent(first.next ?? '')}`,
    'list: status + partner': `/v1/admin/applications?status=under_review&partnerId=${partners[1]}`,
    'list: scenario + amount + dates': `/v1/admin/applications?scenario=supply-chain&currency=CNY&amountMin=1000000&amountMax=20000000&submittedFrom=${sixtyDaysAgo}`,
    'list: offer + status': '/v1/admin/applications?offerId=offer-3&status=declined',
    'list: q (name)': `/v1/admin/applications?q=${encodeURIComponent('王12')}`,
    'list: q (application id)': `/v1/admin/applications?q=${appId(77_777 % COUNT)}`,
  };
  for (const [name, path] of Object.entries(list)) {
    record('list', name, await timeIt(() => get(path)), TARGETS.list);
  }

  const range = `from=${sixtyDaysAgo}&to=${encodeURIComponent(iso(NOW))}`;
  const funnel = {
    'funnel: 60 days by day': `/v1/admin/analytics/funnel?${range}&by=day`,
    'funnel: 60 days total': `/v1/admin/analytics/funnel?${range}`,
    'funnel: 60 days, one partner by day': `/v1/admin/analytics/funnel?${range}&by=day&partnerId=${partners[2]}`,
  };
  for (const [name, path] of Object.entries(funnel)) {
    record('funnel', name, await timeIt(() => get(path)), TARGETS.funnel);
  }
  const rows = (await get(funnel['funnel: 60 days by day'])).rows?.length;

  // The brief itself is the engine's, pure: timed in-process on the same facts the file holds.
  const file = await get(`/v1/admin/applications/${appId(0)}`);
  const input = {
    application: {
      id: file.application.id,
      partnerId: file.application.partnerId,
      amount: file.application.amount,
      termMonths: file.application.termMonths,
      purpose: file.application.purpose,
      submittedAt: file.application.submittedAt,
    },
    offer: null,
    session: file.signals.session,
    partnerSignals,
    consents: [],
  };
  const cited = riskBrief(input).statements.length;
  record('brief', 'brief: riskBrief (engine)', await timeIt(async () => riskBrief(input)), TARGETS.brief);
  record(
    'file',
    'file: GET /v1/admin/applications/{id}',
    await timeIt(() => get(`/v1/admin/applications/${appId(0)}`)),
  );
  return { results, funnelRows: rows, briefStatements: cited };
}

const schema = `finlet_workspace_bench_${Date.now().toString(36)}`;
const store = await openStore({ databaseUrl: PG_URL, schema });
const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
let report;
try {
  await store.migrate();
  await client.connect();
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
  const { funnelEvents, partnerSignals, dailyRows, rebuildSeconds } = await seed(client, partners);
  const seedSeconds = (performance.now() - t0) / 1000;
  log(
    `postgres: ${COUNT} applications and ${funnelEvents} funnel events seeded in ${seedSeconds.toFixed(1)} s (funnel rollups: ${dailyRows} daily rows, rebuilt in ${rebuildSeconds.toFixed(1)} s)`,
  );
  const running = await startGateway({ store, port: 0, host: '127.0.0.1', logger: false, rateLimits: false });
  try {
    const measured = await measure(running.url, reviewer.apiKey, partners, partnerSignals);
    const baseline = measured.results['GET /healthz'].p95;
    for (const [name, r] of Object.entries(measured.results)) {
      r.ratioToHealthz = Number((r.p95 / baseline).toFixed(r.p95 < baseline ? 4 : 1));
      const verdict = r.target
        ? r.p95 < r.target
          ? `  (target < ${r.target} ms: met)`
          : `  (target < ${r.target} ms: MISSED)`
        : '';
      log(
        `  ${name.padEnd(40)} p50 ${String(r.p50).padStart(8)} ms  p95 ${String(r.p95).padStart(8)} ms  ×${r.ratioToHealthz} healthz  (n ${r.n})${verdict}`,
      );
    }
    log(`  (funnel by day: ${measured.funnelRows} rows; brief: ${measured.briefStatements} statements)`);
    report = {
      applications: COUNT,
      funnelEvents,
      samples: SAMPLES,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      funnelDailyRows: dailyRows,
      funnelRebuildSeconds: Number(rebuildSeconds.toFixed(1)),
      funnelRows: measured.funnelRows,
      results: measured.results,
      missed: Object.entries(measured.results)
        .filter(([, r]) => r.target && r.p95 >= r.target)
        .map(([name]) => name),
    };
  } finally {
    await running.close();
  }
} finally {
  await client.end().catch(() => {});
  await store.close();
  if (args.keep) log(`schema kept: ${schema}`);
  else {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}
if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
