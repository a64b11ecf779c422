import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { OfferContentInput, Scenario } from '@finlet/contracts';
import {
  cashWealthOffer,
  consumerOffer,
  debitCardOffer,
  inventoryOffer,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { launchChromium } from '@finlet/testing/browser';
import { buildTestBundle } from '@finlet/testing/bundle';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const contracts = fileURLToPath(new URL('../../../packages/contracts/src/index.ts', import.meta.url));
/** The console page's policy (console-api.md §7). */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** A new draft of the published inventory offer, with a turnover trigger. */
const draft: OfferContentInput = {
  ...structuredClone(inventoryOffer),
  texts: {
    'zh-CN': {
      name: '存货融资（新版）',
      tagline: '以在库商品为依托，随借随还',
      highlights: ['最快当天放款'],
    },
    en: {
      name: 'Inventory financing (new)',
      tagline: 'Backed by your stock',
      highlights: ['Same-day funds'],
    },
  },
  triggers: [
    {
      id: 'turnover-slowing',
      when: [
        { kind: 'change', signal: 'inventory.turnover_days', direction: 'up', percent: 30, windowDays: 30 },
      ],
      prequalify: { kind: 'offer_max' },
    },
  ],
};

/** An offer of a scenario no sample context is for. */
const governmentOffer: OfferContentInput = {
  ...structuredClone(consumerOffer),
  id: 'gov-startup-loan',
  scenarios: ['government'],
};

let gw: TestGateway;
let server: Server;
let browser: Browser;
let origin: string;
let dir: string;
let version: number;

/**
 * The console is served by the gateway; here a proxy in front of a real gateway plays that part:
 * it serves the test page, the preview element and the freshly built finlet.js, and forwards every
 * other request with its Host header, so the gateway sees one origin (its own) as in production.
 */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fc-preview-'));
  const [finlet] = await Promise.all([
    buildTestBundle(),
    build({
      entryPoints: [join(here, 'fc-offer-preview.ts')],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      outfile: join(dir, 'preview.js'),
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
      plugins: [
        {
          name: 'contracts-source',
          setup(b) {
            b.onResolve({ filter: /^@finlet\/contracts$/ }, () => ({ path: contracts }));
          },
        },
      ],
      logLevel: 'silent',
    }),
  ]);
  const files: Record<string, Buffer> = {
    '/preview.js': readFileSync(join(dir, 'preview.js')),
    '/finlet.js': readFileSync(finlet),
  };
  gw = await startTestGateway('sqlite');
  await gw.publish(inventoryOffer);
  await gw.publish(consumerOffer);
  await gw.publish(governmentOffer);
  await gw.publish(debitCardOffer);
  await gw.publish(cashWealthOffer);
  const created = await gw.api<{ version: number }>(
    'POST',
    `/v1/admin/offers/${inventoryOffer.id}/versions`,
    {
      auth: gw.admins.author.apiKey,
      body: draft,
    },
  );
  expect(created.status).toBe(201);
  version = created.body.version;
  const target = new URL(gw.url);

  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const headers = { 'content-security-policy': CSP, 'cache-control': 'no-store' };
    const lazy = /^\/finlet\/([\w.-]+\.js)$/.exec(url.pathname);
    const file =
      files[url.pathname] ?? (lazy ? readFileSync(join(dirname(finlet), 'finlet', lazy[1]!)) : undefined);
    if (file) {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript' });
      return res.end(file);
    }
    if (url.pathname === '/console/preview') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preview</title>
<script type="module" src="/finlet.js"></script><script type="module" src="/preview.js"></script></head>
<body><main></main></body></html>`);
    }
    const forward = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Signs in on the console origin (session cookie), then mounts the preview of the draft. */
async function open(
  locale: 'en' | 'zh-CN' = 'en',
  offer: { id: string; version: number; scenarios?: Scenario[] } = { id: inventoryOffer.id, version },
): Promise<{ page: Page; problems: string[] }> {
  // The test gateway's clock stands still; the samples date their signals by the browser's clock.
  gw.clock.now = new Date();
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(`${origin}/console/preview`);
  const status = await page.evaluate(async (apiKey) => {
    const response = await fetch('/v1/admin/console/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey }),
    });
    return response.status;
  }, gw.admins.author.apiKey);
  expect(status).toBe(201);
  await page.evaluate(
    async ({ id, version, scenarios, locale }) => {
      await customElements.whenDefined('fc-offer-preview');
      const el = document.createElement('fc-offer-preview');
      Object.assign(el, { offerId: id, version, locale }, scenarios ? { scenarios } : {});
      document.querySelector('main')!.append(el);
    },
    { ...offer, locale },
  );
  return { page, problems };
}

const csp = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

describe('<fc-offer-preview>', { timeout: 180_000 }, () => {
  it('shows which criteria pass for a sample context and the real widgets with the draft, in both locales', async () => {
    const { page, problems } = await open('en');
    const turnover = page.locator('fc-offer-preview li[data-criterion="turnover"]');
    await expect.poll(() => turnover.getAttribute('data-met')).toBe('true');
    expect(await turnover.textContent()).toContain('Passes');
    expect(await page.locator('fc-offer-preview .verdict').textContent()).toContain('Eligible');
    // 45 → 62 days is up more than 30 % in 30 days: the draft's trigger would raise a nudge.
    expect(await page.locator('fc-offer-preview [data-nudge-reason]').getAttribute('data-nudge-reason')).toBe(
      'raised',
    );

    // The real widgets show the draft (not the published version) in zh-CN and en side by side.
    const en = page.locator('fc-offer-preview [data-locale="en"] finlet-offers');
    const zh = page.locator('fc-offer-preview [data-locale="zh-CN"] finlet-offers');
    const offerIn = (offers: typeof en) => offers.locator('[part="offer"][data-offer="scf-inventory-loan"]');
    await expect.poll(() => offerIn(en).textContent()).toContain('Inventory financing (new)');
    await expect.poll(() => offerIn(zh).textContent()).toContain('存货融资（新版）');
    const nudges = page.locator('fc-offer-preview [data-locale="en"] finlet-nudges');
    await expect.poll(() => nudges.locator('[part~="nudge"]').count()).toBeGreaterThan(0);

    // A merchant with 20 turnover days fails the turnover criterion.
    await page.selectOption('fc-offer-preview #sample', 'merchant-20');
    await expect.poll(() => turnover.getAttribute('data-met')).toBe('false');
    expect(await turnover.textContent()).toContain('Fails');
    expect(await turnover.textContent()).toContain('this context: 20');
    expect(await page.locator('fc-offer-preview .verdict').textContent()).toContain('Not eligible');

    // Elder mode reaches the widgets.
    await page.getByLabel('Elder mode').check();
    await expect.poll(() => en.getAttribute('mode')).toBe('elder');
    // The advisor is there to ask about it (loaded on first use from finlet.js).
    await expect
      .poll(() => page.evaluate(() => Boolean(customElements.get('finlet-advice-chat'))))
      .toBe(true);
    await expect
      .poll(() =>
        page
          .locator('fc-offer-preview finlet-advice-chat textarea, fc-offer-preview finlet-advice-chat input')
          .count(),
      )
      .toBeGreaterThan(0);

    const axe = await new AxeBuilder({ page }).analyze();
    expect(
      axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    expect(await csp(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('takes custom signals and explains a refusal in the console language', async () => {
    const { page } = await open('zh-CN');
    const turnover = page.locator('fc-offer-preview li[data-criterion="turnover"]');
    await expect.poll(() => turnover.getAttribute('data-met')).toBe('true');
    await page.fill('fc-offer-preview #signals', 'inventory.turnover_days = 30\nnot a signal');
    await page.getByRole('button', { name: '预览' }).click();
    await expect.poll(() => page.locator('fc-offer-preview #signals-err').textContent()).toContain('第 2 行');
    await page.fill('fc-offer-preview #signals', 'inventory.turnover_days = 30');
    await page.getByRole('button', { name: '预览' }).click();
    await expect.poll(() => turnover.getAttribute('data-met')).toBe('false');
    expect(await turnover.textContent()).toContain('未通过');

    // A version that does not exist: the gateway's problem code, in words.
    await page.evaluate(() => {
      const el = document.querySelector('fc-offer-preview')!;
      el.version = 99;
    });
    await expect
      .poll(() => page.locator('fc-offer-preview [part="error"]').textContent())
      .toContain('该产品版本不存在');
  });

  it('starts from a sample context of the offer’s own scenario, and says why when none is for it', async () => {
    const shop = await open('en', { id: consumerOffer.id, version: 1, scenarios: ['consumption'] });
    const sample = shop.page.locator('fc-offer-preview #sample');
    await expect.poll(() => sample.inputValue()).toBe('cart-8000');
    await expect
      .poll(() => shop.page.locator('fc-offer-preview .verdict').textContent())
      .toContain('Eligible');
    expect(await shop.page.locator('fc-offer-preview [data-sample-note]').count()).toBe(0);
    await shop.page.context().close();

    const gov = await open('zh-CN', { id: governmentOffer.id, version: 1, scenarios: ['government'] });
    const note = gov.page.locator('fc-offer-preview [data-sample-note]');
    await expect.poll(() => note.textContent()).toContain('没有适用于该产品场景（government）的示例情境');
    expect(await gov.page.locator('fc-offer-preview #scenario').inputValue()).toBe('government');
    // The preview ran in the offer's scenario, so the scenario check passes.
    await expect
      .poll(() => gov.page.locator('fc-offer-preview li[data-check="scenario"]').getAttribute('data-met'))
      .toBe('true');
    // Picking a sample is the author's choice: the note goes.
    await gov.page.selectOption('fc-offer-preview #sample', 'cart-8000');
    await expect.poll(() => note.count()).toBe(0);
    await gov.page.context().close();
  });

  it('previews a product without an amount range, and a wealth product’s suitability with its reason', async () => {
    const card = await open('en', { id: debitCardOffer.id, version: 1, scenarios: ['consumption'] });
    const amount = card.page.locator('fc-offer-preview li[data-check="amount"]');
    await expect.poll(() => amount.getAttribute('data-met')).toBe('true');
    expect(await amount.textContent()).toContain('no amount range');
    expect(await card.page.locator('fc-offer-preview [part="evaluation"]').textContent()).not.toMatch(/NaN/);
    await expect
      .poll(() => card.page.locator('fc-offer-preview .verdict').textContent())
      .toContain('Eligible');
    await card.page.context().close();

    const wealth = await open('zh-CN', { id: cashWealthOffer.id, version: 1, scenarios: ['consumption'] });
    const risk = wealth.page.locator('fc-offer-preview li[data-check="risk_level"]');
    // The sample user has no assessed level: the product waits for the assessment, said in words.
    await expect.poll(() => risk.getAttribute('data-met')).toBe('false');
    expect(await risk.locator('[data-reason]').getAttribute('data-reason')).toBe('needs_risk_assessment');
    expect(await risk.textContent()).toContain('请先完成风险承受能力评估');
    await wealth.page.fill('fc-offer-preview #signals', 'investor.risk_level = C2');
    await wealth.page.getByRole('button', { name: '预览' }).click();
    await expect.poll(() => risk.getAttribute('data-met')).toBe('true');
    expect(await risk.locator('[data-reason]').count()).toBe(0);
    expect(await csp(wealth.page)).toEqual([]);
    expect(wealth.problems).toEqual([]);
    await wealth.page.context().close();
  });
});
