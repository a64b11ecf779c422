import { join } from 'node:path';
import { seriousViolations } from '@finlet/testing/browser';
import { type DevRun, openSite, SCREENSHOTS, startDev } from '@finlet/testing/dev';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// One fresh `finlet dev` (temp data dir, free ports) for every journey; each journey signs in on its
// own site as that partner's user, in its own browser context.
let dev: DevRun;

beforeAll(async () => {
  // The supply-chain journey waits for the nudge webhook, which the demo offer's quiet hours
  // (22:00-08:00 Shanghai) hold back at night: without them the journeys pass at any hour. Quiet
  // hours are tested with an injected clock in the gateway's signals tests.
  dev = await startDev({ args: ['--no-quiet-hours'] });
}, 180_000);

afterAll(async () => {
  await dev?.stop();
});

const poll = { timeout: 45_000, interval: 100 };

async function signIn(page: Page) {
  await page.locator('#login-button').click();
  await expect.poll(() => page.locator('#app').isVisible(), poll).toBe(true);
}

/**
 * `<finlet-route-quote>` on a partner page: several options (when the rails have them), each with what
 * the payee receives, the total cost and the arrival; choosing one emits `finlet-route-select`, which
 * the developer panel shows and the site turns into its own confirmation.
 */
async function chooseRoute(page: Page, receives: RegExp, minOptions: number) {
  const quote = page.locator('finlet-route-quote');
  const options = quote.locator('[part="option"]');
  await expect.poll(() => options.count(), poll).toBeGreaterThanOrEqual(minOptions);
  const count = await options.count();
  for (let i = 0; i < count; i++) {
    const text = await options.nth(i).innerText();
    expect(text).toContain('对方收到');
    expect(text).toMatch(receives);
    expect(text).toMatch(/总费用[\s\S]*¥[\d,]+\.\d\d/);
    expect(text).toContain('预计到账');
  }
  expect(await quote.locator('[part="options"] .badge', { hasText: '推荐' }).count()).toBe(1);
  const first = options.first();
  await first.locator('summary').click();
  expect(await first.locator('[part="legs"] ol li').count()).toBeGreaterThanOrEqual(1);
  expect(await seriousViolations(page)).toEqual([]);

  await first.locator('[part="select"]').click();
  await expect.poll(() => panel(page, 'events', 'finlet-route-select').count(), poll).toBe(1);
  const shown = await panel(page, 'events', 'finlet-route-select').innerText();
  expect(shown).toMatch(/"quoteId":"[^"]+"/);
  expect(shown).toContain('"recipientGets"');
  await expect.poll(() => page.locator('#route-choice').innerText(), poll).toMatch(/已选择路线：.+对方实收/);
  return { quote, count };
}

/** Asks the advisor; waits for the streamed answer to finish and opens its first source. */
async function askAdvisor(page: Page, question: string, { suggested = false } = {}) {
  const chat = page.locator('finlet-advice-chat');
  const before = await chat.locator('.message.assistant').count();
  if (suggested) {
    const suggestion = chat.locator('[part="suggestions"] button', { hasText: question });
    await expect.poll(() => suggestion.count(), poll).toBe(1);
    await suggestion.click();
  } else {
    const input = chat.locator('textarea');
    await expect.poll(() => input.count(), poll).toBe(1);
    await input.fill(question);
    await chat.locator('[part="form"] button[type="submit"]').click();
  }
  const answer = chat.locator('.message.assistant').nth(before);
  await expect.poll(() => answer.count(), poll).toBe(1);
  await expect.poll(() => answer.getAttribute('aria-busy'), poll).toBe('false');
  expect(await chat.locator('.message.user').nth(before).innerText()).toContain(question);
  expect((await answer.locator('.answer').innerText()).length).toBeGreaterThan(10);
  await answer.locator('button.cite').first().click();
  const source = answer.locator('[part="sources"] details[open]');
  await expect.poll(() => source.count(), poll).toBe(1);
  expect((await source.locator('blockquote').innerText()).length).toBeGreaterThan(0);
  return { chat, answer };
}

/** Goes through `<finlet-apply>`: pre-filled details, consent, submit; returns the result text. */
async function submitApplication(page: Page, apply = page.locator('finlet-apply')) {
  await apply.locator('button[type="submit"]').click();
  await expect.poll(() => apply.locator('[part="consent"]').count(), poll).toBe(1);
  await apply.locator('#agree').check();
  await apply.locator('[part="submit"]').click();
  await expect.poll(() => apply.locator('[part="result"]').count(), poll).toBe(1);
  return apply.locator('[part="result"]').innerText();
}

/** The developer panel lists what the page's widgets emitted and what the backend received. */
const panel = (page: Page, kind: 'events' | 'backend', type: string) =>
  page.locator(`#dev-${kind} li[data-type="${type}"]`);

/**
 * Saves the key screen for the README in Chinese, the default locale (CI installs Debian's
 * `fonts-noto-cjk`, so the characters are real glyphs, not boxes).
 */
async function screenshot(page: Page, name: string, focus?: string) {
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  await page.evaluate((selector) => {
    const target = selector ? document.querySelector(selector) : null;
    if (target) window.scrollTo(0, target.getBoundingClientRect().top + window.scrollY - 16);
    else window.scrollTo(0, 0);
  }, focus ?? null);
  // Two frames: the scroll and any re-render have painted.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}

describe('finlet dev prints one URL listing the demo sites', () => {
  it('serves the index page with a strict CSP and links to the five running sites', async () => {
    expect(dev.output()).toMatch(/Demo sites \(tourism, government, consumption, supply chain\): http/);
    // The fifth site: the merchants' group chat and its agent console, each on its own printed line.
    const groupChat = /Group chat \(Feishu assistant, demo\): (http:\/\/\S+)/.exec(dev.output())?.[1];
    expect(groupChat).toBeDefined();
    expect(dev.output()).toContain(`Agent console (MCP under a grant):   ${groupChat}agent.html`);
    const chat = await fetch(groupChat!);
    expect(chat.status).toBe(200);
    expect(chat.headers.get('content-security-policy')).toContain("script-src 'self'");
    const response = await fetch(dev.indexUrl);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const { page, context, problems } = await openSite(dev.browser, dev.indexUrl);
    expect(await page.locator('.site-list li:not([hidden])').count()).toBe(5);
    for (const url of Object.values(dev.sites)) {
      const site = await fetch(url);
      expect(site.status).toBe(200);
      const csp = site.headers.get('content-security-policy')!;
      expect(csp).toContain(`script-src 'self' ${dev.gatewayUrl}`);
      expect(csp).toContain("style-src 'self';");
      expect(csp).toContain(`connect-src 'self' ${dev.gatewayUrl}`);
      expect(await site.text()).toContain(`<script type="module" src="${dev.gatewayUrl}/finlet.js">`);
    }
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('mints sessions only for a signed-in user and never shows the secret key', async () => {
    const anonymous = await fetch(`${dev.sites.tourism}api/finlet-session`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    const login = await fetch(`${dev.sites.tourism}api/login`, { method: 'POST' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const session = await fetch(`${dev.sites.tourism}api/finlet-session`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(session.status).toBe(200);
    const body = await session.text();
    expect(JSON.parse(body)).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
    for (const url of Object.values(dev.sites)) {
      for (const path of ['', 'app.js', 'common/site.js'])
        expect(await (await fetch(url + path)).text()).not.toMatch(/fsk_/);
    }
    expect(body).not.toMatch(/fsk_/);
  });

  it('refuses a webhook that the gateway did not sign', async () => {
    const forged = await fetch(`${dev.sites.consumption}webhooks/finlet`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_forged',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,AAAA',
      },
      body: JSON.stringify({ type: 'application.created', data: {} }),
    });
    expect(forged.status).toBe(400);
    const log = (await (await fetch(`${dev.sites.consumption}api/dev/log`)).json()) as {
      entries: { kind: string; type: string }[];
    };
    expect(log.entries).toContainEqual(expect.objectContaining({ kind: 'webhook', type: 'rejected' }));
  });
});

describe('tourism: Cloud Travel trip checkout', () => {
  it('shows instalment offers for the trip amount and submits a pre-filled application', async () => {
    const { page, context, problems } = await openSite(dev.browser, dev.sites.tourism);
    await signIn(page);
    await expect.poll(() => page.locator('#trip-total').innerText(), poll).toBe('¥12,800.00');
    const offers = page.locator('finlet-offers');
    await expect.poll(() => offers.locator('[part="offer"]').count(), poll).toBeGreaterThan(0);
    expect(await offers.locator('[part="offer"]').first().innerText()).toMatch(/分期|旅行/);
    expect(await page.locator('[data-slot="finlet-route-quote"]').count()).toBe(1);
    expect(await page.locator('[data-slot="finlet-advice-chat"]').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await offers.locator('[part="select"]').first().click();
    const apply = page.locator('finlet-apply');
    await expect.poll(() => apply.locator('#f-amount').count(), poll).toBe(1);
    expect(await apply.locator('#f-amount').inputValue()).toBe('12800');
    expect(await submitApplication(page)).toContain('申请已提交');
    await expect.poll(() => panel(page, 'events', 'finlet-application-submit').count(), poll).toBe(1);
    await expect.poll(() => panel(page, 'backend', 'application.created').count(), poll).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tourism');
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('pays the hotel in Tokyo in JPY with <finlet-route-quote>: what the hotel gets, the cost and the arrival', async () => {
    const { page, context, problems } = await openSite(dev.browser, dev.sites.tourism);
    await signIn(page);
    const quote = page.locator('finlet-route-quote');
    expect(await quote.getAttribute('payer-type')).toBe('consumer');
    // A consumer paying a hotel: the demo rails have CIPS via Hong Kong, SWIFT, card and wallet routes
    // to Japan; the quote keeps the ones not beaten on both cost and time. At any hour the cheapest
    // (CIPS via Hong Kong) and the fastest (the round-the-clock wallet) differ.
    await chooseRoute(page, /JP¥168,000|¥168,000/, 2);
    expect(await page.locator('#route-choice').innerText()).toContain('JP¥168,000');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('answers travel-finance questions in <finlet-advice-chat> and hands off into a pre-filled instalment application', async () => {
    const { page, context, problems } = await openSite(dev.browser, dev.sites.tourism);
    await signIn(page);
    const { chat } = await askAdvisor(page, '去日本旅游可以分期付款吗？', { suggested: true });
    expect(await seriousViolations(page)).toEqual([]);

    const { answer } = await askAdvisor(page, '我想申请旅游分期，行程 12800 元分 6 期');
    expect(await answer.locator('[part="offer-card"]').first().innerText()).toContain('旅游分期');
    await answer.locator('button', { hasText: '继续申请' }).click();
    await expect.poll(() => panel(page, 'events', 'finlet-handoff').count(), poll).toBe(1);
    expect(await panel(page, 'events', 'finlet-handoff').innerText()).toContain('tourism-travel-installment');
    const apply = chat.locator('finlet-apply');
    await expect.poll(() => apply.locator('#f-amount').count(), poll).toBe(1);
    expect(await apply.locator('#f-amount').inputValue()).toBe('12800');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});

describe('government: GovServe company registration', () => {
  it('carries the registered company into a pre-filled business account or startup loan application', async () => {
    const { page, context, problems } = await openSite(dev.browser, dev.sites.government);
    await signIn(page);
    const name = page.locator('#company-name');
    await expect.poll(() => name.inputValue(), poll).toBe('杭州青禾文创工作室');
    await name.fill('杭州青禾数字文创有限公司');
    await page.locator('#details-form button[type="submit"]').click();
    const offers = page.locator('finlet-offers');
    await expect.poll(() => offers.locator('[part="offer"]').count(), poll).toBeGreaterThan(0);
    const titles = await offers.locator('[part="offer"] h3').allInnerTexts();
    expect(titles.join(' ')).toMatch(/创业|账户/);
    expect(await page.locator('#step-2').getAttribute('aria-current')).toBe('step');
    expect(await seriousViolations(page)).toEqual([]);

    await offers.locator('[part="select"]').first().click();
    const apply = page.locator('finlet-apply');
    await expect.poll(() => apply.locator('form').count(), poll).toBeGreaterThan(0);
    // The chat already had a session; saving the registration hands the widgets a fresh one.
    expect(await apply.locator('#f-businessName').inputValue()).toBe('杭州青禾数字文创有限公司');
    expect(await submitApplication(page)).toContain('申请已提交');
    await expect.poll(() => panel(page, 'backend', 'application.created').count(), poll).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'government');
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('answers while registering in <finlet-advice-chat> and hands off into a pre-filled startup loan application', async () => {
    const { page, context, problems } = await openSite(dev.browser, dev.sites.government);
    await signIn(page);
    await expect.poll(() => page.locator('#company-name').inputValue(), poll).toBe('杭州青禾文创工作室');
    await askAdvisor(page, '新注册的公司应该开什么账户？', { suggested: true });
    expect(await seriousViolations(page)).toEqual([]);

    const { chat, answer } = await askAdvisor(page, '我符合创业贷款的条件吗？');
    expect(await answer.locator('[part="offer-card"]').first().innerText()).toContain('创业担保贷款');
    await answer.locator('button', { hasText: '继续申请' }).click();
    await expect.poll(() => panel(page, 'events', 'finlet-handoff').count(), poll).toBe(1);
    expect(await panel(page, 'events', 'finlet-handoff').innerText()).toContain('gov-startup-loan');
    const apply = chat.locator('finlet-apply');
    await expect.poll(() => apply.locator('form').count(), poll).toBeGreaterThan(0);
    // The registration the portal carried into the session is already in the application.
    expect(await apply.locator('#f-businessName').inputValue()).toBe('杭州青禾文创工作室');
    expect(await submitApplication(page, apply)).toContain('申请已提交');
    await expect.poll(() => panel(page, 'backend', 'application.created').count(), poll).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});

describe('consumption: BestBuy Mall product and checkout', () => {
  it('matches consumer credit to the cart amount, with elder mode and English', async () => {
    const { page, context, problems } = await openSite(dev.browser, dev.sites.consumption);
    await signIn(page);
    await expect.poll(() => page.locator('#unit-price').innerText(), poll).toBe('¥8,999.00');
    await page.locator('#qty-plus').click();
    await expect.poll(() => page.locator('#qty').innerText(), poll).toBe('2');
    await page.locator('#checkout-button').click();
    await expect.poll(() => page.locator('#cart-total').innerText(), poll).toBe('¥17,998.00');
    const offers = page.locator('finlet-offers');
    expect(await offers.getAttribute('amount')).toBe('17998.00');
    await expect.poll(() => offers.locator('[part="offer"]').count(), poll).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);

    // Elder mode: the page and the widgets both switch to their larger layout.
    await page.locator('#elder-toggle').click();
    expect(await page.locator('#elder-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('finlet-provider').getAttribute('mode')).toBe('elder');
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('20px');
    await expect.poll(() => offers.locator('[part="offer"]').count(), poll).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);

    await offers.locator('[part="select"]').first().click();
    const apply = page.locator('finlet-apply');
    await expect.poll(() => apply.locator('#f-amount').count(), poll).toBe(1);
    expect(await apply.locator('#f-amount').inputValue()).toBe('17998');
    expect(await submitApplication(page)).toContain('申请已提交');
    await expect.poll(() => panel(page, 'backend', 'application.created').count(), poll).toBe(1);

    await screenshot(page, 'consumption', '#checkout');
    await page.locator('#lang-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('#product-title').innerText()).toContain('French-door fridge');
    expect(await page.locator('finlet-provider').getAttribute('locale')).toBe('en');
    await expect
      .poll(() => apply.locator('[part="result"]').innerText(), poll)
      .toMatch(/submitted|Application/i);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});

describe('supply-chain: ChainLink SCF merchant dashboard', () => {
  it('turns slowing inventory turnover into a nudge and a pre-filled inventory-financing application', async () => {
    const { page, context, problems } = await openSite(dev.browser, dev.sites['supply-chain']);
    await signIn(page);
    const nudges = page.locator('finlet-nudges');
    await expect.poll(() => nudges.locator('[part="empty"]').count(), poll).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // The site's backend posts the signals with its secret key; the gateway raises a nudge.
    await page.locator('#simulate').click();
    await expect.poll(() => page.locator('#simulate-status').innerText(), poll).toMatch(/已上报 3 条/);
    await expect.poll(() => panel(page, 'backend', 'signals.sent').count(), poll).toBe(1);
    const nudge = nudges.locator('[part="nudge"]').first();
    await expect.poll(() => nudge.count(), poll).toBe(1);
    expect(await nudge.innerText()).toContain('存货融资');
    expect(await nudge.innerText()).toMatch(/库存/);
    await expect.poll(() => panel(page, 'backend', 'nudge.created').count(), poll).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'supply-chain');

    await nudge.locator('[part="accept"]').click();
    const apply = nudges.locator('finlet-apply');
    await expect.poll(() => apply.locator('#f-amount').count(), poll).toBe(1);
    expect(await apply.locator('#f-businessName').inputValue()).toBe('宁波海曙恒达五金有限公司');
    await expect.poll(() => panel(page, 'events', 'finlet-nudge-action').count(), poll).toBe(1);
    expect(await submitApplication(page, apply)).toMatch(/申请已提交|submitted/i);
    await expect.poll(() => panel(page, 'backend', 'application.created').count(), poll).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('pays Hanoi Steel Components in VND with <finlet-route-quote>: several business routes to compare', async () => {
    const { page, context, problems } = await openSite(dev.browser, dev.sites['supply-chain']);
    await signIn(page);
    const quote = page.locator('finlet-route-quote');
    expect(await quote.getAttribute('payer-type')).toBe('business');
    expect(await quote.getAttribute('payee-type')).toBe('business');
    const { count } = await chooseRoute(page, /₫356,000,000/, 2);
    expect(await quote.locator('[part="chart"] circle').count()).toBe(count);
    expect(await page.locator('#route-choice').innerText()).toContain('₫356,000,000');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
