// Benchmark: POST /v1/offers/match on this build against another build of the gateway, in one run,
// rounds alternating which goes first, so both meet the same machine (these machines are noisy).
//   node packages/gateway/bench/offers-match-ab.bench.js --baseline ../finlet-before
// `--baseline` is another checkout of this repository, installed and built (`pnpm install && pnpm
// build`), e.g. `git worktree add ../finlet-before <commit>`. Each gateway serves 100 published
// offers on SQLite from its own child process (offers-match.bench.js's gateway role).
//
// Two ways to load it:
// - saturation (default): `--connections` clients as fast as the server answers; req/s and the
//   server's CPU time per answered request;
// - `--rate r`: an open loop at r requests per second, the same for both builds; CPU per request at
//   equal load, which a saturated server's own feedback (longer queues, bigger batches) cannot move.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { forkServer, median, positiveOption, round } from './support.js';

const BENCH = 'offers-match-ab.bench';
const MATCH_BODY = JSON.stringify({ amount: { value: 50_000_000, currency: 'CNY' }, termMonths: 6 });
const GATEWAY_ROLE = fileURLToPath(new URL('./offers-match.bench.js', import.meta.url));
const HERE = fileURLToPath(new URL('../dist/index.js', import.meta.url));

const { values: args } = parseArgs({
  options: {
    baseline: { type: 'string' },
    rounds: { type: 'string', default: '7' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    rate: { type: 'string' },
    distinct: { type: 'boolean', default: false },
    'without-rate-limits': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (args.help || !args.baseline) {
  process.stdout.write(
    'usage: node packages/gateway/bench/offers-match-ab.bench.js --baseline <checkout> [--rounds n] [--duration s]\n' +
      '         [--warmup s] [--connections n] [--rate req/s] [--distinct] [--without-rate-limits] [--json]\n' +
      '  --baseline   another checkout of this repository, installed and built\n' +
      '  --rate       an open loop at this many requests per second (default: saturation)\n' +
      '  --distinct   every request from another of 500 sessions (nothing reused between requests)\n' +
      "  --cpu-prof   writes a V8 CPU profile of each gateway's measured run into this folder\n",
  );
  process.exit(args.help ? 0 : 2);
}

const baselineDist = resolve(args.baseline, 'packages/gateway/dist/index.js');
if (!existsSync(baselineDist)) {
  process.stderr.write(
    `${BENCH}: ${baselineDist} is missing; run pnpm install && pnpm build in the baseline\n`,
  );
  process.exit(2);
}
const config = {
  rounds: positiveOption(args, 'rounds', BENCH),
  duration: positiveOption(args, 'duration', BENCH),
  warmup: positiveOption(args, 'warmup', BENCH),
  connections: positiveOption(args, 'connections', BENCH),
  rate: args.rate === undefined ? undefined : positiveOption(args, 'rate', BENCH),
  distinct: args.distinct,
  rateLimits: !args['without-rate-limits'],
};
const log = (text) => {
  if (!args.json) process.stderr.write(`${text}\n`);
};

const { default: autocannon } = await import('autocannon');
const builds = [
  { name: 'before', dist: baselineDist, runs: [] },
  { name: 'after', dist: HERE, runs: [] },
];
for (let round = 0; round < config.rounds; round++) {
  const order = round % 2 === 0 ? builds : [...builds].reverse();
  for (const build of order) {
    const run = await measure(build.dist);
    build.runs.push(run);
    log(
      `round ${round + 1}/${config.rounds} ${build.name}: ${run.requestsPerSecond} req/s, ${run.cpuMicrosPerRequest} µs CPU/req (${run.userMicrosPerRequest} user), p50 ${run.latencyMs.p50} ms`,
    );
  }
}

const summary = Object.fromEntries(
  builds.map((build) => [
    build.name,
    {
      requestsPerSecond: median(build.runs.map((r) => r.requestsPerSecond)),
      cpuMicrosPerRequest: median(build.runs.map((r) => r.cpuMicrosPerRequest)),
      userMicrosPerRequest: median(build.runs.map((r) => r.userMicrosPerRequest)),
      latencyP50Ms: median(build.runs.map((r) => r.latencyMs.p50)),
      latencyP99Ms: median(build.runs.map((r) => r.latencyMs.p99)),
      runs: build.runs,
    },
  ]),
);
const ratios = {
  // Above 1: the new build answers more; below 1: fewer.
  requestsPerSecond: round(summary.after.requestsPerSecond / summary.before.requestsPerSecond),
  // Above 1: the new build spends more CPU per request.
  cpuMicrosPerRequest: round(summary.after.cpuMicrosPerRequest / summary.before.cpuMicrosPerRequest),
  userMicrosPerRequest: round(summary.after.userMicrosPerRequest / summary.before.userMicrosPerRequest),
};
if (args.json) {
  process.stdout.write(
    `${JSON.stringify({ endpoint: 'POST /v1/offers/match', config, ...summary, ratios }, null, 2)}\n`,
  );
} else {
  const load = config.rate ? `open loop at ${config.rate} req/s` : `${config.connections} connections`;
  process.stdout.write(
    [
      `POST /v1/offers/match, ${load}${config.distinct ? ', distinct sessions' : ''}${config.rateLimits ? '' : ', rate limiting off'}; medians of ${config.rounds} alternating rounds of ${config.duration} s`,
      `           ${'req/s'.padStart(8)} ${'CPU µs/req'.padStart(11)} ${'user µs/req'.padStart(12)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`,
      ...builds.map(
        (b) =>
          `${b.name.padEnd(10)} ${String(summary[b.name].requestsPerSecond).padStart(8)} ${String(summary[b.name].cpuMicrosPerRequest).padStart(11)} ${String(summary[b.name].userMicrosPerRequest).padStart(12)} ${String(summary[b.name].latencyP50Ms).padStart(7)} ${String(summary[b.name].latencyP99Ms).padStart(7)}`,
      ),
      `after/before: req/s ${ratios.requestsPerSecond.toFixed(2)}, CPU µs/req ${ratios.cpuMicrosPerRequest.toFixed(2)}, user µs/req ${ratios.userMicrosPerRequest.toFixed(2)}`,
      '',
    ].join('\n'),
  );
}

/** One gateway of one build, warmed up and measured; stopped before the next starts. */
async function measure(dist) {
  const server = await startGateway(dist);
  try {
    let next = 0;
    const request = {
      url: `${server.url}${server.path}`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: MATCH_BODY,
      connections: config.connections,
      ...(config.rate ? { overallRate: config.rate } : {}),
      ...(config.distinct
        ? {
            requests: [
              {
                setupRequest: (req) => ({
                  ...req,
                  headers: {
                    ...req.headers,
                    authorization: `Bearer ${server.tokens[next++ % server.tokens.length]}`,
                  },
                }),
              },
            ],
          }
        : {}),
    };
    await autocannon({ ...request, duration: config.warmup });
    const cpuBefore = await server.cpu();
    const result = await autocannon({ ...request, duration: config.duration });
    const cpuAfter = await server.cpu();
    const failures = result.non2xx + result.errors + result.timeouts;
    if (failures > 0) {
      throw new Error(
        `${result.non2xx} non-2xx responses (${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors, ${result.timeouts} timeouts; the numbers would be meaningless`,
      );
    }
    return {
      requestsPerSecond: Math.round(result.requests.average),
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
      requests: result.requests.total,
      cpuMicrosPerRequest: Math.round(
        (cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) /
          Math.max(1, result.requests.total),
      ),
      // User time alone: the gateway's own code. The kernel's share (mostly writing the answer to the
      // socket) swings with what the load generator does on the other core.
      userMicrosPerRequest: Math.round((cpuAfter.user - cpuBefore.user) / Math.max(1, result.requests.total)),
    };
  } finally {
    await server.stop();
  }
}

/** Forks offers-match.bench.js's gateway role on `dist` and waits for its `{ url, path, token, tokens }`. */
function startGateway(dist) {
  return forkServer(
    GATEWAY_ROLE,
    [
      '--role=gateway',
      `--gateway-dist=${dist}`,
      ...(config.rateLimits ? [] : ['--without-rate-limits']),
      ...(args['cpu-prof']
        ? [`--profile-window=${join(resolve(args['cpu-prof']), dist === HERE ? 'after' : 'before')}`]
        : []),
    ],
    { name: `the gateway of ${dist}`, cwd: join(dist, '../..') },
  );
}
