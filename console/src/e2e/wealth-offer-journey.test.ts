import { type Offer, PAST_PERFORMANCE_WARNING, type Problem } from '@finlet/contracts';
import { seriousViolations } from '@finlet/testing/browser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleEnv, type OpenedConsole, startConsoleEnv } from '../test/console-env.js';

// A real gateway (SQLite) serving the console built from source, and Chromium: a product team writes
// a wealth product in the console's form, is refused a past-performance notice without the mandatory
// wording, and publishes it with four eyes; the gateway's offer then carries every wealth field.
let env: ConsoleEnv;

beforeAll(async () => {
  env = await startConsoleEnv({ demoOffers: false });
}, 180_000);

afterAll(async () => {
  await env?.close();
});

const poll = { timeout: 30_000, interval: 100 };
const ID = 'steady-income-plus';

async function signedIn(path: string, apiKey: string): Promise<OpenedConsole> {
  const opened = await env.open(path, { locale: 'en-US' });
  await opened.signIn(apiKey);
  await expect.poll(() => opened.page.locator('fc-app .whoami').count(), poll).toBe(1);
  return opened;
}

async function status(page: Page) {
  const badge = page.locator('fc-item-view .head .badge[data-status]');
  await expect.poll(() => badge.count(), poll).toBe(1);
  return badge.getAttribute('data-status');
}

const button = (page: Page, action: string) =>
  page.locator(`fc-review-panel button[data-action="${action}"]`);

describe('wealth product journey: console → gateway', () => {
  it('writes a wealth product with risk, holding period, fees and past performance, is refused without the mandatory wording, and publishes it', async () => {
    const { admins } = env.gw;
    const author = await signedIn('/console/offers/new', admins.author.apiKey);
    const editor = author.page.locator('fc-offer-editor');
    const field = (id: string) => editor.locator(`#f-${id}`);
    await expect.poll(() => field('id').count(), poll).toBe(1);

    // 1. Basics: a wealth-management product, no amount range (none is forced on it).
    await field('id').fill(ID);
    await field('productType').selectOption('wealth_management');
    await editor.locator('label', { hasText: '(consumption)' }).locator('input').check();
    expect(await field('amount_min_value').inputValue()).toBe('');
    expect(await field('amount_max_value').inputValue()).toBe('');
    expect(await field('amount_min_value-err').count()).toBe(0);
    // An investment product asks for its risk level, in words, until it has one.
    await expect
      .poll(() => field('riskLevel-err').textContent(), poll)
      .toContain('An investment product needs a risk level (R1–R5).');

    // 2. Suitability: risk level, liquidity, minimum holding period.
    await field('riskLevel').selectOption('R2');
    await field('liquidity').selectOption('periodic');
    await field('minHoldingDays').fill('90');

    // 3. A management fee of 0.5 % a year.
    await editor.locator('button', { hasText: 'Add: Fee 1' }).click();
    await field('pricing_fees_0_id').fill('management');
    await field('pricing_fees_0_kind').selectOption('management');
    await field('pricing_fees_0_rateBps').fill('0.5');
    await field('pricing_fees_0_label_zh-CN').fill('管理费 0.5%/年');
    await field('pricing_fees_0_label_en').fill('Management fee 0.5% a year');

    // 4. Past performance, typed with the keyboard: the notice starts with the mandatory wording.
    await editor.locator('button.add-period').focus();
    await author.page.keyboard.press('Enter');
    await field('pastPerformance_periods_0_returnBps').fill('3.2');
    await field('pastPerformance_periods_0_label_zh-CN').fill('近一年');
    await field('pastPerformance_periods_0_label_en').fill('Last 12 months');
    const notice = field('pastPerformance_notice_en');
    await expect.poll(() => notice.inputValue(), poll).toBe(`${PAST_PERFORMANCE_WARNING.en}.`);

    // 5. Texts in both languages.
    await field('texts_zh-CN_name').fill('稳健收益增强');
    await field('texts_zh-CN_tagline').fill('90 天持有期的中低风险理财');
    await field('texts_en_name').fill('Steady Income Plus');
    await field('texts_en_tagline').fill('Lower-medium risk, held for at least 90 days');
    const save = editor.locator('[part="save"]');
    await expect.poll(() => save.innerText(), poll).toBe('Save');

    // 6. The bank's own English notice without the mandatory wording: refused, in words, at the field.
    await notice.fill('Returns shown are for reference only.');
    await expect
      .poll(() => field('pastPerformance_notice_en-err').innerText(), poll)
      .toContain(
        `Past performance is shown only with the mandatory wording “${PAST_PERFORMANCE_WARNING.en}”`,
      );
    expect(await notice.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => save.innerText(), poll).toBe('Fix 1 problem to save');
    await save.click({ force: true });
    expect(author.page.url()).toBe(`${env.consoleUrl}/offers/new`);
    expect(await seriousViolations(author.page)).toEqual([]);
    // The console mirrors the gateway: the same draft sent to the admin API is refused there too.
    const refused = await env.gw.api<Problem>('POST', '/v1/admin/offers', {
      auth: admins.author.apiKey,
      body: await editor.evaluate((el) => (el as unknown as { value: unknown }).value),
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors).toContainEqual(
      expect.objectContaining({
        path: 'pastPerformance.notice.en',
        code: 'past_performance_warning_missing',
      }),
    );

    // 7. The wording put back in front of the bank's text: saved as a draft, submitted.
    await editor.locator('button.insert-warning[data-locale="en"]').click();
    await expect
      .poll(() => notice.inputValue(), poll)
      .toBe(`${PAST_PERFORMANCE_WARNING.en}. Returns shown are for reference only.`);
    await expect.poll(() => save.innerText(), poll).toBe('Save');
    await save.click();
    await expect.poll(() => author.page.url(), poll).toBe(`${env.consoleUrl}/offers/${ID}/versions/1`);
    expect(await status(author.page)).toBe('draft');
    await button(author.page, 'submit').click();
    await expect.poll(() => status(author.page), poll).toBe('in_review');

    // 8. Another person approves and publishes.
    const approver = await signedIn(`/console/offers/${ID}/versions/1`, admins.approver.apiKey);
    await expect.poll(() => status(approver.page), poll).toBe('in_review');
    await button(approver.page, 'approve').click();
    await expect.poll(() => status(approver.page), poll).toBe('approved');
    await button(approver.page, 'publish').click();
    await expect.poll(() => status(approver.page), poll).toBe('published');
    expect(await seriousViolations(approver.page)).toEqual([]);

    // 9. The gateway's published offer carries the wealth fields, and no amount range.
    const stored = await env.gw.api<Offer>('GET', `/v1/admin/offers/${ID}/versions/1`, {
      auth: admins.approver.apiKey,
    });
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      status: 'published',
      productType: 'wealth_management',
      riskLevel: 'R2',
      liquidity: 'periodic',
      minHoldingDays: 90,
      pricing: { fees: [expect.objectContaining({ id: 'management', kind: 'management', rateBps: 50 })] },
      pastPerformance: {
        periods: [{ label: { 'zh-CN': '近一年', en: 'Last 12 months' }, returnBps: 320 }],
        notice: {
          'zh-CN': `${PAST_PERFORMANCE_WARNING['zh-CN']}。`,
          en: `${PAST_PERFORMANCE_WARNING.en}. Returns shown are for reference only.`,
        },
      },
    });
    expect(stored.body).not.toHaveProperty('amount');

    expect([...author.problems, ...approver.problems]).toEqual([]);
    await author.context.close();
    await approver.context.close();
  }, 600_000);
});
