import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GatewayConfig } from '@finlet/gateway';
import { startTestGateway, type TestGateway } from '@finlet/testing';
import { launchChromium } from '@finlet/testing/browser';

export { seriousViolations } from '@finlet/testing/browser';

import { buildTestBundle } from '@finlet/testing/bundle';
import { consoleAssets, loadDemoOffers } from '@finlet/testing/demo';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildConsoleTestBundle } from './bundle.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface ConsoleEnv {
  gw: TestGateway;
  browser: Browser;
  /** `${gateway}/console` */
  consoleUrl: string;
  /** A fresh browser context on `path` (under the gateway), recording console errors and CSP violations. */
  open(path?: string, options?: { locale?: string }): Promise<OpenedConsole>;
  close(): Promise<void>;
}

export interface OpenedConsole {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors and `securitypolicyviolation` events seen so far. */
  problems: string[];
  /** Fills the sign-in form with `apiKey` and submits it. */
  signIn(apiKey: string): Promise<void>;
}

/** Everything the gateway serves besides its API in `finlet dev`, built fresh from source. */
async function freshAssets(): Promise<NonNullable<GatewayConfig['assets']>> {
  const finlet = await buildTestBundle();
  const assets: NonNullable<GatewayConfig['assets']> = {
    '/finlet.js': { contentType: 'text/javascript; charset=utf-8', body: readFileSync(finlet) },
  };
  for (const name of readdirSync(join(dirname(finlet), 'finlet'))) {
    assets[`/finlet/${name}`] = {
      contentType: 'text/javascript; charset=utf-8',
      body: readFileSync(join(dirname(finlet), 'finlet', name)),
    };
  }
  const shell = readFileSync(join(root, 'console', 'index.html'), 'utf8');
  return { ...assets, ...consoleAssets(shell, await buildConsoleTestBundle()) };
}

/**
 * A real gateway (SQLite, admin keys per role, the demo offers published) serving the console
 * and the widgets as `finlet dev` does, and a Chromium.
 */
export async function startConsoleEnv(
  options: {
    demoOffers?: boolean;
    gateway?: Partial<Omit<GatewayConfig, 'store' | 'clock' | 'assets'>>;
  } = {},
): Promise<ConsoleEnv> {
  const gw = await startTestGateway('sqlite', {
    gateway: { ...options.gateway, assets: await freshAssets() },
  });
  if (options.demoOffers !== false)
    for (const offer of await loadDemoOffers(gw.clock.now)) await gw.publish(offer);
  const browser = await launchChromium();
  return {
    gw,
    browser,
    consoleUrl: `${gw.url}/console`,
    open: (path = '/console', { locale = 'zh-CN' } = {}) => openConsole(browser, `${gw.url}${path}`, locale),
    async close() {
      await browser.close();
      await gw.close();
    },
  };
}

/**
 * A fresh browser context on a console page, recording console errors, page errors and CSP
 * violations (the 401 of "not signed in yet" is expected and not recorded).
 */
export async function openConsole(browser: Browser, url: string, locale = 'zh-CN'): Promise<OpenedConsole> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text()))
      problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.exposeFunction('__reportCsp', (text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportCsp(t: string): void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  await page.goto(url);
  return {
    page,
    context,
    problems,
    async signIn(apiKey: string) {
      await page.locator('fc-sign-in input[name="apiKey"]').fill(apiKey);
      await page.locator('fc-sign-in button[type="submit"]').click();
    },
  };
}
