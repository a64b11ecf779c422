// Benchmark: server-side time to the first streamed part of POST /v1/chat/messages with the
// default advisor, over 500 published knowledge documents plus the demo offers (SQLite).
// "Server-side" is measured at the gateway's fetch handler (no socket): from the request to the
// first Server-Sent Event chunk of the response body. One message at a time, after a warm-up.
//   pnpm bench   (or: node packages/gateway/bench/chat.bench.js --messages 400 [--json] [--check])
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const TARGET_P99_MS = 50;
const DOCUMENTS = 500;
const here = fileURLToPath(new URL('.', import.meta.url));
const demo = join(here, '../../cli/demo');
const { parse: parseYaml } = createRequire(join(demo, '../package.json'))('yaml');

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '400' },
    json: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
  },
});

const contracts = await import('../../contracts/dist/index.js');
const { createAdminKey, createGateway, createPartner, openStore } = await import('../dist/index.js');

const dataDir = mkdtempSync(join(tmpdir(), 'finlet-chat-bench-'));
const store = await openStore({ dataDir });
await store.migrate();
const author = await createAdminKey(store, { name: 'Bench author', role: 'author' });
const approver = await createAdminKey(store, { name: 'Bench approver', role: 'approver' });
const partner = await createPartner(store, {
  name: 'Bench partner',
  scenarios: ['tourism', 'government', 'consumption', 'supply-chain'],
});
const gateway = await createGateway({
  store,
  logger: false,
  webhooks: { worker: false },
  rateLimits: false,
});

async function call(key, method, path, body) {
  const response = await gateway.fetch(
    new Request(`http://bench${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    }),
  );
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

// 500 published documents: the 27 demo documents, varied, published through the admin API.
const base = readdirSync(join(demo, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => {
    const { frontMatter, body } = contracts.splitFrontMatter(readFileSync(join(demo, 'docs', f), 'utf8'));
    return contracts.KnowledgeDocumentContent.parse(
      contracts.knowledgeFromMarkdown(parseYaml(frontMatter), body),
    );
  });
const docs = Array.from({ length: DOCUMENTS }, (_, i) => {
  const doc = base[i % base.length];
  if (i < base.length) return doc;
  const n = Math.floor(i / base.length);
  const vary = (t) => ({
    title: `${t.title} (${n})`,
    body: t.body.split('\n\n').reverse().join('\n\n'),
  });
  return {
    ...doc,
    id: `${doc.id}-${n}`,
    texts: { 'zh-CN': vary(doc.texts['zh-CN']), en: vary(doc.texts.en) },
  };
});
const publishDoc = async (doc) => {
  const v = `/v1/admin/knowledge/${doc.id}/versions/1`;
  await call(author.apiKey, 'POST', '/v1/admin/knowledge', doc);
  await call(author.apiKey, 'POST', `${v}/submit`);
  await call(approver.apiKey, 'POST', `${v}/approve`);
  await call(approver.apiKey, 'POST', `${v}/publish`);
};
for (let i = 0; i < docs.length; i += 20) await Promise.all(docs.slice(i, i + 20).map(publishDoc));
for (const f of readdirSync(join(demo, 'offers')).sort()) {
  const offer = parseYaml(readFileSync(join(demo, 'offers', f), 'utf8'));
  const v = `/v1/admin/offers/${offer.id}/versions/1`;
  await call(author.apiKey, 'POST', '/v1/admin/offers', offer);
  await call(author.apiKey, 'POST', `${v}/submit`);
  await call(approver.apiKey, 'POST', `${v}/approve`);
  await call(approver.apiKey, 'POST', `${v}/publish`);
}

const partners = parseYaml(readFileSync(join(demo, 'partners.yaml'), 'utf8')).partners;
const tokens = {};
for (const p of partners) {
  const s = p.sampleSession;
  tokens[s.scenario] = (
    await call(partner.secretKey, 'POST', '/v1/embed-sessions', {
      userId: s.userId,
      scenario: s.scenario,
      signals: s.signals ?? {},
      ttlSeconds: 3600,
    })
  ).token;
}
const questions = JSON.parse(readFileSync(join(here, '../../engine/eval/questions.json'), 'utf8')).questions;

/** Milliseconds from the request to the first SSE chunk, and the whole answer. */
async function ask(q) {
  const started = performance.now();
  const response = await gateway.fetch(
    new Request('http://bench/v1/chat/messages', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[q.scenario]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: `${q.text} ${q.suffix ?? ''}`.trim(), locale: q.locale }),
    }),
  );
  if (response.status !== 200) throw new Error(`chat answered ${response.status}: ${await response.text()}`);
  const reader = response.body.getReader();
  const first = await reader.read();
  const ttfp = performance.now() - started;
  if (first.done) throw new Error('empty stream');
  while (!(await reader.read()).done) {}
  return { ttfp, total: performance.now() - started };
}

// Each message gets a made-up word, so no answer comes from the retrieval memo of an earlier one.
const nonce = (i) => `ref ${i.toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[Number(d)])}`;
const question = (i) => ({ ...questions[i % questions.length], suffix: nonce(i) });
for (let i = 0; i < 40; i++) await ask(question(1_000_000 + i));
const count = Number(args.messages);
const ttfp = [];
const total = [];
for (let i = 0; i < count; i++) {
  const r = await ask(question(i));
  ttfp.push(r.ttfp);
  total.push(r.total);
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const report = {
  documents: DOCUMENTS,
  offers: readdirSync(join(demo, 'offers')).length,
  messages: count,
  ttfpMs: { median: pct(ttfp, 50), p99: pct(ttfp, 99), max: Math.max(...ttfp) },
  totalMs: { median: pct(total, 50), p99: pct(total, 99) },
  targetP99Ms: TARGET_P99_MS,
};
await gateway.close();
await store.close();
rmSync(dataDir, { recursive: true, force: true });
if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else {
  const f = (x) => `${x.toFixed(2)} ms`;
  process.stdout.write(
    `chat (default advisor, ${report.documents} published documents + ${report.offers} offers, ${count} messages, one at a time)\n` +
      `  time to first streamed part (server-side): median ${f(report.ttfpMs.median)}, p99 ${f(report.ttfpMs.p99)}, max ${f(report.ttfpMs.max)}  (target p99 < ${TARGET_P99_MS} ms)\n` +
      `  whole answer: median ${f(report.totalMs.median)}, p99 ${f(report.totalMs.p99)}\n`,
  );
}
if (args.check && report.ttfpMs.p99 >= TARGET_P99_MS) process.exitCode = 1;
