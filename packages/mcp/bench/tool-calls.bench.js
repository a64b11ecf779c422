// Benchmark: MCP tool-call latency over loopback Streamable HTTP, through the gateway's `/mcp` under an
// agent grant (grant check, audit row, the tool's own route). Run after the build:
//   pnpm bench            (or: node packages/mcp/bench/tool-calls.bench.js --calls 500 --json)
// The gateway (SQLite, one published offer) runs in a child process; the SDK's client runs here and
// calls each tool one at a time, so the figures are per-call latency, not throughput.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '30' },
    json: { type: 'boolean', default: false },
    role: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

function positive(name, text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`tool-calls.bench: --${name} must be a positive whole number, got "${text}"\n`);
    process.exit(2);
  }
  return value;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const amount = { value: 10_000_000, currency: 'CNY' };
const TOOLS = {
  match_offers: { amount, termMonths: 6 },
  explain_offer: { offerId: 'bench-inventory', amount },
  list_nudges: {},
  // A fresh key each call would measure inserts; the same key measures the retry path.
  start_application: { offerId: 'bench-inventory', amount, idempotencyKey: 'bench-draft-0001' },
};

async function runBenchmark() {
  if (args.help) {
    process.stdout.write(
      'usage: node packages/mcp/bench/tool-calls.bench.js [--calls n] [--warmup n] [--json]\n',
    );
    return;
  }
  const calls = positive('calls', args.calls);
  const warmup = positive('warmup', args.warmup);
  const child = fork(fileURLToPath(import.meta.url), ['--role', 'gateway'], { stdio: 'inherit' });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
  });
  const client = new Client({ name: 'finlet-bench', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${ready.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${ready.grant}` } },
    }),
  );
  await client.listTools();
  const results = {};
  try {
    for (const [name, toolArgs] of Object.entries(TOOLS)) {
      const samples = [];
      for (let i = 0; i < warmup + calls; i++) {
        const started = performance.now();
        const result = await client.callTool({ name, arguments: toolArgs }).catch((error) => {
          throw new Error(`${name} call ${i}: ${error.cause?.message ?? error.message}`, { cause: error });
        });
        const ms = performance.now() - started;
        if (result.isError) throw new Error(`${name}: ${JSON.stringify(result.structuredContent)}`);
        if (i >= warmup) samples.push(ms);
      }
      samples.sort((a, b) => a - b);
      const round = (x) => Math.round(x * 100) / 100;
      results[name] = { calls, p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)) };
    }
  } finally {
    await client.close();
    child.kill('SIGTERM');
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ bench: 'mcp-tool-calls', node: process.version, results })}\n`);
    return;
  }
  process.stdout.write(`MCP tool calls over loopback Streamable HTTP (${calls} sequential calls each, ms)\n`);
  for (const [name, r] of Object.entries(results)) {
    process.stdout.write(
      `  ${name.padEnd(18)} p50 ${String(r.p50).padStart(7)}   p99 ${String(r.p99).padStart(7)}\n`,
    );
  }
}

async function serveGateway() {
  const { createAdminKey, createPartner, openStore, startGateway } = await import(
    '../../gateway/dist/index.js'
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'finlet-mcp-bench-'));
  const store = await openStore({ dataDir });
  await store.migrate();
  const author = await createAdminKey(store, { name: 'Bench author', role: 'author' });
  const approver = await createAdminKey(store, { name: 'Bench approver', role: 'approver' });
  const partner = await createPartner(store, { name: 'Bench SCF', scenarios: ['supply-chain'] });
  // Counted as in production, with budgets this load never reaches.
  const budget = { limit: 1_000_000_000, windowSeconds: 60 };
  const running = await startGateway({
    store,
    port: 0,
    host: '127.0.0.1',
    logger: false,
    rateLimits: { defaults: { partner: budget, user: budget, ip: budget } },
  });
  const call = async (key, path, body) => {
    const response = await fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const base = '/v1/admin/offers/bench-inventory/versions/1';
  await call(author.apiKey, '/v1/admin/offers', benchOffer());
  await call(author.apiKey, `${base}/submit`);
  await call(approver.apiKey, `${base}/approve`);
  await call(approver.apiKey, `${base}/publish`);
  const session = await call(partner.secretKey, '/v1/embed-sessions', {
    userId: 'bench-merchant',
    scenario: 'supply-chain',
    signals: { 'business.age_months': 38, 'inventory.turnover_days': 62 },
  });
  const grant = await call(partner.secretKey, '/v1/agent-grants', {
    sessionToken: session.token,
    tools: ['match_offers', 'explain_offer', 'list_nudges', 'start_application'],
    amountCap: { value: 50_000_000, currency: 'CNY' },
    scenario: 'supply-chain',
    expiresInSeconds: 3600,
    agentName: 'Bench agent',
  });
  process.send?.({ url: running.url, grant: grant.token });
  const stop = async () => {
    await running.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
}

function benchOffer() {
  return {
    id: 'bench-inventory',
    productType: 'inventory_financing',
    scenarios: ['supply-chain'],
    currency: 'CNY',
    amount: { min: { value: 5_000_000, currency: 'CNY' }, max: { value: 300_000_000, currency: 'CNY' } },
    termMonths: { min: 3, max: 12 },
    pricing: { apr: { min: 365, max: 720 }, fees: [] },
    texts: {
      'zh-CN': { name: '存货融资', tagline: '以在库商品为依托', highlights: [] },
      en: { name: 'Inventory financing', tagline: 'Working capital backed by your stock', highlights: [] },
    },
    disclosures: [],
    eligibility: [
      {
        id: 'trading-history',
        signal: 'business.age_months',
        op: 'gte',
        value: 12,
        label: { 'zh-CN': '经营满 12 个月', en: 'Trading for at least 12 months' },
      },
    ],
    effective: { from: '2026-01-01T00:00:00Z' },
    priority: 60,
  };
}

if (args.role === 'gateway') await serveGateway();
else await runBenchmark();
