// Benchmark: route quote latency of the BUILT engine (packages/engine/dist), single core, in process.
// Two networks: the demo rails of `finlet dev` (packages/cli/demo/rails.yaml) and a generated one of
// 60 currencies and 2,000 legs. Run after the build:
//   pnpm bench            (or: node packages/engine/bench/routes.bench.js [--quotes n] [--json] [--check])
// The network and the FX book are built once, as the gateway caches them between quotes; each
// measured call is one whole `quoteRoutes` (search, Pareto front, explanations).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CURRENCY_MINOR_UNITS, RailsDocument, RouteQuoteRequest } from '@finlet/contracts';
import { buildRouteNetwork, FxBook, quoteRoutes } from '../dist/index.js';

const TARGET_P99_MS = { demo: 5, large: 50 };

const { values: args } = parseArgs({
  options: {
    quotes: { type: 'string', default: '2000' },
    json: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (args.help) {
  process.stdout.write(
    'usage: node packages/engine/bench/routes.bench.js [--quotes n] [--json] [--check]\n' +
      `  --check exits 1 when a p99 misses its target (demo ${TARGET_P99_MS.demo} ms, large ${TARGET_P99_MS.large} ms)\n`,
  );
  process.exit(0);
}
const QUOTES = Number(args.quotes);
if (!Number.isInteger(QUOTES) || QUOTES < 10) {
  process.stderr.write(`routes.bench: --quotes must be a whole number ≥ 10, got "${args.quotes}"\n`);
  process.exit(2);
}

// A deterministic generator, so every run measures the same network.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function demo() {
  const cli = createRequire(fileURLToPath(new URL('../../cli/package.json', import.meta.url)));
  const { parse } = cli('yaml');
  const file = fileURLToPath(new URL('../../cli/demo/rails.yaml', import.meta.url));
  const doc = RailsDocument.parse(parse(readFileSync(file, 'utf8')));
  const tables = doc.railTables.map((t) => ({ id: t.id, version: 1, legs: t.legs }));
  const fx = { ...doc.fxTables[0], version: 1 };
  const nodes = [
    ...new Map(
      tables
        .flatMap((t) => t.legs.flatMap((l) => [l.from, l.to]))
        .map((n) => [`${n.country}:${n.currency}`, n]),
    ).values(),
  ];
  const corridors = [
    ['CN', 'CNY', 'VN', 'VND', 'business', 'goods', 20_000_000],
    ['US', 'USD', 'DE', 'EUR', 'consumer', 'family_support', 100_000],
    ['CN', 'CNY', 'HK', 'HKD', 'consumer', 'travel', 1_000_000],
    ['CN', 'CNY', 'TH', 'THB', 'consumer', 'travel', 500_000],
  ];
  const random = rng(7);
  const requests = [];
  for (let i = 0; i < 64; i++) {
    const c = corridors[i % corridors.length];
    const pick =
      i < 32
        ? c
        : [
            ...randomPair(nodes, random),
            random() < 0.5 ? 'consumer' : 'business',
            'other',
            50_000 + Math.floor(random() * 5_000_000),
          ];
    const [fromCountry, fromCurrency, toCountry, toCurrency, party, purpose, value] = pick;
    requests.push(
      request({
        fromCountry,
        fromCurrency,
        toCountry,
        toCurrency,
        party,
        purpose,
        value,
        receive: i % 3 === 2,
      }),
    );
  }
  return { tables, fx, requests };
}

function randomPair(nodes, random) {
  const a = nodes[Math.floor(random() * nodes.length)];
  const b = nodes[Math.floor(random() * nodes.length)];
  return [a.country, a.currency, b.country, b.currency];
}

function request({ fromCountry, fromCurrency, toCountry, toCurrency, party, purpose, value, receive }) {
  return RouteQuoteRequest.parse({
    amount: { value, currency: receive ? toCurrency : fromCurrency },
    direction: receive ? 'receive' : 'send',
    fromCountry,
    fromCurrency,
    toCountry,
    toCurrency,
    payerType: party,
    payeeType: party,
    purpose,
    urgency: 'balanced',
  });
}

const ZONES = [
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'UTC',
];

function large() {
  const random = rng(42);
  const currencies = Object.keys(CURRENCY_MINOR_UNITS);
  if (currencies.length < 60) throw new Error(`need 60 currencies, contracts list ${currencies.length}`);
  const nodes = currencies.slice(0, 60).map((currency, i) => ({
    country: String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)),
    currency,
  }));
  const major = (c, amount) => ({ value: Math.round(amount * 10 ** CURRENCY_MINOR_UNITS[c]), currency: c });
  const legs = [];
  for (let i = 0; i < 2000; i++) {
    const from = nodes[Math.floor(random() * nodes.length)];
    const to = random() < 0.08 ? from : nodes[Math.floor(random() * nodes.length)];
    const instant = random() < 0.4;
    const tz = ZONES[Math.floor(random() * ZONES.length)];
    const typical = instant ? 1 + Math.floor(random() * 30) : 60 * (2 + Math.floor(random() * 70));
    legs.push({
      id: `leg-${i}`,
      name: { 'zh-CN': `通道 ${i}`, en: `Rail ${i}` },
      network: instant ? 'local_instant' : random() < 0.5 ? 'swift' : 'local_batch',
      networkName: instant ? 'INSTANT' : 'SWIFT',
      from,
      to,
      fees: {
        percentBps: Math.floor(random() * 80),
        ...(random() < 0.7
          ? { fixed: major(random() < 0.5 ? 'USD' : from.currency, 1 + Math.floor(random() * 40)) }
          : {}),
      },
      fxSpreadBps: from.currency === to.currency ? 0 : Math.floor(random() * 150),
      limits: { min: major(from.currency, 1), max: major(from.currency, 1_000_000) },
      settlement: { typicalMinutes: typical, worstMinutes: typical * 3 },
      schedule: instant
        ? { timeZone: tz, days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', cutoff: '24:00', holidays: [] }
        : {
            timeZone: tz,
            days: [1, 2, 3, 4, 5],
            open: '09:00',
            cutoff: '16:30',
            holidays: ['2026-12-25', '2027-01-01'],
          },
      purposes: ['goods', 'services', 'travel', 'family_support', 'other'],
      payerTypes: ['consumer', 'business'],
      payeeTypes: ['consumer', 'business'],
      documents: [],
    });
  }
  const rates = currencies
    .slice(0, 60)
    .filter((c) => c !== 'USD')
    .map((c) => ({ base: 'USD', quote: c, mid: (0.2 + random() * 300).toFixed(4) }));
  const tables = RailsDocument.parse({ railTables: [{ id: 'generated', legs }] }).railTables.map((t) => ({
    ...t,
    version: 1,
  }));
  const requests = [];
  for (let i = 0; i < 64; i++) {
    const [fromCountry, fromCurrency, toCountry, toCurrency] = randomPair(nodes, random);
    requests.push(
      request({
        fromCountry,
        fromCurrency,
        toCountry,
        toCurrency,
        party: 'business',
        purpose: 'goods',
        value: 10_000 + Math.floor(random() * 10_000_000),
        receive: i % 3 === 2,
      }),
    );
  }
  return { tables, fx: { id: 'fx-generated', version: 1, asOf: '', maxAgeSeconds: 3600, rates }, requests };
}

function measure(name, { tables, fx, requests }) {
  const network = buildRouteNetwork(tables);
  const now = new Date('2026-11-27T08:00:00Z');
  const book = new FxBook({ ...fx, asOf: now.toISOString() });
  let options = 0;
  let refused = 0;
  for (let i = 0; i < Math.min(200, QUOTES); i++)
    quoteRoutes({ network, fx: book, request: requests[i % requests.length], now });
  const samples = new Float64Array(QUOTES);
  // CPU time too: on a shared machine wall-clock tails include time spent waiting for a core.
  const cpu = new Float64Array(QUOTES);
  for (let i = 0; i < QUOTES; i++) {
    const request = requests[i % requests.length];
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const result = quoteRoutes({ network, fx: book, request, now });
    samples[i] = performance.now() - started;
    const used = process.cpuUsage(cpuStarted);
    cpu[i] = (used.user + used.system) / 1000;
    if (result.ok) options += result.options.length;
    else refused++;
  }
  samples.sort();
  cpu.sort();
  const at = (q, list = samples) => list[Math.min(list.length - 1, Math.floor(q * list.length))];
  return {
    network: name,
    legs: network.legs.length,
    currencies: new Set(network.legs.flatMap((l) => [l.leg.from.currency, l.leg.to.currency])).size,
    quotes: QUOTES,
    medianMs: Number(at(0.5).toFixed(3)),
    p99Ms: Number(at(0.99).toFixed(3)),
    maxMs: Number(samples[samples.length - 1].toFixed(3)),
    cpuMedianMs: Number(at(0.5, cpu).toFixed(3)),
    cpuP99Ms: Number(at(0.99, cpu).toFixed(3)),
    targetP99Ms: TARGET_P99_MS[name],
    meanOptions: Number((options / Math.max(1, QUOTES - refused)).toFixed(2)),
    refusedShare: Number((refused / QUOTES).toFixed(3)),
  };
}

const results = [measure('demo', demo()), measure('large', large())];
if (args.json) process.stdout.write(`${JSON.stringify({ results }, null, 2)}\n`);
else {
  for (const r of results) {
    const pass = r.p99Ms < r.targetP99Ms ? 'ok' : 'MISSED';
    process.stdout.write(
      `routes.bench ${r.network.padEnd(5)} ${r.currencies} currencies, ${r.legs} legs, ${r.quotes} quotes: ` +
        `median ${r.medianMs} ms, p99 ${r.p99Ms} ms (target < ${r.targetP99Ms} ms: ${pass}), max ${r.maxMs} ms; ` +
        `CPU median ${r.cpuMedianMs} ms, p99 ${r.cpuP99Ms} ms; ` +
        `${r.meanOptions} options per quote, ${(r.refusedShare * 100).toFixed(1)} % refused\n`,
    );
  }
}
if (args.check && results.some((r) => r.p99Ms >= r.targetP99Ms)) process.exit(1);
