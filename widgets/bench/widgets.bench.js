// Benchmark: the widget kit's size and how fast <finlet-offers> paints, each beside baselines
// measured in the same run. Run after the build:
//   pnpm bench   (or: node widgets/bench/widgets.bench.js [--runs 15] [--json] [--baseline <dir>] [--trace <file> [--trace-page token|offers|placeholder|lit|litHeading|empty] [--trace-lite]] [--pages token,litHeading,...])
// Size: finlet.js, its lazy chunks, the whole kit and each element entry imported alone, minified
// like the release bundle, gzip -9 and brotli -11, beside a minimal LitElement (Lit alone).
// Render: eight pages served from loopback, each load in a fresh Chromium context, interleaved in
// one run: an empty page, a minimal Lit element (a Latin word in the default font), the same painting
// <finlet-offers>' zh-CN title in the kit's font stack (the fair baseline: resolving a CJK fallback
// and a bold strike costs as much under Lit as under Finlet), finlet.js with <finlet-offers>
// fetching its session (first paint), the same with a session token in hand (offers painted), and
// that page with the element's server-rendered placeholder (`finletPlaceholder`) in the tag; the
// last two again with finlet.js arriving 50 ms after the page (as from a farther CDN). Paint times are the
// page's own `first-contentful-paint` entry (no page has text but its element's) and, for offers,
// the first animation frame after `finlet-ready`, both from navigation start. Medians and p90 are
// reported against the empty page, and each page's own work: first paint − its script's arrival,
// paired within the load (the network's jitter cancels out). A gateway round trip is the median of `POST /v1/offers/match`
// from this process with the same token, sent as the element sends it. `--baseline <dir>` adds the
// two finlet pages again with another build of finlet.js (a copy of an earlier
// widgets/dist/bundle), interleaved with the rest.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '@finlet/testing/chromium';

const BUDGET_BROTLI = 25 * 1024;
/** How much later than the page the `cdn` pages' finlet.js arrives. */
const CDN_DELAY_MS = 50;
/** The pages' CSP nonce for styles: the server-rendered placeholder's <style> carries it. */
const NONCE = 'bench-nonce';
const root = fileURLToPath(new URL('../../', import.meta.url));
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
    baseline: { type: 'string' },
    'skip-sizes': { type: 'boolean', default: false },
    trace: { type: 'string' },
    'trace-page': { type: 'string', default: 'token' },
    // The trace without the CPU profiler (its sampling about doubles the time scripts take), with
    // V8's compile events instead: how long each step really takes, and how much of it is compiling.
    'trace-lite': { type: 'boolean', default: false },
    // Only these pages (names as in --trace-page, comma-separated): a quicker A/B of two builds.
    pages: { type: 'string' },
  },
  strict: true,
});
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 3) {
  process.stderr.write(`widgets.bench: --runs must be a whole number ≥ 3, got "${args.runs}"\n`);
  process.exit(2);
}
if (args.baseline && !existsSync(join(args.baseline, 'finlet.js'))) {
  process.stderr.write(`widgets.bench: --baseline ${args.baseline} holds no finlet.js\n`);
  process.exit(2);
}

class UsageError extends Error {}

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
  'loading',
  'netlog',
];
const METRICS = {
  firstPaint: 'first paint',
  offersPainted: 'offers painted',
  scriptArrived: '  finlet.js arrived',
  matchSent: '  POST /v1/offers/match sent',
  matchAnswered: '  match answered',
  afterAnswer: '  offers painted − match answered (same load)',
  scriptToPaint: '  first paint − its script arrived (same load)',
};
const sizes = args['skip-sizes'] ? [] : await measureSizes();
const render = await measureRender().catch((error) => {
  // A mistake in the arguments: one line, not a stack.
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`widgets.bench: ${error.message}\n`);
  process.exit(2);
});
const report = { sizes, render, budgetBrotli: BUDGET_BROTLI };
if (args.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  if (sizes.length > 0) {
    process.stdout.write('\nwidgets: size (minified; raw / gzip -9 / brotli -11)\n');
    for (const s of sizes) {
      const ratio = s.name === 'lit alone' ? '' : `  ${(s.brotli / sizes[0].brotli).toFixed(2)}× Lit`;
      process.stdout.write(
        `  ${s.name.padEnd(30)} ${kb(s.raw).padStart(9)} ${kb(s.gzip).padStart(9)} ${kb(s.brotli).padStart(9)}${ratio}\n`,
      );
    }
    const kit = sizes.find((s) => s.name === 'finlet.js');
    process.stdout.write(
      `  budget ${kb(BUDGET_BROTLI)} brotli: finlet.js (every page) ${kb(kit.brotli)} ${kit.brotli <= BUDGET_BROTLI ? 'within' : 'OVER'}\n`,
    );
  }
  const ms = (n) => `${n.toFixed(0)} ms`.padStart(7);
  // A run with --pages that left the empty page out has nothing to take Δ against: no Δ columns.
  const empty = render.pages.empty?.firstPaint;
  process.stdout.write(
    `\nwidgets: render, ${render.runs} fresh-context loads per page, interleaved (from navigation start${empty ? "; Δ = vs the empty page's first paint" : ''})\n`,
  );
  process.stdout.write(
    `  ${''.padEnd(52)} ${'median'.padStart(7)} ${'p90'.padStart(7)}${empty ? ` ${'Δ median'.padStart(9)} ${'Δ p90'.padStart(7)}` : ''}\n`,
  );
  for (const [name, page] of Object.entries(render.pages)) {
    for (const [metric, s] of Object.entries(page)) {
      if (metric === 'label') continue;
      // A duration within one load, not a time from navigation start: no Δ.
      const delta =
        !empty || metric === 'afterAnswer' || metric === 'scriptToPaint'
          ? ''
          : ` ${ms(s.median - empty.median).padStart(9)} ${ms(s.p90 - empty.p90)}`;
      process.stdout.write(
        `  ${`${page.label}: ${METRICS[metric]}`.padEnd(52)} ${ms(s.median)} ${ms(s.p90)}${delta}\n`,
      );
    }
    void name;
  }
  const { lit, litHeading, offers, token, placeholder, tokenCdn, placeholderCdn } = render.pages;
  process.stdout.write(
    `  gateway round trip (POST /v1/offers/match from node): median ${render.roundTrip.median.toFixed(1)} ms\n`,
  );
  // A run with --pages prints the goals only when it measured every page they compare.
  if ([lit, litHeading, offers, token, placeholder, tokenCdn, placeholderCdn].every(Boolean))
    process.stdout.write(
      `  goals: offers first paint − Lit with the same title and fonts = ${(offers.firstPaint.median - litHeading.firstPaint.median).toFixed(0)} ms (≤ 20; − Lit with a Latin word: ${(offers.firstPaint.median - lit.firstPaint.median).toFixed(0)} ms); ` +
        `offers painted − first paint − round trip = ${(token.offersPainted.median - token.firstPaint.median - render.roundTrip.median).toFixed(0)} ms (≤ 30)\n` +
        `  own work (first paint − its script arrived, medians): <finlet-offers> ${offers.scriptToPaint.median.toFixed(0)} ms, with a token ${token.scriptToPaint.median.toFixed(0)} ms, Lit with the same title and fonts ${litHeading.scriptToPaint.median.toFixed(0)} ms\n` +
        `  with the server-rendered placeholder: first paint − Lit with the same title and fonts = ${(placeholder.firstPaint.median - litHeading.firstPaint.median).toFixed(0)} ms; offers painted − the token page's = ${(placeholder.offersPainted.median - token.offersPainted.median).toFixed(0)} ms; ` +
        `with finlet.js ${CDN_DELAY_MS} ms later: first paint ${(placeholderCdn.firstPaint.median - tokenCdn.firstPaint.median).toFixed(0)} ms, offers painted ${(placeholderCdn.offersPainted.median - tokenCdn.offersPainted.median).toFixed(0)} ms vs without the placeholder\n`,
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
      sizeOf(`  + ${name.replace(/-[\w-]{8}\.js$/, '')} (lazy)`, readFileSync(join(dist, 'finlet', name))),
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
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p90: at(0.9), min: sorted[0], max: sorted.at(-1) };
}

async function measureRender() {
  const { openStore, startGateway, createAdminKey, createPartner } = await import('@finlet/gateway');
  const { finletPlaceholder } = await import('@finlet/widgets/placeholder');
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'finlet-widgets-bench-'));
  // `cdn`: the current build served CDN_DELAY_MS late, as from a CDN farther away than the page.
  const bundles = { current: join(root, 'widgets/dist/bundle'), cdn: join(root, 'widgets/dist/bundle') };
  if (args.baseline) bundles.baseline = args.baseline;
  const litCode = await bundle('widgets/bench/lit-alone.js');
  const litHeadingCode = await bundle('widgets/bench/lit-heading.js');
  const store = await openStore({ dataDir: dir });
  await store.migrate();
  const gateway = await startGateway({ store, port: 0, host: '127.0.0.1', logger: false });
  // A user per session: the gateway's per-user request budget would otherwise end a long run.
  let users = 0;
  const mintSession = async () => {
    const response = await fetch(`${gateway.url}/v1/embed-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: `bench-user-${++users}`,
        scenario: 'consumption',
        signals: { 'user.age': 35 },
      }),
    });
    return response.json();
  };
  const js = (res, body) => {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
    res.end(body);
  };
  const htmlPage = (res, head, body) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'self' 'nonce-${NONCE}'; connect-src 'self' ${gateway.url}`,
    });
    res.end(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title>${head}</head><body>${body}</body></html>`,
    );
  };
  const finletPage = (res, build, token, placeholder = '') => {
    const src = `/${build}/finlet.js`;
    const head = token
      ? `<script type="module" src="${src}"></script>`
      : `<script type="module" src="${src}"></script><script type="module" src="/setup.js"></script>`;
    htmlPage(
      res,
      head,
      `<finlet-provider gateway="${gateway.url}"${token ? ` session-token="${token}"` : ''}><finlet-offers amount="8000">${placeholder}</finlet-offers></finlet-provider>`,
    );
  };
  const page = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const build = /^\/(current|baseline|cdn)\//.exec(url.pathname)?.[1];
    if (build && bundles[build]) {
      const file = normalize(url.pathname.slice(build.length + 2));
      if (file.startsWith('..') || !file.endsWith('.js')) return res.writeHead(404).end();
      const code = readFileSync(join(bundles[build], file));
      if (build === 'cdn') return void setTimeout(() => js(res, code), CDN_DELAY_MS);
      return js(res, code);
    }
    switch (url.pathname) {
      case '/lit.js':
        return js(res, litCode);
      case '/lit-heading.js':
        return js(res, litHeadingCode);
      case '/setup.js':
        return js(
          res,
          `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
        );
      case '/session':
        return void mintSession().then((body) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        });
      case '/empty':
        return htmlPage(res, '', '<p>Checkout</p>');
      case '/lit':
        return htmlPage(
          res,
          '<script type="module" src="/lit.js"></script>',
          '<lit-alone label="Checkout"></lit-alone>',
        );
      case '/lit-heading':
        return htmlPage(
          res,
          '<script type="module" src="/lit-heading.js"></script>',
          '<lit-heading label="为您推荐的金融服务"></lit-heading>',
        );
      case '/offers':
        return finletPage(res, url.searchParams.get('build') ?? 'current');
      case '/token':
        // The partner's server minted the session while rendering the page: the token is in hand.
        return void mintSession().then(({ token }) =>
          finletPage(res, url.searchParams.get('build') ?? 'current', token),
        );
      case '/placeholder':
        // The same, and the server also rendered the element's placeholder into the tag.
        return void mintSession().then(({ token }) =>
          finletPage(
            res,
            url.searchParams.get('build') ?? 'current',
            token,
            finletPlaceholder('finlet-offers', { nonce: NONCE }),
          ),
        );
      default:
        res.writeHead(404).end();
    }
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

  const pages = [
    { name: 'empty', label: 'empty page', path: '/empty' },
    { name: 'lit', label: 'minimal Lit element', path: '/lit' },
    { name: 'litHeading', label: 'Lit, same title and fonts', path: '/lit-heading' },
    { name: 'offers', label: 'finlet.js <finlet-offers>', path: '/offers', ready: true },
    { name: 'token', label: 'finlet.js, token in hand', path: '/token', ready: true },
    {
      name: 'placeholder',
      label: 'finlet.js, token, server-rendered placeholder',
      path: '/placeholder',
      ready: true,
      // It paints before its script arrives: "own work" means nothing here.
      ownWork: false,
    },
    // The last two again with finlet.js 50 ms farther away than the page: what the placeholder
    // costs the offers when the script is not there at once (on loopback it always is).
    {
      name: 'tokenCdn',
      label: `finlet.js +${CDN_DELAY_MS} ms, token in hand`,
      path: '/token?build=cdn',
      ready: true,
    },
    {
      name: 'placeholderCdn',
      label: `finlet.js +${CDN_DELAY_MS} ms, token, placeholder`,
      path: '/placeholder?build=cdn',
      ready: true,
      ownWork: false,
    },
  ];
  if (args.baseline) {
    pages.push(
      {
        name: 'baselineOffers',
        label: 'baseline finlet.js <finlet-offers>',
        path: '/offers?build=baseline',
        ready: true,
      },
      {
        name: 'baselineToken',
        label: 'baseline finlet.js, token in hand',
        path: '/token?build=baseline',
        ready: true,
      },
    );
  }
  if (args.pages) {
    const wanted = new Set(args.pages.split(','));
    const unknown = [...wanted].filter((name) => !pages.some((p) => p.name === name));
    if (unknown.length > 0) {
      throw new UsageError(
        `--pages: no page ${unknown.join(', ')}; one of ${pages.map((p) => p.name).join(', ')}`,
      );
    }
    pages.splice(0, pages.length, ...pages.filter((p) => wanted.has(p.name)));
  }
  if (args.trace && !pages.some((p) => p.name === args['trace-page'])) {
    throw new UsageError(`--trace-page: one of ${pages.map((p) => p.name).join(', ')}`);
  }
  const samples = Object.fromEntries(pages.map((p) => [p.name, { firstPaint: [], offersPainted: [] }]));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS] });
  const roundTrips = [];
  try {
    // Two rounds warm the gateway, the page server and Chromium's code caches; they are not counted.
    for (let round = 0; round < runs + 2; round++) {
      // Rotate the order each round so no page always follows the same one.
      const order = pages.map((_, i) => pages[(i + round) % pages.length]);
      for (const p of order) {
        const context = await browser.newContext();
        const tab = await context.newPage();
        await tab.addInitScript(() => {
          window.__paint = new Promise((resolve) => {
            new PerformanceObserver((list) => {
              const entry = list.getEntriesByName('first-contentful-paint')[0];
              if (entry) resolve(entry.startTime);
            }).observe({ type: 'paint', buffered: true });
          });
          window.__ready = new Promise((resolve) => {
            document.addEventListener('finlet-ready', () =>
              requestAnimationFrame(() => resolve(performance.now())),
            );
          });
        });
        await tab.goto(`${origin}${p.path}`);
        const firstPaint = await tab.evaluate(() => window.__paint);
        // The page's own work, paired within the load: from its script's arrival to first paint.
        const scriptArrived = await tab.evaluate(() => {
          const script = performance
            .getEntriesByType('resource')
            .find((e) => /\/(?:finlet|lit|lit-heading)\.js$/.test(new URL(e.name).pathname));
          return script?.responseEnd;
        });
        const offersPainted = p.ready ? await tab.evaluate(() => window.__ready) : undefined;
        // Where the time goes: when finlet.js arrived, and when the match left and came back.
        const trace = p.ready
          ? await tab.evaluate(() => {
              const resources = performance.getEntriesByType('resource');
              const script = resources.find((e) => new URL(e.name).pathname.endsWith('/finlet.js'));
              const match = resources.find((e) => new URL(e.name).pathname === '/v1/offers/match');
              return {
                scriptArrived: script?.responseEnd,
                matchSent: match?.startTime,
                matchAnswered: match?.responseEnd,
              };
            })
          : undefined;
        if (round >= 2) {
          samples[p.name].firstPaint.push(firstPaint);
          if (scriptArrived !== undefined && p.ownWork !== false) {
            samples[p.name].scriptToPaint ??= [];
            samples[p.name].scriptToPaint.push(firstPaint - scriptArrived);
          }
          if (offersPainted !== undefined) samples[p.name].offersPainted.push(offersPainted);
          // The element's own part, paired within each load so the gateway's and the machine's
          // jitter between loads cancels out.
          if (offersPainted !== undefined && trace?.matchAnswered !== undefined) {
            trace.afterAnswer = offersPainted - trace.matchAnswered;
          }
          for (const [key, value] of Object.entries(trace ?? {})) {
            if (value === undefined) continue;
            samples[p.name][key] ??= [];
            samples[p.name][key].push(value);
          }
        }
        await context.close();
      }
      const { token } = await mintSession();
      const started = performance.now();
      // The very call the element makes: a simple request (token in a text/plain body), with the
      // products withheld for the user's risk level.
      const match = await fetch(`${gateway.url}/v1/offers/match`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin },
        body: JSON.stringify({
          token,
          body: { includeIneligible: true, amount: { value: 800000, currency: 'CNY' }, limit: 5 },
        }),
      });
      if (!match.ok) throw new Error(`POST /v1/offers/match: ${match.status} ${await match.text()}`);
      await match.arrayBuffer();
      if (round >= 2) roundTrips.push(performance.now() - started);
    }
    if (args.trace) {
      // One more load of a page (token in hand unless --trace-page names another), traced with the
      // renderer's CPU profile: open the file in Chrome DevTools' Performance panel to see where
      // the time before the offers goes.
      const traced = pages.find((p) => p.name === args['trace-page']);
      const context = await browser.newContext();
      const tab = await context.newPage();
      const categories = args['trace-lite']
        ? [
            ...TRACE_CATEGORIES.filter((c) => c !== 'v8.execute' && !c.includes('cpu_profiler')),
            'v8',
            'disabled-by-default-v8.compile',
          ]
        : TRACE_CATEGORIES;
      await browser.startTracing(tab, { path: args.trace, categories });
      await tab.addInitScript(() => {
        window.__ready = new Promise((resolve) => {
          document.addEventListener('finlet-ready', () => requestAnimationFrame(() => resolve()));
        });
      });
      await tab.goto(`${origin}${traced.path}`);
      if (traced.ready) await tab.evaluate(() => window.__ready);
      else
        await tab.evaluate(
          () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))),
        );
      await browser.stopTracing();
      await context.close();
      process.stderr.write(`widgets.bench: trace of a ${traced.label} load written to ${args.trace}\n`);
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => page.close(resolve));
    await gateway.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const result = {};
  for (const p of pages) {
    result[p.name] = { label: p.label, firstPaint: stats(samples[p.name].firstPaint) };
    if (samples[p.name].scriptToPaint?.length)
      result[p.name].scriptToPaint = stats(samples[p.name].scriptToPaint);
    if (p.ready) {
      result[p.name].offersPainted = stats(samples[p.name].offersPainted);
      for (const key of ['scriptArrived', 'matchSent', 'matchAnswered', 'afterAnswer']) {
        if (samples[p.name][key]?.length) result[p.name][key] = stats(samples[p.name][key]);
      }
    }
  }
  return { pages: result, roundTrip: stats(roundTrips), runs };
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
