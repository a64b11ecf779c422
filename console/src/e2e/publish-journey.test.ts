import { join } from 'node:path';
import type { OfferContentInput } from '@finlet/contracts';
import { type DevRun, openSite, SCREENSHOTS, startDev } from '@finlet/testing/dev';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedConsole, openConsole, seriousViolations } from '../test/console-env.js';

// One fresh `finlet dev` (built dist, temp data dir, free ports): the console is the one the gateway
// serves, and the demo consumption site shows what was published without anything restarting.
let dev: DevRun;
let keys: Record<'author' | 'approver' | 'admin', string>;

beforeAll(async () => {
  dev = await startDev();
  const key = (role: string) => new RegExp(`^ +${role} +(fak_\\S+)$`, 'm').exec(dev.output())![1]!;
  keys = { author: key('author'), approver: key('approver'), admin: key('admin') };
}, 180_000);

afterAll(async () => {
  await dev?.stop();
});

const poll = { timeout: 30_000, interval: 100 };
const ID = 'spring-home-installment';
/** The diff's line for the Chinese name (`<fc-diff>` writes JSON paths a person reads). */
const NAME_CHANGE = `li[data-path='texts["zh-CN"].name']`;

const offer: OfferContentInput = {
  id: ID,
  productType: 'installment',
  scenarios: ['consumption'],
  currency: 'CNY',
  amount: { min: { value: 100_000, currency: 'CNY' }, max: { value: 3_000_000, currency: 'CNY' } },
  termMonths: { min: 3, max: 24 },
  pricing: { apr: { min: 0, max: 990 }, fees: [] },
  texts: {
    'zh-CN': { name: '春季家电焕新分期', tagline: '家电换新 3–24 期，年化最低 0%', highlights: ['3 期免息'] },
    en: { name: 'Spring appliance instalments', tagline: 'New appliances over 3–24 months', highlights: [] },
  },
  disclosures: [{ 'zh-CN': '请理性消费，按时还款。', en: 'Borrow only what you can repay.' }],
  eligibility: [
    {
      id: 'adult',
      signal: 'user.age',
      op: 'gte',
      value: 18,
      label: { 'zh-CN': '年满 18 周岁', en: 'Aged 18 or over' },
    },
  ],
  effective: { from: '2026-01-01T00:00:00+08:00' },
  priority: 100,
};

/**
 * Saves the console's viewport with `top` at its top, for the docs (English: CI has no CJK fonts, so
 * the Chinese side of bilingual content shows as boxes there).
 */
async function screenshot(page: Page, top: Locator, name: string, margin = 16) {
  await top.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate((by) => window.scrollBy(0, -by), margin);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOTS, `console-${name}.png`), animations: 'disabled' });
}

async function status(page: Page) {
  const badge = page.locator('fc-item-view .head .badge[data-status]');
  await expect.poll(() => badge.count(), poll).toBe(1);
  return badge.getAttribute('data-status');
}

function review(page: Page) {
  const panel = page.locator('fc-review-panel');
  return {
    button: (action: string) => panel.locator(`button[data-action="${action}"]`),
    comment: panel.locator('textarea[name="comment"]'),
    alert: panel.locator('[role="alert"]'),
  };
}

async function signedIn(url: string, key: string): Promise<OpenedConsole> {
  const opened = await openConsole(dev.browser, url, 'en-US');
  await opened.signIn(key);
  await expect.poll(() => opened.page.locator('fc-app .whoami').count(), poll).toBe(1);
  return opened;
}

/** The consumption demo site after checkout: the titles its <finlet-offers> shows (a fresh page load). */
async function demoOfferTitles(): Promise<string[]> {
  const { page, context, problems } = await openSite(dev.browser, dev.sites.consumption);
  await page.locator('#login-button').click();
  await expect.poll(() => page.locator('#app').isVisible(), poll).toBe(true);
  await page.locator('#checkout-button').click();
  const offers = page.locator('finlet-offers [part="offer"]');
  await expect.poll(() => offers.count(), poll).toBeGreaterThan(0);
  // The first line of each card's heading is the offer's name (a badge may follow it).
  const titles = (await page.locator('finlet-offers [part="offer"] h3').allInnerTexts()).map((t) =>
    t.split('\n')[0]!.trim(),
  );
  expect(problems).toEqual([]);
  await context.close();
  return titles;
}

describe('publishing journey: console → demo site', () => {
  it('creates, previews, reviews, publishes and rolls back an offer, with the refusals in words', async () => {
    // `finlet dev` tells where the console is.
    expect(dev.output()).toMatch(new RegExp(`console +${dev.gatewayUrl}/console `));
    expect((await demoOfferTitles()).join(' ')).not.toContain('春季家电焕新分期');

    // 1. The author writes a new offer; an invalid criterion is shown next to its field.
    const author = await signedIn(`${dev.gatewayUrl}/console/offers/new`, keys.author);
    const editor = author.page.locator('fc-offer-editor');
    await editor.locator('#tab-json').click();
    await editor.locator('#json').fill(JSON.stringify(offer, null, 2));
    await editor.locator('#tab-form').click();
    const value = editor.locator('#f-eligibility_0_value');
    await expect.poll(() => value.inputValue(), poll).toBe('18');
    await value.fill('eighteen');
    await expect
      .poll(() => editor.locator('#f-eligibility_0_value-err').innerText(), poll)
      .toContain('needs a number');
    expect(await value.getAttribute('aria-invalid')).toBe('true');
    const save = editor.locator('[part="save"]');
    await expect.poll(() => save.innerText(), poll).toContain('Fix 1 problem to save');
    // The texts side by side and, below them, the criterion with its problem.
    await screenshot(author.page, editor.locator('#f-texts_en_name'), 'editor', 100);
    await value.fill('18');
    await expect.poll(() => save.innerText(), poll).toBe('Save');
    await save.click();
    await expect
      .poll(() => author.page.url(), poll)
      .toBe(`${dev.gatewayUrl}/console/offers/${ID}/versions/1`);
    expect(await status(author.page)).toBe('draft');
    expect(await seriousViolations(author.page)).toEqual([]);

    // 2. A stale edit: two tabs edit the same draft; the second save is refused in words.
    const second = await signedIn(`${dev.gatewayUrl}/console/offers/${ID}/versions/1`, keys.author);
    for (const tab of [author, second]) {
      await tab.page.locator('fc-item-view button.edit').click();
      await expect.poll(() => tab.page.locator('fc-offer-editor #f-priority').count(), poll).toBe(1);
    }
    await author.page.locator('fc-offer-editor #f-priority').fill('99');
    await author.page.locator('fc-offer-editor [part="save"]').click();
    await expect
      .poll(() => author.page.locator('fc-item-view .message.success').innerText(), poll)
      .toBe('Version 1 saved.');
    await second.page.locator('fc-offer-editor #f-priority').fill('98');
    await second.page.locator('fc-offer-editor [part="save"]').click();
    const stale = second.page.locator('fc-item-view .editing [role="alert"]');
    await expect
      .poll(() => stale.innerText(), poll)
      .toContain('Someone changed this version since you opened it. Reload it before editing.');
    expect(await stale.innerText()).toContain('stale_version');
    await second.page.reload();
    await second.page.locator('fc-item-view button.edit').click();
    await expect.poll(() => second.page.locator('fc-offer-editor #f-priority').inputValue(), poll).toBe('99');
    await second.context.close();

    // 3. Preview against "an 8,000 CNY cart": the criterion passes and the real widgets show the offer.
    const preview = author.page.locator('fc-offer-preview');
    await preview.locator('#sample').selectOption('cart-8000');
    await expect
      .poll(() => preview.locator('[data-criterion="adult"]').getAttribute('data-met'), poll)
      .toBe('true');
    for (const [locale, name] of [
      ['zh-CN', '春季家电焕新分期'],
      ['en', 'Spring appliance instalments'],
    ] as const) {
      const titles = preview.locator(`[data-locale="${locale}"] finlet-offers [part="offer"] h3`);
      await expect.poll(async () => (await titles.allInnerTexts()).join(' '), poll).toContain(name);
    }
    await screenshot(author.page, author.page.locator('fc-item-view section.preview'), 'preview');
    // Nothing was published by previewing.
    expect((await demoOfferTitles()).join(' ')).not.toContain('春季家电焕新分期');

    // 4. Submit; the author cannot approve (the button follows the role).
    await review(author.page).button('submit').click();
    await expect.poll(() => status(author.page), poll).toBe('in_review');
    expect(await review(author.page).button('approve').isDisabled()).toBe(true);

    // 5. The approver approves and publishes; the demo site shows it on its next page load.
    const approver = await signedIn(`${dev.gatewayUrl}/console/offers/${ID}`, keys.approver);
    await review(approver.page).comment.fill('Rates checked against the spring campaign sheet.');
    await review(approver.page).button('approve').click();
    await expect.poll(() => status(approver.page), poll).toBe('approved');
    await review(approver.page).button('publish').click();
    await expect.poll(() => status(approver.page), poll).toBe('published');
    await expect.poll(async () => (await demoOfferTitles()).join(' '), poll).toContain('春季家电焕新分期');

    // 6. A second version by an admin: approving their own version is refused (four eyes).
    const admin = await signedIn(`${dev.gatewayUrl}/console/offers/${ID}`, keys.admin);
    await admin.page.locator('fc-item-view button.new-version').click();
    const name = admin.page.locator('fc-offer-editor #f-texts_zh-CN_name');
    await expect.poll(() => name.inputValue(), poll).toBe('春季家电焕新分期');
    await name.fill('春季家电焕新分期（加码版）');
    await admin.page.locator('fc-offer-editor [part="save"]').click();
    await expect.poll(() => admin.page.url(), poll).toBe(`${dev.gatewayUrl}/console/offers/${ID}/versions/2`);
    await review(admin.page).button('submit').click();
    await expect.poll(() => status(admin.page), poll).toBe('in_review');
    await review(admin.page).button('approve').click();
    await expect
      .poll(() => review(admin.page).alert.innerText(), poll)
      .toContain('Four eyes: the approver must not be the author or submitter of this version.');
    expect(await status(admin.page)).toBe('in_review');
    await admin.context.close();

    await approver.page.goto(`${dev.gatewayUrl}/console/offers/${ID}/versions/2`);
    await expect.poll(() => status(approver.page), poll).toBe('in_review');
    // What changed against the published version 1, before approving it.
    await expect
      .poll(() => approver.page.locator(`fc-item-view fc-diff ${NAME_CHANGE}`).count(), poll)
      .toBe(1);
    await review(approver.page).button('approve').click();
    await expect.poll(() => status(approver.page), poll).toBe('approved');
    await review(approver.page).button('publish').click();
    await expect.poll(() => status(approver.page), poll).toBe('published');
    await expect.poll(async () => (await demoOfferTitles()).join(' '), poll).toContain('（加码版）');

    // 7. Roll back to version 1 in one step: version 3 restores it, and the site follows.
    await approver.page.goto(`${dev.gatewayUrl}/console/offers/${ID}/versions/1`);
    await expect.poll(() => status(approver.page), poll).toBe('retired');
    await review(approver.page).comment.fill('The boosted campaign was not signed off by risk.');
    await review(approver.page).button('rollback').click();
    await expect
      .poll(() => approver.page.url(), poll)
      .toBe(`${dev.gatewayUrl}/console/offers/${ID}/versions/3`);
    expect(await status(approver.page)).toBe('published');
    await expect
      .poll(async () => (await demoOfferTitles()).filter((t) => t.startsWith('春季家电焕新分期')), poll)
      .toEqual(['春季家电焕新分期']);

    // 8. The audit log tells the story, newest first, with the rollback's before/after.
    await approver.page.goto(`${dev.gatewayUrl}/console/audit`);
    const log = approver.page.locator('fc-audit-log');
    await log.locator('input[name="q"]').fill(ID);
    await log.locator('button[type="submit"]').click();
    await expect
      .poll(() => log.locator('li[data-action]').first().getAttribute('data-action'), poll)
      .toBe('offer.rollback');
    const actions = await log
      .locator('li[data-action]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(
      expect.arrayContaining([
        'offer.create',
        'offer.update',
        'offer.submit',
        'offer.approve',
        'offer.publish',
      ]),
    );
    const rollback = log.locator('li[data-action="offer.rollback"]');
    await rollback.locator('summary.entry').click();
    await expect.poll(() => rollback.locator(`fc-diff ${NAME_CHANGE}`).count(), poll).toBe(1);
    expect(await seriousViolations(approver.page)).toEqual([]);
    await rollback.locator('summary.entry').click();
    const approval = log.locator('li[data-action="offer.approve"]').last();
    await approval.locator('summary.entry').click();
    await expect
      .poll(() => approval.locator('fc-diff ins').allInnerTexts(), poll)
      .toEqual([expect.stringContaining('approved')]);
    await screenshot(approver.page, log.locator('h2'), 'audit');

    expect([...author.problems, ...approver.problems]).toEqual([]);
    await author.context.close();
    await approver.context.close();
  }, 600_000);
});
