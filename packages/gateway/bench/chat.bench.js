// Benchmark: server-side time to the first streamed part of POST /v1/chat/messages with the
// default advisor, over 500 published knowledge documents plus the demo offers (SQLite).
// "Server-side" is measured at the gateway's fetch handler (no socket): from the request to the
// first Server-Sent Event chunk of the response body. One message at a time, after a warm-up.
// Then the same questions with a model configured: a local OpenAI-compatible server streams a
// cited answer of four sentences, one token every --pace-ms (default 10) ms, and the gateway relays
// each sentence once checked. Reported: time to the first visible text (the first `text` part) and
// to the whole answer (`done`), and their ratio. The baseline is the whole answer of the same run:
// before sentence streaming, nothing was visible until the model had finished.
//   pnpm bench   (or: node packages/gateway/bench/chat.bench.js --messages 400 [--llm-messages 30] [--pace-ms 10] [--json] [--check])
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
    'llm-messages': { type: 'string', default: '30' },
    'pace-ms': { type: 'string', default: '10' },
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
// The model path: a mock model emitting tokens at a fixed pace, over a real socket.
const { startMockLlm } = await import('../../testing/dist/index.js');
const paceMs = Number(args['pace-ms']);
const SENTENCE_TOKENS = [
  ['根据', '本行', '公布', '的', '资料', '，', '这', '项', '服务', '有', '明确', '的', '说明', '。', '[1] '],
  ['具体', '条件', '以', '产品', '页面', '和', '合同', '为准', '。', '[1] '],
  ['办理', '前', '请', '仔细', '阅读', '相关', '条款', '。', '[1] '],
  ['如有', '疑问', '可以', '转', '人工', '客服', '咨询', '。', '[1]'],
];
const modelTokens = SENTENCE_TOKENS.flat();
const llm = await startMockLlm({ otherwise: modelTokens, paceMs });
const llmGateway = await createGateway({
  store,
  logger: false,
  webhooks: { worker: false },
  rateLimits: false,
  chat: { llm: { baseURL: llm.baseURL, model: 'mock', timeoutMs: 60_000 } },
});
const decoder = new TextDecoder();
/** Milliseconds from the request to the first `text` event and to `done`, through the model. */
async function askModel(q) {
  const started = performance.now();
  const response = await llmGateway.fetch(
    new Request('http://bench/v1/chat/messages', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[q.scenario]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: q.text, locale: 'zh-CN' }),
    }),
  );
  if (response.status !== 200) throw new Error(`chat answered ${response.status}: ${await response.text()}`);
  const reader = response.body.getReader();
  let text = '';
  let firstText;

  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (firstText === undefined && text.includes('event: text\n')) firstText = performance.now() - started;
  }
  const total = performance.now() - started;
  const provider = /"provider":"(\w+)"/.exec(text)?.[1];
  return { firstText, total, provider };
}
// Questions the model path answers (product questions with retrieved sources), from the eval set.
const modelQuestions = questions.filter((q) => q.locale === 'zh-CN' && q.intent === 'product_question');
const llmCount = Number(args['llm-messages']);
const firstText = [];
const whole = [];
let llmAnswered = 0;
for (let i = 0; i < llmCount; i++) {
  const r = await askModel(modelQuestions[i % modelQuestions.length]);
  if (r.provider !== 'llm') continue;
  llmAnswered++;
  firstText.push(r.firstText);
  whole.push(r.total);
}
await llmGateway.close();
await llm.close();
if (llmAnswered === 0) throw new Error('the model path never answered: no measurement');

const report = {
  documents: DOCUMENTS,
  offers: readdirSync(join(demo, 'offers')).length,
  messages: count,
  ttfpMs: { median: pct(ttfp, 50), p99: pct(ttfp, 99), max: Math.max(...ttfp) },
  totalMs: { median: pct(total, 50), p99: pct(total, 99) },
  targetP99Ms: TARGET_P99_MS,
  model: {
    messages: llmAnswered,
    tokens: modelTokens.length,
    paceMs,
    firstVisibleTextMs: { median: pct(firstText, 50), p99: pct(firstText, 99) },
    wholeAnswerMs: { median: pct(whole, 50), p99: pct(whole, 99) },
    /** First visible text over the whole answer (the time to first text before sentence streaming). */
    ratio: pct(firstText, 50) / pct(whole, 50),
  },
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
      `  whole answer: median ${f(report.totalMs.median)}, p99 ${f(report.totalMs.p99)}\n` +
      `chat with a model (mock, ${report.model.tokens} tokens at one per ${paceMs} ms, ${report.model.messages} messages answered by the model)\n` +
      `  first visible text: median ${f(report.model.firstVisibleTextMs.median)}, p99 ${f(report.model.firstVisibleTextMs.p99)}\n` +
      `  whole answer (baseline: first text before sentence streaming): median ${f(report.model.wholeAnswerMs.median)}, p99 ${f(report.model.wholeAnswerMs.p99)}\n` +
      `  first visible text / whole answer: ${report.model.ratio.toFixed(2)}\n`,
  );
}
if (args.check && report.ttfpMs.p99 >= TARGET_P99_MS) process.exitCode = 1;
