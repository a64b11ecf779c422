import { createPartner } from '@finlet/gateway';
import { startTestGateway, type TestGateway } from '@finlet/testing';
import { launchChromium } from '@finlet/testing/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_HANDLES, type SiteHandle } from './sites.js';
import { type RunningDemoSites, startDemoSites } from './start.js';

let gw: TestGateway;
let demo: RunningDemoSites;
let browser: Browser;

beforeAll(async () => {
  gw = await startTestGateway('sqlite', { gateway: { webhooks: { allowLoopback: true } } });
  const partners = {} as Record<SiteHandle, { partnerId: string; secretKey: string }>;
  for (const handle of SITE_HANDLES) {
    const made = await createPartner(gw.store, {
      name: `Demo ${handle}`,
      origins: ['http://127.0.0.1:1'],
      scenarios: [handle as 'tourism'],
    });
    partners[handle] = { partnerId: made.partner.id, secretKey: made.secretKey };
  }
  demo = await startDemoSites({
    gatewayUrl: gw.url,
    partners,
    ports: { tourism: 0, government: 0, consumption: 0, 'supply-chain': 0, index: 0 },
    onListening: async (origins) => {
      for (const handle of SITE_HANDLES)
        await gw.store.partners.updateOrigins(partners[handle].partnerId, [origins[handle]]);
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await gw?.close();
});

/** What a 390 px phone shows wrong: sideways scrolling, a nav label broken over lines, an amount split or clipped. */
function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow > 0) problems.push(`the page scrolls sideways by ${overflow}px`);
    const lines = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    for (const link of document.querySelectorAll('.topbar .nav a'))
      if (lines(link) > 1) problems.push(`nav "${link.textContent}" wraps over ${lines(link)} lines`);
    for (const value of document.querySelectorAll('.kpi-value, td.num')) {
      if (value.getClientRects().length === 0) continue;
      if (lines(value) > 1) problems.push(`"${value.textContent}" wraps`);
      if (value.scrollWidth > value.clientWidth + 1) problems.push(`"${value.textContent}" is clipped`);
    }
    return problems;
  });
}

describe('the demo sites on a 390 px phone, in Chinese (the default locale)', () => {
  it('keep the top bar on one line per part and every amount whole', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      for (const handle of SITE_HANDLES) {
        await page.goto(demo.sites[handle].url);
        // Signed in, the dashboard with its stat cards shows.
        const login = page.locator('#login-button');
        if (await login.isVisible()) {
          await login.click();
          await expect.poll(() => login.isVisible()).toBe(false);
        }
        await expect.poll(() => page.locator('.topbar .nav a').count()).toBeGreaterThan(0);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
        expect({ site: handle, problems: await layoutProblems(page) }).toEqual({
          site: handle,
          problems: [],
        });
        // The top bar stays short: the logo, the tools (user, elder mode, language) and the nav, a line each at most.
        const bar = await page.locator('.topbar').boundingBox();
        expect(bar!.height).toBeLessThan(130);
      }
    } finally {
      await context.close();
    }
  });
});
