import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations, startWidgetEnv, type WidgetEnv } from '../test/browser.js';
import { ADULT, consumerOffer, inventoryOffer } from '../test/fixtures.js';

let env: WidgetEnv;
let user = 0;

beforeAll(async () => {
  env = await startWidgetEnv([consumerOffer, inventoryOffer]);
});
afterAll(async () => env?.close());

/** A page with <finlet-apply> for a fresh user whose partner pre-filled the application. */
function applyPage(name: string, attrs = '', provider = '') {
  const userId = `apply-user-${++user}`;
  env.sessionInput = {
    userId,
    signals: ADULT,
    prefill: {
      amount: { value: 800_000, currency: 'CNY' },
      termMonths: 12,
      purpose: '购买家电',
      applicantName: '张三',
      phone: '13800000000',
    },
  };
  const url = env.page(name, {
    body: `<finlet-provider gateway="${env.gw.url}" ${provider}><finlet-apply offer="shop-installment" ${attrs}></finlet-apply></finlet-provider>`,
    script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
  });
  return { url, userId };
}

describe('<finlet-apply> in Chromium against a real gateway', () => {
  it('goes from pre-filled details through consent to a submitted application with the keyboard only', async () => {
    const { url, userId } = applyPage('keyboard');
    const { page, events, problems, context } = await env.open(url);
    const apply = page.locator('finlet-apply');
    const amount = apply.locator('#f-amount');
    await expect.poll(() => amount.count()).toBe(1);
    // The user confirms what the partner knows; nothing is retyped.
    expect(await amount.inputValue()).toBe('8000');
    expect(await apply.locator('#f-name').inputValue()).toBe('张三');
    expect(await apply.locator('#f-termMonths').inputValue()).toBe('12');
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.press('Tab');
    expect(await amount.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.press('Enter'); // submits the details form

    const consent = apply.locator('[part="consent"]');
    await expect.poll(() => consent.count()).toBe(1);
    expect(
      await consent.locator('h3').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true);
    const text = await consent.innerText();
    expect(text).toContain('贷款有风险，借款需谨慎。');
    await expect
      .poll(async () =>
        (await env.gw.store.disclosures.list({ userId, limit: 10 })).map((r) => [r.surface, r.offers[0]?.id]),
      )
      .toEqual([['apply', 'shop-installment']]);
    expect(text).toContain('本次申请填写的信息');
    expect(text).toContain('用途：贷款申请');
    expect(text).toContain('有效期：30 天，您可随时撤回');
    expect(await seriousViolations(page)).toEqual([]);

    // Submitting without agreeing is refused in words, and focus goes to the checkbox.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent?.trim()),
    ).toBe('提交申请');
    await page.keyboard.press('Enter');
    await expect.poll(() => consent.locator('#agree-error').count()).toBe(1);
    expect(
      await apply.locator('#agree').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true);
    await page.keyboard.press('Space');
    for (let i = 0; i < 2; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    const result = apply.locator('[part="result"]');
    await expect.poll(() => result.count()).toBe(1);
    expect(await result.innerText()).toContain('申请已提交');
    const submitted = (await events('finlet-application-submit')) as Array<{
      application: { id: string; amount: { value: number }; applicant: { name: string } };
    }>;
    expect(submitted).toHaveLength(1);
    const application = submitted[0]!.application;
    expect(application.amount.value).toBe(800_000);
    expect(application.applicant.name).toBe('张三');
    const stored = await env.gw.store.applications.listForUser(env.partner.partner.id, userId);
    expect(stored.map((a) => a.id)).toEqual([application.id]);
    expect(stored[0]!.purpose).toBe('购买家电');
    expect(problems).toEqual([]);
    expect(await events('csp')).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('creates one application when the answer is lost and the button is double-clicked', async () => {
    const { url, userId } = applyPage('idempotent', '', 'locale="en"');
    const { page, events, context } = await env.open(url);
    const apply = page.locator('finlet-apply');
    await expect.poll(() => apply.locator('#f-amount').count()).toBe(1);
    await apply.locator('button[type="submit"]').click();
    await apply.locator('#agree').check();

    // The first submit reaches the gateway but its answer is lost on the way back.
    let attempts = 0;
    const keys: string[] = [];
    await page.route(`${env.gw.url}/v1/applications`, async (route) => {
      attempts++;
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      const response = await route.fetch();
      if (attempts === 1) return route.abort('connectionreset');
      return route.fulfill({ response });
    });
    await apply.locator('[part="submit"]').dblclick();
    // The client retries the lost answer on its own with the same key; the gateway replays it.
    await expect.poll(() => apply.locator('[part="result"]').count()).toBe(1);
    expect(attempts).toBe(2);
    expect(new Set(keys).size).toBe(1);
    const stored = await env.gw.store.applications.listForUser(env.partner.partner.id, userId);
    expect(stored).toHaveLength(1);
    expect(await events('finlet-application-submit')).toHaveLength(1);
    await context.close();
  });

  it('validates in words next to the field, in elder mode with large targets', async () => {
    const { url } = applyPage('validate', 'amount="999999"', 'mode="elder"');
    const { page, context } = await env.open(url);
    const apply = page.locator('finlet-apply');
    await expect.poll(() => apply.locator('#f-amount').count()).toBe(1);
    await apply.locator('#f-name').fill('');
    await apply.locator('button[type="submit"]').click();
    expect(await apply.locator('#f-amount-error').innerText()).toContain(
      '金额需在 ¥500.00 – ¥50,000.00 之间',
    );
    expect(await apply.locator('#f-name-error').innerText()).toContain('请填写此项');
    expect(
      await apply
        .locator('#f-amount')
        .evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true);
    const size = await apply.locator('#f-amount').evaluate((el) => {
      const box = el.getBoundingClientRect();
      return { height: box.height, font: Number.parseFloat(getComputedStyle(el).fontSize) };
    });
    expect(size.height).toBeGreaterThanOrEqual(44);
    expect(size.font).toBeGreaterThanOrEqual(18);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('says so when the offer does not exist or the user is not eligible', async () => {
    const missing = env.page('missing', {
      body: `<finlet-apply gateway="${env.gw.url}" offer="no-such-offer" locale="en"></finlet-apply>`,
      script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
    });
    env.sessionInput = { signals: ADULT };
    const first = await env.open(missing);
    await expect.poll(() => first.page.locator('finlet-apply [part="error"]').count()).toBe(1);
    expect(await first.page.locator('finlet-apply [part="error"]').innerText()).toContain('could not find');
    await first.context.close();

    env.sessionInput = { signals: { 'user.age': 16 } };
    const ineligible = env.page('ineligible', {
      body: `<finlet-apply gateway="${env.gw.url}" offer="shop-installment" locale="en"></finlet-apply>`,
      script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
    });
    const second = await env.open(ineligible);
    await expect.poll(() => second.page.locator('finlet-apply [part="error"]').count()).toBe(1);
    expect(await second.page.locator('finlet-apply [part="error"]').innerText()).toContain('not eligible');
    await second.context.close();
  });
});
