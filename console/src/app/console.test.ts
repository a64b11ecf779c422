import { loadDemoRails } from '@finlet/testing';
import { loadDemoDocs, loadDemoOffers } from '@finlet/testing/demo';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleEnv, seriousViolations, startConsoleEnv } from '../test/console-env.js';

let env: ConsoleEnv;

beforeAll(async () => {
  env = await startConsoleEnv();
}, 120_000);

afterAll(async () => {
  await env?.close();
});

const poll = { timeout: 15_000, interval: 50 };

async function whoami(page: Page) {
  const who = page.locator('fc-app .whoami');
  await expect.poll(() => who.count(), poll).toBe(1);
  return who.innerText();
}

// Each journey drives Chromium against a real gateway; two busy cores can take a while.
describe('the console served by the gateway', { timeout: 120_000 }, () => {
  it('answers /console and its deep links with the shell under a strict CSP, and the app script', async () => {
    for (const path of ['/console', '/console/offers/some-offer/versions/2', '/console/audit']) {
      const response = await fetch(`${env.gw.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      );
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const html = await response.text();
      expect(html).toContain('<script type="module" src="/console/console.js"></script>');
      expect(html).toContain('<script type="module" src="/finlet.js"></script>');
    }
    const script = await fetch(`${env.gw.url}/console/console.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(script.headers.get('cache-control')).toBe('no-store');
    // A deep link is a page, a missing file is not: no shell for an unknown script or asset.
    for (const path of ['/console/missing.js', '/console/offers/x/logo.png', '/console/a/b.css']) {
      const missing = await fetch(`${env.gw.url}${path}`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
      expect(((await missing.json()) as { code: string }).code).toBe('not_found');
    }
    // The widget bundle stays public for partner pages.
    const finlet = await fetch(`${env.gw.url}/finlet.js`);
    expect(finlet.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses a wrong key in words, and stays on the sign-in form', async () => {
    const { page, problems, signIn, context } = await env.open();
    await signIn('fak_not_a_real_key_000000000000');
    const alert = page.locator('fc-sign-in [role="alert"]');
    await expect.poll(() => alert.count(), poll).toBe(1);
    expect(await alert.innerText()).toContain('管理密钥无效或已被吊销');
    expect(await alert.innerText()).toContain('invalid_api_key');
    expect(await page.locator('fc-sign-in input[name="apiKey"]').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('signs an author in with the cookie, lists the demo offers, filters them, and signs out', async () => {
    const demo = await loadDemoOffers(env.gw.clock.now);
    const { page, problems, signIn, context } = await env.open('/console', { locale: 'en-US' });
    await signIn(env.gw.admins.author.apiKey);
    expect(await whoami(page)).toBe('Li Na (author) (author)');
    const rows = page.locator('fc-offer-list tbody tr');
    await expect.poll(() => rows.count(), poll).toBe(demo.length);
    for (const offer of demo) {
      expect(await page.locator(`fc-offer-list tr[data-id="${offer.id}"]`).innerText()).toContain(
        offer.texts.en.name,
      );
    }
    // The key was exchanged for an HttpOnly cookie: scripts cannot read it and the key is not stored.
    const cookies = await context.cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([
      ['finlet_console', true, 'Strict'],
    ]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('fak_');
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('fc-offer-list select[name="status"]').selectOption('draft');
    await expect
      .poll(() => page.locator('fc-offer-list .message').innerText(), poll)
      .toBe('Nothing matches.');
    await page.locator('fc-offer-list select[name="status"]').selectOption('published');
    await page.locator('fc-offer-list select[name="scenario"]').selectOption('supply-chain');
    const supplyChain = demo.filter((o) => o.scenarios.includes('supply-chain')).length;
    await expect.poll(() => rows.count(), poll).toBe(supplyChain);

    // A session that ended (idle, revoked, cookie gone) sends the next request back to sign-in, in words.
    const cookie = (await context.cookies())[0]!;
    await context.clearCookies();
    await page.locator('fc-offer-list select[name="status"]').selectOption('');
    await expect
      .poll(() => page.locator('fc-app main .message.error').innerText(), poll)
      .toBe('Your sign-in has ended. Please sign in again.');
    expect(await page.locator('fc-sign-in').count()).toBe(1);
    await context.addCookies([cookie]);

    // Reloading keeps the session (the cookie); a deep link opens the same page.
    await page.goto(`${env.gw.url}/console/audit`);
    await expect.poll(() => page.locator('fc-audit-log h2').count(), poll).toBe(1);

    await page.locator('fc-app button.sign-out').click();
    await expect.poll(() => page.locator('fc-sign-in').count(), poll).toBe(1);
    await page.reload();
    await expect.poll(() => page.locator('fc-sign-in').count(), poll).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('switches between Chinese and English', async () => {
    const { page, context, problems } = await env.open('/console', { locale: 'zh-CN' });
    // Keyboard only: the key field is reached with Tab and Enter signs in.
    await page.locator('fc-sign-in input[name="apiKey"]').waitFor();
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const app = document.querySelector('fc-app')!.shadowRoot!;
        return app.querySelector('fc-sign-in')?.shadowRoot?.activeElement?.getAttribute('name') ?? null;
      });
      if (focused === 'apiKey') break;
    }
    await page.keyboard.type(env.gw.admins.approver.apiKey);
    await page.keyboard.press('Enter');
    expect(await whoami(page)).toContain('审批人');
    expect(await page.locator('fc-app nav').innerText()).toContain('金融产品');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.locator('fc-app header select').selectOption('en');
    await expect.poll(() => page.locator('fc-app nav').innerText(), poll).toContain('Offers');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await whoami(page)).toContain('(approver)');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('searches the audit log, pages with the cursor and opens an entry', async () => {
    const { page, signIn, context, problems } = await env.open('/console/audit', { locale: 'en-US' });
    await signIn(env.gw.admins.approver.apiKey);
    const log = page.locator('fc-audit-log');
    await expect.poll(() => log.locator('li[data-action]').count(), poll).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    const demo = await loadDemoOffers(env.gw.clock.now);
    const target = demo[0]!.id;
    await log.locator('input[name="q"]').fill(target);
    await log.locator('button[type="submit"]').click();
    await expect
      .poll(
        async () => (await log.locator('li[data-action]').allInnerTexts()).every((t) => t.includes(target)),
        poll,
      )
      .toBe(true);
    const actions = await log
      .locator('li[data-action]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    // Newest first: publish, approve, submit, create.
    expect(actions).toEqual(['offer.publish', 'offer.approve', 'offer.submit', 'offer.create']);
    const publish = log.locator('li[data-action="offer.publish"]');
    await publish.locator('summary.entry').click();
    await expect.poll(() => publish.locator('details').getAttribute('open'), poll).not.toBeNull();
    // The before/after diff: the status went from approved to published.
    await expect
      .poll(() => publish.locator('fc-diff del').allInnerTexts(), poll)
      .toEqual([expect.stringContaining('approved')]);
    expect(await publish.locator('fc-diff ins').allInnerTexts()).toEqual([
      expect.stringContaining('published'),
    ]);

    // Cursor paging: pages of 3, then "load more" until every entry is shown, none twice.
    await log.evaluate((el) => {
      (el as HTMLElement & { pageSize: number }).pageSize = 3;
    });
    await log.locator('input[name="q"]').fill('offer.');
    await log.locator('button[type="submit"]').click();
    await expect.poll(() => log.locator('li[data-action]').count(), poll).toBe(3);
    const total = demo.length * 4;
    // A full last page still has a cursor; the page after it is empty and ends the list.
    for (let pages = 1; (await log.locator('button.more').count()) > 0 && pages < total; pages++) {
      const before = await log.locator('li[data-action]').count();
      await log.locator('button.more').click();
      await expect
        .poll(
          async () =>
            (await log.locator('button.more').count()) === 0 ||
            (await log.locator('li[data-action]').count()) > before,
          poll,
        )
        .toBe(true);
    }
    expect(await log.locator('li[data-action]').count()).toBe(total);
    expect(await log.locator('p.muted').last().innerText()).toBe('That is every entry.');
    const ids = await log
      .locator('li[data-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(new Set(ids).size).toBe(total);
    const times = await log
      .locator('li time')
      .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
    expect([...times].sort().reverse()).toEqual(times);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('lists knowledge documents, rail and FX tables by status, and partners for admins', async () => {
    const { admins } = env.gw;
    const doc = (await loadDemoDocs())[0]!;
    const rails = await loadDemoRails(new Date());
    const rail = rails.railTables[0]!;
    const fx = rails.fxTables[0]!;
    for (const [path, body] of [
      ['/v1/admin/knowledge', doc],
      ['/v1/admin/rail-tables', rail],
      ['/v1/admin/fx-tables', fx],
    ] as const) {
      const created = await env.gw.api('POST', path, { auth: admins.author.apiKey, body });
      expect(created.status, created.text).toBe(201);
    }
    const { page, signIn, context, problems } = await env.open('/console/knowledge', { locale: 'en-US' });
    await signIn(admins.author.apiKey);
    const row = page.locator(`fc-knowledge-list tr[data-id="${doc.id}"]`);
    await expect.poll(() => row.count(), poll).toBe(1);
    expect(await row.innerText()).toContain(doc.texts.en!.title);
    expect(await row.locator('.badge').innerText()).toBe('Draft');
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('fc-knowledge-list select[name="status"]').selectOption('published');
    await expect
      .poll(() => page.locator('fc-knowledge-list .message').innerText(), poll)
      .toBe('Nothing matches.');
    await page.locator('fc-knowledge-list select[name="status"]').selectOption('');
    await row.locator('a').click();
    await expect.poll(() => page.url(), poll).toBe(`${env.gw.url}/console/knowledge/${doc.id}`);
    await expect
      .poll(() => page.locator('fc-review-panel button[data-action="submit"]').isEnabled(), poll)
      .toBe(true);
    // Knowledge documents can be scheduled and rolled back like offers (a draft: not yet).
    expect(await page.locator('fc-review-panel button[data-action="rollback"]').isDisabled()).toBe(true);
    expect(await page.locator('fc-review-panel button[data-action="schedule"]').isDisabled()).toBe(true);

    await page.locator('fc-app nav a', { hasText: 'Rails and FX' }).click();
    for (const [kind, id] of [
      ['rail-tables', rail.id],
      ['fx-tables', fx.id],
    ] as const) {
      const link = page.locator(`fc-table-list a[href="/console/${kind}/${id}"]`);
      await expect.poll(() => link.count(), poll).toBe(1);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator(`fc-table-list a[href="/console/fx-tables/${fx.id}"]`).click();
    await expect.poll(() => page.locator('fc-item-view .head code').innerText(), poll).toBe(fx.id);
    expect(await page.locator('fc-review-panel button[data-action="submit"]').isEnabled()).toBe(true);
    expect(await page.locator('fc-item-view button.edit').count()).toBe(0);

    // Partners are the admins' alone: not offered, and a direct visit says so.
    expect(await page.locator('fc-app nav a', { hasText: 'Partners' }).count()).toBe(0);
    await page.goto(`${env.gw.url}/console/partners`);
    await expect
      .poll(() => page.locator('fc-app #not-for-role').innerText(), poll)
      .toBe('Your role cannot use this screen.');
    await context.close();

    const admin = await env.open('/console/partners', { locale: 'en-US' });
    await admin.signIn(admins.admin.apiKey);
    const partners = admin.page.locator('fc-partner-list tbody tr');
    await expect.poll(() => partners.count(), poll).toBe(2);
    expect((await partners.allInnerTexts()).join(' ')).toContain(env.gw.partnerA.partner.name);
    expect(await seriousViolations(admin.page)).toEqual([]);
    expect([...problems, ...admin.problems]).toEqual([]);
    await admin.context.close();
  });
});
