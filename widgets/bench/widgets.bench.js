// Benchmark: the widget kit's size and <finlet-offers>' first render, each beside a baseline
// measured in the same run. Run after the build:
//   pnpm bench        (or: node widgets/bench/widgets.bench.js [--runs 15] [--json])
// Size: finlet.js and each element entry, minified like the release bundle, gzip -9 and brotli -11,
// beside a minimal LitElement (Lit alone). Render: Debian's Chromium loads a partner page with
// one script tag against a warm gateway (SQLite, demo-like offers); the time is from navigation
// start to `finlet-ready` (offers on screen), beside the same page's own `load` event.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET_BROTLI = 30 * 1024;
const root = fileURLToPath(new URL('../../', import.meta.url));
const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, json: { type: 'boolean', default: false } },
  strict: true,
});
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 3) {
  process.stderr.write(`widgets.bench: --runs must be a whole number ≥ 3, got "${args.runs}"\n`);
  process.exit(2);
}

const sizes = await measureSizes();
const render = await measureFirstRender();
const report = { sizes, render, budgetBrotli: BUDGET_BROTLI };
if (args.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  process.stdout.write('\nwidgets: size (minified; gzip -9 / brotli -11)\n');
  for (const s of sizes) {
    const ratio = s.name === 'lit alone' ? '' : `  ${(s.brotli / sizes[0].brotli).toFixed(2)}× Lit`;
    process.stdout.write(
      `  ${s.name.padEnd(22)} ${kb(s.raw).padStart(9)} ${kb(s.gzip).padStart(9)} ${kb(s.brotli).padStart(9)}${ratio}\n`,
    );
  }
  const kit = sizes.find((s) => s.name === 'finlet.js');
  const whole = sizes.find((s) => s.name === 'whole kit');
  process.stdout.write(
    `  budget ${kb(BUDGET_BROTLI)} brotli: finlet.js (every page) ${kb(kit.brotli)} ${kit.brotli <= BUDGET_BROTLI ? 'within' : 'OVER'}; whole kit ${kb(whole.brotli)} ${whole.brotli <= BUDGET_BROTLI ? 'within' : 'OVER'}\n`,
  );
  process.stdout.write(`\nwidgets: first render of <finlet-offers>, warm gateway, ${runs} loads\n`);
  process.stdout.write(
    `  finlet-ready  median ${render.ready.median.toFixed(0)} ms  p90 ${render.ready.p90.toFixed(0)} ms (from navigation start)\n` +
      `  page load     median ${render.load.median.toFixed(0)} ms (baseline: the same page's load event)\n` +
      `  ratio         ${(render.ready.median / render.load.median).toFixed(2)}× page load\n`,
  );
}

async function bundle(input, extraPlugins = []) {
  const { rollup } = await import('rollup');
  const configs = (await import(join(root, 'rollup.config.mjs'))).default;
  const base = configs.find((c) => c.input === 'widgets/src/finlet.ts');
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const build = await rollup({
      ...base,
      input,
      plugins: [...extraPlugins, ...base.plugins],
      output: undefined,
    });
    const { output } = await build.generate({ format: 'es' });
    await build.close();
    return Buffer.from(output[0].code);
  } finally {
    process.chdir(cwd);
  }
}

function sizeOf(name, code) {
  return {
    name,
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

async function measureSizes() {
  const litAlone = await bundle('widgets/bench/lit-alone.js');
  const results = [sizeOf('lit alone', litAlone)];
  const dist = join(root, 'widgets/dist/bundle');
  results.push(sizeOf('finlet.js', readFileSync(join(dist, 'finlet.js'))));
  const lazy = readdirSync(join(dist, 'finlet')).filter((n) => n.endsWith('.js'));
  for (const name of lazy) {
    results.push(
      sizeOf(`  + ${name.replace(/-[\w]+\.js$/, '')} (lazy)`, readFileSync(join(dist, 'finlet', name))),
    );
  }
  results.push(
    sizeOf(
      'whole kit',
      Buffer.concat([
        readFileSync(join(dist, 'finlet.js')),
        ...lazy.map((n) => readFileSync(join(dist, 'finlet', n))),
      ]),
    ),
  );
  for (const element of ['provider', 'offers', 'apply', 'nudges', 'route-quote', 'advice-chat']) {
    results.push(
      sizeOf(`@finlet/widgets/${element}`, await bundle(`widgets/src/${element}/finlet-${element}.ts`)),
    );
  }
  return results;
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p90: at(0.9), min: sorted[0], max: sorted.at(-1) };
}

async function measureFirstRender() {
  const { openStore, startGateway, createAdminKey, createPartner } = await import('@finlet/gateway');
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'finlet-widgets-bench-'));
  const bundleCode = readFileSync(join(root, 'widgets/dist/bundle/finlet.js'));
  const store = await openStore({ dataDir: dir });
  await store.migrate();
  const gateway = await startGateway({ store, port: 0, host: '127.0.0.1', logger: false });
  const page = createServer((req, res) => {
    if (req.url === '/finlet.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(bundleCode);
    }
    if (req.url?.startsWith('/finlet/')) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(readFileSync(join(root, 'widgets/dist/bundle', req.url)));
    }
    if (req.url === '/setup.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(
        `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
      );
    }
    if (req.url === '/session') {
      fetch(`${gateway.url}/v1/embed-sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${partner.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'bench-user', scenario: 'consumption', signals: { 'user.age': 35 } }),
      })
        .then((r) => r.text())
        .then((body) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(body);
        });
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' ${gateway.url}`,
    });
    res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="/finlet.js"></script><script type="module" src="/setup.js"></script></head>
<body><h1>Checkout</h1><finlet-provider gateway="${gateway.url}"><finlet-offers amount="8000"></finlet-offers></finlet-provider></body></html>`);
  });
  await new Promise((resolve) => page.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${page.address().port}`;
  const partner = await createPartner(store, {
    name: 'Bench shop',
    origins: [origin],
    scenarios: ['consumption'],
  });
  const author = await createAdminKey(store, { name: 'author', role: 'author' });
  const approver = await createAdminKey(store, { name: 'approver', role: 'approver' });
  const offers = JSON.parse(readFileSync(join(root, 'widgets/bench/offers.json'), 'utf8'));
  for (const offer of offers) await publish(gateway.url, author.apiKey, approver.apiKey, offer);

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const ready = [];
  const load = [];
  try {
    for (let i = 0; i < runs + 2; i++) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.addInitScript(() => {
        document.addEventListener('finlet-ready', () => {
          window.__ready = performance.now();
        });
      });
      await tab.goto(`${origin}/`);
      await tab.waitForFunction(() => window.__ready !== undefined, null, { timeout: 15_000 });
      const timing = await tab.evaluate(() => ({
        ready: window.__ready,
        load: performance.getEntriesByType('navigation')[0].loadEventEnd,
      }));
      // The first two loads warm the gateway and Chromium's caches; they are not counted.
      if (i >= 2) {
        ready.push(timing.ready);
        load.push(timing.load);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => page.close(resolve));
    await gateway.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { ready: stats(ready), load: stats(load), runs };
}

async function publish(url, authorKey, approverKey, offer) {
  const call = async (path, key, body) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const created = await call('/v1/admin/offers', authorKey, offer);
  const base = `/v1/admin/offers/${offer.id}/versions/${created.version}`;
  await call(`${base}/submit`, authorKey, {});
  await call(`${base}/approve`, approverKey, {});
  await call(`${base}/publish`, approverKey, {});
}
