// The docs site as `finlet dev` serves it: every page, the generated references, the troubleshooting
// anchors problem `type` URLs point to, strict CSP, and the HTTP API page rendering in Chromium.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCS_API_CSP, DOCS_CSP, DOCS_SITE_DIR, gatewayAssets } from '@finlet/cli/docs-site';
import { PROBLEM_CODES, PROBLEM_TYPE_BASE } from '@finlet/contracts';
import { startTestGateway, type TestGateway } from '@finlet/testing';
import { CHROMIUM_FLAGS } from '@finlet/testing/browser';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

// `pnpm test` builds first; a lone run of this file builds the site if it is missing or older
// than a page of docs/.
const newest = (dir: string): number =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory()
        ? ['examples', 'node_modules'].includes(e.name)
          ? 0
          : newest(join(dir, e.name))
        : e.name.endsWith('.test.ts')
          ? 0
          : statSync(join(dir, e.name)).mtimeMs,
    ),
  );
const index = join(DOCS_SITE_DIR, 'index.html');
if (!existsSync(index) || statSync(index).mtimeMs < newest(join(root, 'docs'))) {
  execFileSync(process.execPath, [join(root, 'docs', 'site', 'build.mjs')], { stdio: 'inherit' });
}

const htmlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? htmlFiles(join(dir, e.name))
      : e.name.endsWith('.html')
        ? [relative(DOCS_SITE_DIR, join(dir, e.name)).split(sep).join('/')]
        : [],
  );

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}
const elements = (
  JSON.parse(readFileSync(join(root, 'widgets', 'custom-elements.json'), 'utf8')) as {
    modules: { declarations?: Declaration[] }[];
  }
).modules
  .flatMap((m) => m.declarations ?? [])
  .filter((d) => d.tagName);

const ids = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));

describe('the docs site served by the gateway at /docs', () => {
  let gw: TestGateway;
  const warnings: string[] = [];
  const get = (path: string) => fetch(new URL(path, gw.url));

  beforeAll(async () => {
    gw = await startTestGateway('sqlite', { gateway: { assets: gatewayAssets((l) => warnings.push(l)) } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('serves the index, guides and troubleshooting in both languages, with the sidebar and language switch', async () => {
    expect(warnings.filter((w) => w.includes('/docs'))).toEqual([]);
    const guides = readdirSync(join(root, 'docs', 'guides')).filter((n) => n.endsWith('.md'));
    for (const [path, lang] of [
      ['/docs', 'en'],
      ['/docs/', 'en'],
      ['/docs/guides/quick-start', 'en'],
      ['/docs/troubleshooting', 'en'],
      ['/docs/zh-CN', 'zh-CN'],
      ['/docs/zh-CN/guides/quick-start', 'zh-CN'],
      ['/docs/zh-CN/troubleshooting', 'zh-CN'],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html, path).toContain(`<html lang="${lang}">`);
      expect(html, path).toContain('<link rel="stylesheet" href="/docs/assets/site.css">');
      // Sidebar: every English guide, and the references.
      if (lang === 'en') {
        for (const guide of guides)
          expect(html, `${path} → ${guide}`).toContain(`href="/docs/guides/${guide.slice(0, -3)}"`);
      }
      for (const ref of ['/docs/api', '/docs/reference/client', '/docs/reference/node']) {
        expect(html, `${path} → ${ref}`).toContain(`href="${ref}"`);
      }
    }
    // The language switch leads to the same page in the other language.
    expect(await (await get('/docs/guides/quick-start')).text()).toContain(
      'class="lang" href="/docs/zh-CN/guides/quick-start"',
    );
    expect(await (await get('/docs/zh-CN/troubleshooting')).text()).toContain(
      'class="lang" href="/docs/troubleshooting"',
    );
  });

  it('answers every page with a strict CSP: no inline script or style anywhere', async () => {
    expect(DOCS_CSP).not.toMatch(/unsafe|\*/);
    expect(DOCS_CSP).toContain("script-src 'self'");
    expect(DOCS_CSP).toContain("style-src 'self'");
    // Only the Scalar page relaxes styles, never scripts.
    expect(DOCS_API_CSP).toContain("style-src 'self' 'unsafe-inline'");
    expect(DOCS_API_CSP).not.toContain('unsafe-eval');
    const files = htmlFiles(DOCS_SITE_DIR);
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const html = readFileSync(join(DOCS_SITE_DIR, file), 'utf8');
      expect(html, file).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html, file).not.toMatch(/<style|\sstyle=|\son[a-z]+=/);
    }
    for (const path of ['/docs', '/docs/guides/strict-csp', '/docs/elements', '/docs/reference/client']) {
      const res = await get(path);
      expect(res.headers.get('content-security-policy'), path).toBe(DOCS_CSP);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
    expect((await get('/docs/api')).headers.get('content-security-policy')).toBe(DOCS_API_CSP);
  });

  it('has a troubleshooting section for every problem code where the problem type URL points', async () => {
    expect(PROBLEM_TYPE_BASE).toMatch(/\/docs\/troubleshooting#$/);
    const base = new URL(PROBLEM_TYPE_BASE);
    // A real problem from this gateway: its `type` resolves on this gateway's own docs.
    const problem = (await (await get('/v1/no-such-route')).json()) as { type: string; code: string };
    const type = new URL(problem.type);
    expect(type.pathname).toBe(base.pathname);
    for (const path of [type.pathname, '/docs/zh-CN/troubleshooting']) {
      const anchors = ids(await (await get(path)).text());
      for (const code of Object.keys(PROBLEM_CODES)) expect(anchors, `${path}#${code}`).toContain(code);
    }
    expect(ids(await (await get(type.pathname)).text())).toContain(type.hash.slice(1));
  });

  it('generates the elements page from the manifest: every tag and its attributes, events, parts and CSS properties', async () => {
    expect(elements.length).toBeGreaterThanOrEqual(6);
    for (const path of ['/docs/elements', '/docs/zh-CN/elements']) {
      const html = await (await get(path)).text();
      const anchors = ids(html);
      for (const element of elements) {
        expect(anchors, `${path} #${element.tagName}`).toContain(element.tagName);
        const section = html.slice(html.indexOf(`id="${element.tagName}"`)).split(/<h2 /)[0]!;
        const names = [
          ...(element.attributes ?? []),
          ...(element.events ?? []),
          ...(element.cssParts ?? []),
          ...(element.cssProperties ?? []),
        ].map((x) => x.name);
        for (const name of names)
          expect(section, `${element.tagName} ${name}`).toContain(`<code>${name}</code>`);
      }
      // Event detail types come from FinletEventMap.
      expect(html).toMatch(
        /<code>finlet-offer-select<\/code><\/td>\s*<td><code>CustomEvent&lt;\w+&gt;<\/code>/,
      );
    }
  });

  it('generates the TypeScript reference of @finlet/client and @finlet/node', async () => {
    const client = await (await get('/docs/reference/client')).text();
    expect(client).toContain('href="/docs/reference/client/functions/createClient"');
    expect((await get('/docs/reference/client/functions/createClient')).status).toBe(200);
    const node = await (await get('/docs/reference/node')).text();
    for (const fn of ['createPartnerClient', 'verifyWebhook', 'createEmbedSession']) {
      expect(node).toContain(`href="/docs/reference/node/functions/${fn}"`);
    }
  });

  it('leaves no link between pages broken', async () => {
    const links = new Set<string>();
    for (const file of htmlFiles(DOCS_SITE_DIR)) {
      const html = readFileSync(join(DOCS_SITE_DIR, file), 'utf8');
      for (const m of html.matchAll(/\s(?:href|src)="(\/[^"#]*)(?:#[^"]*)?"/g)) links.add(m[1]!);
    }
    expect(links.size).toBeGreaterThan(40);
    const broken: string[] = [];
    for (const link of links) {
      const res = await get(link);
      if (res.status !== 200) broken.push(`${link} → ${res.status}`);
      await res.arrayBuffer();
    }
    expect(broken).toEqual([]);
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    });
    afterAll(async () => {
      await browser?.close();
    });

    const open = async (path: string) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      // Every request stays on the gateway: no CDN, fonts or telemetry.
      page.on('request', (request) => {
        if (!request.url().startsWith(gw.url) && !request.url().startsWith('data:'))
          problems.push(`request: ${request.url()}`);
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`csp: ${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      await page.goto(new URL(path, gw.url).href);
      return { page, context, problems };
    };

    it('/docs/api renders the operations of the OpenAPI document with no console errors', async () => {
      const { page, context, problems } = await open('/docs/api');
      // The sidebar lists the tags of the contract's routes; the offers group holds the match route.
      const offers = page.getByRole('button', { name: 'Open Group - offers' });
      await offers.waitFor({ timeout: 20_000 });
      await offers.click();
      await expect
        .poll(() => page.locator('body').innerText(), { timeout: 20_000 })
        .toContain('/v1/offers/match');
      await page.waitForTimeout(300);
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);

    it('a guide page loads its one stylesheet under the strict CSP, with no violation', async () => {
      const { page, context, problems } = await open('/docs/troubleshooting#not_found');
      expect(await page.locator('#not_found').isVisible()).toBe(true);
      // The stylesheet applied: the sidebar is laid out as a grid column.
      expect(await page.locator('.layout').evaluate((e) => getComputedStyle(e).display)).toBe('grid');
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});
