import { seriousViolations, startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADULT, cardOffer, consumerOffer, inventoryOffer } from '../test/fixtures.js';

let env: WidgetEnv;

beforeAll(async () => {
  env = await startWidgetEnv([consumerOffer, cardOffer, inventoryOffer]);
  env.sessionInput = { signals: ADULT };
});
afterAll(async () => env?.close());

function offersPage(name: string, attrs: string, provider = '') {
  return env.page(name, {
    body: `<finlet-provider gateway="${env.gw.url}" ${provider}><finlet-offers ${attrs}></finlet-offers></finlet-provider>`,
    script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
  });
}

describe('<finlet-offers> in Chromium against a real gateway', () => {
  it('shows ranked offers with price, worked example, disclosures and why, under a strict CSP', async () => {
    const { page, problems, events, context } = await env.open(
      offersPage('zh', 'amount="8000" term-months="12"'),
    );
    const offers = page.locator('finlet-offers');
    await expect.poll(() => offers.locator('[part="offer"]').count()).toBe(2);
    const first = offers.locator('[part="offer"]').first();
    await expect.poll(() => first.locator('h3').innerText()).toContain('购物分期');
    expect(await first.innerText()).toContain('首选推荐');
    expect(await first.innerText()).toContain('6.00% 起，最高 18.00%');
    // 8,000 CNY over 12 months at 6% APR: 688.5314… a month (shown rounded up), 8,262.38 in all, no fees.
    expect(await first.locator('[part="example"]').innerText()).toContain('¥688.54');
    expect(await first.locator('[part="example"]').innerText()).toContain('¥8,262.38');
    expect(await first.locator('[part="disclosures"]').innerText()).toContain('贷款有风险，借款需谨慎。');
    await first.locator('summary').click();
    expect(await first.locator('[part="why"]').innerText()).toContain('年满 18 周岁');
    expect(await first.locator('[part="why"]').innerText()).toContain('35');
    expect(await offers.locator('[part="base"]').innerText()).not.toContain('存货融资');
    // A fee's figure is shown once: the late fee's label states its rate, the annual fee's does not.
    const card = offers.locator('[part="offer"][data-offer="shop-credit-card"]');
    const cardText = await card.innerText();
    expect(cardText).toContain('年费 ¥200.00；逾期每日按未还本金的 0.05% 收取罚息');
    expect(cardText.match(/0\.05/g)).toHaveLength(1);

    await first.locator('[part="select"]').click();
    const selected = (await events('finlet-offer-select')) as Array<{
      offerId: string;
      offerVersion: number;
    }>;
    expect(selected).toEqual([expect.objectContaining({ offerId: 'shop-installment', offerVersion: 1 })]);
    expect(await events('finlet-ready')).toEqual([{ element: 'offers', count: 2 }]);
    // The gateway keeps what was disclosed to whom: both offers shown, in Chinese.
    await expect
      .poll(async () =>
        (await env.gw.store.disclosures.list({ partnerId: env.partner.partner.id, limit: 50 }))
          .filter((r) => r.surface === 'offers' && r.locale === 'zh-CN')
          .flatMap((r) => r.offers.map((o) => o.id))
          .sort(),
      )
      .toEqual(['shop-credit-card', 'shop-installment']);
    expect(await events('csp')).toEqual([]);
    expect(problems).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('switches to English at run time without reloading', async () => {
    const { page, context } = await env.open(offersPage('switch', 'amount="8000"'));
    const offers = page.locator('finlet-offers');
    await expect.poll(() => offers.locator('h3').first().innerText()).toContain('购物分期');
    await page.locator('finlet-provider').evaluate((el) => el.setAttribute('locale', 'en'));
    await expect.poll(() => offers.locator('h3').first().innerText()).toContain('Shopping installments');
    expect(await offers.locator('[part="example"]').first().innerText()).toContain('CN¥688.54');
    const card = await offers.locator('[part="offer"][data-offer="shop-credit-card"]').innerText();
    expect(card).toContain(
      'Annual fee CN¥200.00; 0.05 % a day on the overdue principal if a payment is late',
    );
    expect(card.match(/0\.05/g)).toHaveLength(1);
    expect(await offers.locator('[part="disclosures"]').first().innerText()).toContain(
      'Borrow only what you can repay.',
    );
    await context.close();
  });

  it('elder mode: one recommendation first, large text and targets, high contrast, axe-clean', async () => {
    const { page, context } = await env.open(offersPage('elder', 'amount="8000"', 'mode="elder"'));
    const offers = page.locator('finlet-offers');
    await expect.poll(() => offers.locator('[part="offer"]').count()).toBe(1);
    const more = offers.locator('[part="more"]');
    expect(await more.innerText()).toContain('查看另外 1 个');
    const metrics = await offers.locator('[part="select"]').evaluate((button) => {
      const text = button.closest('li')!.querySelector('.tagline')!;
      const style = getComputedStyle(text);
      const box = button.getBoundingClientRect();
      return {
        fontSize: Number.parseFloat(style.fontSize),
        lineHeight: Number.parseFloat(style.lineHeight) / Number.parseFloat(style.fontSize),
        height: box.height,
        width: box.width,
        color: style.color,
      };
    });
    expect(metrics.fontSize).toBeGreaterThanOrEqual(18);
    expect(metrics.lineHeight).toBeGreaterThanOrEqual(1.5);
    expect(metrics.height).toBeGreaterThanOrEqual(44);
    expect(metrics.width).toBeGreaterThanOrEqual(44);
    expect(contrast(metrics.color, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(7);
    await more.click();
    await expect.poll(() => offers.locator('[part="offer"]').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows a designed empty state when nothing fits the trusted signals', async () => {
    env.sessionInput = { signals: { 'user.age': 16 } };
    try {
      const { page, events, context } = await env.open(offersPage('empty', 'amount="8000"'));
      const empty = page.locator('finlet-offers [part="empty"]');
      await expect.poll(() => empty.count()).toBe(1);
      expect(await empty.innerText()).toContain('暂时没有适合您的金融产品');
      expect(await events('finlet-ready')).toEqual([{ element: 'offers', count: 0 }]);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    } finally {
      env.sessionInput = { signals: ADULT };
    }
  });

  it('ignores an untrusted amount attribute for eligibility and says when it is out of range', async () => {
    const { page, context } = await env.open(offersPage('range', 'amount="60000" currency="CNY"'));
    const offers = page.locator('finlet-offers');
    // 60,000 CNY is above the installment plan's 50,000 limit: only the card (up to 50,000? no: 50,000) — neither fits.
    await expect.poll(() => offers.locator('[part="empty"], [part="offer"]').count()).toBeGreaterThan(0);
    const text = await offers.locator('[part="base"]').innerText();
    expect(text).not.toContain('每月还款约');
    await context.close();
  });

  it('ends the session visibly when the gateway refuses the token and nothing can refresh it', async () => {
    const url = env.page('badtoken', {
      body: `<finlet-offers gateway="${env.gw.url}" session-token="not-a-token" locale="en"></finlet-offers>`,
    });
    const { page, events, context } = await env.open(url);
    const error = page.locator('finlet-offers [part="error"]');
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.innerText()).toContain('Your session has ended');
    const errors = (await events('finlet-error')) as Array<{ code: string; status: number }>;
    expect(errors).toEqual([expect.objectContaining({ code: 'invalid_token', status: 401 })]);
    expect(await events('finlet-session-expired')).toHaveLength(1);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('loads English texts only on a page that asks for them, and in one file', async () => {
    const scripts = (page: import('playwright-core').Page) =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((entry) => new URL(entry.name).pathname)
          .filter((path) => path.endsWith('.js')),
      );
    const zh = await env.open(offersPage('locale-zh', 'amount="8000"'));
    await expect.poll(() => zh.page.locator('finlet-offers [part="offer"]').count()).toBe(2);
    expect(await zh.page.locator('finlet-offers h2').innerText()).toBe('为您推荐的金融服务');
    expect((await scripts(zh.page)).filter((path) => path.includes('/finlet/'))).toEqual([]);
    await zh.context.close();

    const en = await env.open(offersPage('locale-en', 'amount="8000"', 'locale="en"'));
    await expect.poll(() => en.page.locator('finlet-offers [part="offer"]').count()).toBe(2);
    expect(await en.page.locator('finlet-offers h2').innerText()).toBe('Financing for you');
    expect(await en.page.locator('finlet-offers [part="offer"]').first().innerText()).toContain(
      'See details and apply',
    );
    expect((await scripts(en.page)).filter((path) => path.includes('/finlet/'))).toEqual([
      expect.stringMatching(/^\/finlet\/messages-en-[\w-]+\.js$/),
    ]);
    expect(en.problems).toEqual([]);
    await en.context.close();
  });

  it('with the token in the page, the match is its first call to the gateway and needs no preflight', async () => {
    const { token } = await env.token({ signals: ADULT });
    const url = env.page('one-round-trip', {
      body: `<finlet-provider gateway="${env.gw.url}" session-token="${token}"><finlet-offers amount="8000"></finlet-offers></finlet-provider>`,
    });
    const { page, context } = await env.open(env.page('blank', { body: '' }));
    const cdp = await context.newCDPSession(page);
    const sent: string[] = [];
    cdp.on('Network.requestWillBeSent', (e: { request: { url: string; method: string } }) => {
      if (e.request.url.startsWith(env.gw.url))
        sent.push(`${e.request.method} ${new URL(e.request.url).pathname}`);
    });
    await cdp.send('Network.enable');
    await page.goto(url);
    await expect.poll(() => page.locator('finlet-offers [part="offer"]').count()).toBe(2);
    // The agent grants the provider lists wait for an idle page; the disclosures follow the offers.
    await expect.poll(() => sent.includes('GET /v1/agent-grants')).toBe(true);
    expect(sent[0]).toBe('POST /v1/offers/match');
    expect(sent).not.toContain('OPTIONS /v1/offers/match');
    await context.close();
  });

  it('records the disclosures and lists the agent grants after the frame that paints the offers', async () => {
    const { token } = await env.token({ signals: ADULT });
    const url = env.page('disclosures-after-paint', {
      body: `<finlet-provider gateway="${env.gw.url}" session-token="${token}"><finlet-offers amount="8000"></finlet-offers></finlet-provider>`,
    });
    const { page, context } = await env.open(env.page('blank-disclosures', { body: '' }));
    await page.addInitScript(() => {
      // Whether the animation frame after `finlet-ready` (the one painting the offers) had run
      // when each call to the gateway left.
      const calls: string[] = [];
      let framed = false;
      (window as unknown as { __calls: string[] }).__calls = calls;
      document.addEventListener('finlet-ready', () => requestAnimationFrame(() => (framed = true)), {
        once: true,
      });
      const send = window.fetch.bind(window);
      window.fetch = (input, init) => {
        const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
        calls.push(`${path} ${framed ? 'after' : 'before'} the offers' frame`);
        return send(input, init);
      };
    });
    await page.goto(url);
    await expect.poll(() => page.locator('finlet-offers [part="offer"]').count()).toBe(2);
    const calls = () => page.evaluate(() => (window as unknown as { __calls: string[] }).__calls);
    await expect
      .poll(async () => (await calls()).filter((c) => /^\/v1\/(disclosures|agent-grants)/.test(c)).length)
      .toBe(2);
    expect((await calls()).filter((c) => c.startsWith('/v1/')).sort()).toEqual([
      "/v1/agent-grants after the offers' frame",
      "/v1/disclosures after the offers' frame",
      "/v1/offers/match before the offers' frame",
    ]);
    expect((await calls()).filter((c) => c.startsWith('/v1/disclosures'))).toHaveLength(1);
    await context.close();
  });

  it('paints its title and a skeleton before the session arrives, the skeleton animated by opacity alone', async () => {
    // The partner's session endpoint never answers: everything shown is what paints first.
    const url = env.page('session-pending', {
      body: `<finlet-provider gateway="${env.gw.url}"><finlet-offers amount="8000"></finlet-offers></finlet-provider>`,
      script: 'window.finlet.configure({ fetchSessionToken: () => new Promise(() => {}) });',
    });
    const { page, context } = await env.open(url);
    const offers = page.locator('finlet-offers');
    await expect.poll(() => offers.locator('[part="loading"] .skeleton').count()).toBe(1);
    expect(await offers.locator('h2').innerText()).toBe('为您推荐的金融服务');
    // A moving gradient repaints on the main thread every frame while the offers are on their way;
    // an opacity animation runs on the compositor.
    const animated = await offers.evaluate((host) =>
      (host.shadowRoot?.querySelector('.skeleton')?.getAnimations() ?? []).flatMap((a) =>
        (a.effect as KeyframeEffect)
          .getKeyframes()
          .flatMap((k) => Object.keys(k))
          .filter((key) => !['offset', 'computedOffset', 'easing', 'composite'].includes(key)),
      ),
    );
    expect(animated.length).toBeGreaterThan(0);
    expect(new Set(animated)).toEqual(new Set(['opacity']));
    await context.close();
  });

  it('explains a missing gateway instead of rendering nothing', async () => {
    const url = env.page('nogateway', { body: '<finlet-offers></finlet-offers>' });
    const { page, context } = await env.open(url);
    const error = page.locator('finlet-offers [part="error"]');
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.innerText()).toContain('未配置金融服务地址');
    await context.close();
  });
});

/** WCAG contrast ratio of two `rgb()` colours. */
function contrast(a: string, b: string): number {
  const lum = (rgb: string) => {
    const [r, g, bl] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
