import { loadDemoRails, publishTable } from '@finlet/testing';
import { seriousViolations, startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let env: WidgetEnv;

beforeAll(async () => {
  env = await startWidgetEnv([]);
  // The bank's demo rails and FX (the same `finlet dev` publishes), rates observed at the gateway's now.
  const rails = await loadDemoRails(env.gw.clock.now);
  for (const table of rails.railTables) await publishTable(env.gw, 'rail-tables', table);
  for (const table of rails.fxTables) await publishTable(env.gw, 'fx-tables', table);
});
afterAll(async () => env?.close());

function quotePage(name: string, attrs: string, provider = '') {
  env.sessionInput = { userId: `payer-${name}`, scenario: 'supply-chain' };
  return env.page(name, {
    body: `<finlet-provider gateway="${env.gw.url}" ${provider}><finlet-route-quote ${attrs}></finlet-route-quote></finlet-provider>`,
    script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
  });
}

const CNY_VND =
  'from-currency="CNY" to-currency="VND" from-country="CN" to-country="VN" payer-type="business" payee-type="business" purpose="goods" amount="200000"';

describe('<finlet-route-quote> against the real quote API and the demo rails', () => {
  it('compares CNY→VND business options with costs, arrival and explanations, loaded on first use', async () => {
    const { page, events, problems, context } = await env.open(quotePage('cny-vnd', CNY_VND));
    const quote = page.locator('finlet-route-quote');
    const options = quote.locator('[part="option"]');
    await expect.poll(() => options.count()).toBeGreaterThanOrEqual(2);
    const first = options.first();
    const text = await first.innerText();
    expect(text).toContain('对方收到');
    expect(text).toMatch(/₫[\d,]+/);
    expect(text).toContain('总费用');
    expect(text).toContain('预计到账');
    expect(await quote.locator('[part="options"] .badge', { hasText: '推荐' }).count()).toBe(1);
    expect(await quote.locator('[part="chart"] circle').count()).toBe(await options.count());

    await first.locator('summary').click();
    expect(await first.locator('[part="legs"] ol li').count()).toBeGreaterThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);

    await first.locator('[part="select"]').click();
    const selected = (await events('finlet-route-select')) as Array<{
      quoteId: string;
      option: { recipientGets: { currency: string; value: number }; senderPays: { value: number } };
    }>;
    expect(selected).toHaveLength(1);
    expect(selected[0]!.option.recipientGets.currency).toBe('VND');
    expect(selected[0]!.option.senderPays.value).toBe(20_000_000);
    const stored = await env.gw.api('GET', `/v1/routes/quotes/${selected[0]!.quoteId}`, {
      auth: (await env.token({ userId: 'payer-cny-vnd', scenario: 'supply-chain' })).token,
      headers: { origin: env.origin },
    });
    expect(stored.status).toBe(200);
    expect(problems).toEqual([]);
    expect(await events('csp')).toEqual([]);
    await context.close();
  });

  it('quotes "the recipient must get exactly" USD→EUR for a consumer, in English and elder mode', async () => {
    const { page, context } = await env.open(
      quotePage(
        'usd-eur',
        'from-currency="USD" to-currency="EUR" from-country="US" to-country="DE" direction="receive" amount="1000" purpose="family_support"',
        'locale="en" mode="elder"',
      ),
    );
    const quote = page.locator('finlet-route-quote');
    const options = quote.locator('[part="option"]');
    await expect.poll(() => options.count()).toBe(1);
    expect(await options.first().innerText()).toContain('€1,000.00');
    expect(await quote.locator('[part="more"]').innerText()).toMatch(/Show \d+ more/);
    const size = await quote.locator('[part="select"]').evaluate((el) => {
      const box = el.getBoundingClientRect();
      return { height: box.height, font: Number.parseFloat(getComputedStyle(el).fontSize) };
    });
    expect(size.height).toBeGreaterThanOrEqual(44);
    expect(size.font).toBeGreaterThanOrEqual(18);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('says which constraint failed, in words, for an unsupported corridor and a bad amount', async () => {
    const { page, events, context } = await env.open(
      quotePage(
        'bad',
        'from-currency="CNY" to-currency="KRW" from-country="CN" to-country="KR" amount="100"',
      ),
    );
    const quote = page.locator('finlet-route-quote');
    const error = quote.locator('[part="error"]');
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.innerText()).toContain('暂不支持该币种或国家/地区之间的汇款');
    expect(await error.innerText()).toContain('route_corridor_not_supported');
    expect(((await events('finlet-error')) as Array<{ code: string }>)[0]?.code).toBe(
      'route_corridor_not_supported',
    );

    await quote.locator('#amount').fill('abc');
    await quote.locator('button[type="submit"]').click();
    expect(await quote.locator('#amount-error').innerText()).toContain('请输入大于 0 的金额');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
