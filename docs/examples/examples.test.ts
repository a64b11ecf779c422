// Each example under docs/examples runs as a partner would run it: its own server (server.mjs,
// minting sessions with @finlet/node) on its own origin under a strict CSP, a real gateway on
// another, the page in Chromium. The React and Vue pages are bundled with build.mjs from the
// workspace sources, so a stale dist never hides a break.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PartnerCreated } from '@finlet/contracts';
import { createPartner } from '@finlet/gateway';
import { startTestGateway, type TestGateway } from '@finlet/testing';
import { CHROMIUM_FLAGS } from '@finlet/testing/browser';
import { buildTestBundle } from '@finlet/testing/bundle';
import { consumerOffer } from '@finlet/testing/fixtures';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExample } from './build.mjs';
import { type ExampleServer, examplePolicy, startExampleServer } from './server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

const EXAMPLES = ['html', 'react', 'vue'] as const;

let gw: TestGateway;
let browser: Browser;
let out: string;
const servers = new Map<string, ExampleServer>();

beforeAll(async () => {
  const finletDir = dirname(await buildTestBundle());
  gw = await startTestGateway('sqlite');
  await gw.publish(consumerOffer);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  out = mkdtempSync(join(tmpdir(), 'finlet-examples-'));
  // Every origin is registered before the first page asks: the gateway caches the known origins.
  const partners = new Map<string, PartnerCreated>();
  for (const example of EXAMPLES) {
    const dirs: string[] = [];
    if (example !== 'html') {
      const outdir = join(out, example);
      await buildExample(example, { outdir, tsconfig: join(root, 'tsconfig.tests.json') });
      dirs.push(outdir);
    }
    const server = await startExampleServer({
      example,
      gateway: gw.url,
      secretKey: () => partners.get(example)?.secretKey ?? '',
      port: 0,
      finletDir,
      dirs,
    });
    servers.set(example, server);
    partners.set(
      example,
      await createPartner(gw.store, {
        name: `Example ${example}`,
        origins: [server.url],
        scenarios: ['consumption'],
      }),
    );
  }
}, 180_000);
afterAll(async () => {
  for (const server of servers.values()) await server.close();
  await browser?.close();
  await gw?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('docs/examples in Chromium against a real gateway', () => {
  for (const example of EXAMPLES) {
    it(`${example}: shows the offers and hands finlet-offer-select to the page's handler, under a strict CSP`, async () => {
      const server = servers.get(example)!;
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(`console: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        await page.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (e) =>
            console.error(`csp: ${e.violatedDirective} ${e.blockedURI}`),
          );
        });
        const response = await page.goto(server.url);
        expect(response?.headers()['content-security-policy']).toBe(examplePolicy(gw.url));
        expect(examplePolicy(gw.url)).not.toMatch(/unsafe-(inline|eval)/);

        const offers = page.locator('finlet-offers');
        await expect
          .poll(() => offers.locator('[part="offer"]').count(), { message: 'the offers show' })
          .toBe(1);
        await expect.poll(() => offers.locator('h3').first().innerText()).toContain('购物分期');
        await offers.locator('[part="select"]').first().click();
        await expect
          .poll(() => page.locator('#chosen').innerText())
          .toBe(`You chose ${consumerOffer.id} (version 1).`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
