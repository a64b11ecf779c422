import { seriousViolations, startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { cashWealthOffer, debitCardOffer, equityFundOffer } from '@finlet/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let env: WidgetEnv;

beforeAll(async () => {
  env = await startWidgetEnv([debitCardOffer, cashWealthOffer, equityFundOffer]);
  // The assessed level is a trusted session signal: C2 admits the R1 product, not the R4 fund.
  env.sessionInput = { signals: { 'investor.risk_level': 'C2' } };
});
afterAll(async () => env?.close());

const page = (name: string, attrs: string) =>
  env.page(name, {
    body: `<finlet-provider gateway="${env.gw.url}"><finlet-offers ${attrs}></finlet-offers></finlet-provider>`,
    script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
  });

describe('<finlet-offers> with wealth products and products without an amount range', () => {
  it('renders a debit card with no amount range and a wealth product with its risk, liquidity, holding and warning', async () => {
    const { page: tab, problems, events, context } = await env.open(page('wealth', 'amount="8000"'));
    const offers = tab.locator('finlet-offers');
    await expect.poll(() => offers.locator('[part="offer"]').count()).toBe(3);
    // The R4 fund is two levels above the investor's: shown last, refused in words, nothing to choose.
    expect(await offers.locator('[part="offer"]').last().getAttribute('data-offer')).toBe(
      'equity-growth-fund',
    );
    const fund = offers.locator('[data-offer="equity-growth-fund"]');
    expect(await fund.locator('[part="withheld"]').innerText()).toContain(
      '该产品风险等级 R4 高于您的风险承受能力等级 C2',
    );
    expect(await fund.locator('[part="select"], [part="acknowledge"], input').count()).toBe(0);

    const card = await offers.locator('[data-offer="elder-debit-card"]').innerText();
    expect(card).toContain('敬老借记卡');
    expect(card).not.toContain('申请金额');
    expect(card).not.toMatch(/NaN|undefined|¥0\.00 – ¥0\.00/);
    expect(card).not.toContain('不在此产品的额度范围内');

    const wealth = offers.locator('[data-offer="cash-plus"]');
    const facts = () => wealth.locator('.facts').innerText();
    expect(await facts()).toMatch(/风险等级\s+R1/);
    expect(await facts()).toMatch(/流动性\s+每日可赎回，最短持有 7 天/);
    const past = await wealth.locator('[part="disclosures"]').innerText();
    expect(past).toContain('近一年');
    expect(past).toContain('近一年: 2.15%');
    // Our own wording, whatever the bank wrote.
    expect(past).toContain('过往业绩不代表未来表现');

    await tab.locator('finlet-provider').evaluate((el) => el.setAttribute('locale', 'en'));
    await expect.poll(() => facts()).toContain('Daily redemption; hold at least 7 days');
    expect(await wealth.locator('[part="disclosures"]').innerText()).toContain(
      'Past performance does not guarantee future returns.',
    );
    expect(await wealth.locator('[part="disclosures"]').innerText()).toContain('Last 12 months: 2.15%');
    expect(await offers.locator('[data-offer="elder-debit-card"]').innerText()).not.toMatch(/NaN|undefined/);

    expect(await events('csp')).toEqual([]);
    expect(problems).toEqual([]);
    expect(await seriousViolations(tab)).toEqual([]);
    await context.close();
  });
});

describe('<finlet-offers> with a product one level above the user (the "I understand…" step)', () => {
  it('shows the fund withheld with the reason in words, and makes it selectable only after the recorded acknowledgement', async () => {
    // C3: the R4 fund is one level above, which the default policy lets the user choose knowingly.
    env.sessionInput = { userId: 'investor-c3', signals: { 'investor.risk_level': 'C3' } };
    const { page: tab, problems, context } = await env.open(page('override', 'mode="elder"'));
    const offers = tab.locator('finlet-offers');
    // Elder mode: one at a time; the withheld fund follows the eligible products.
    await expect.poll(() => offers.locator('[part="more"]').count()).toBe(1);
    await offers.locator('[part="more"]').click();
    const fund = offers.locator('[data-offer="equity-growth-fund"]');
    await expect.poll(() => fund.count()).toBe(1);
    const withheld = fund.locator('[part="withheld"]');
    expect(await withheld.innerText()).toContain('该产品风险等级 R4 高于您的风险承受能力等级 C3');
    expect(await withheld.innerText()).toContain('我已了解：该产品风险等级 R4 超出我的风险承受能力等级 C3');
    expect(await fund.locator('[part="select"]').count()).toBe(0);
    const confirm = fund.locator('[part="acknowledge"]');
    expect(await confirm.isDisabled()).toBe(true);

    await fund.getByRole('checkbox').check();
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    // Matched again with the acknowledgement recorded: eligible, selectable, no longer withheld.
    await expect.poll(() => fund.locator('[part="select"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await fund.locator('[part="withheld"]').count()).toBe(0);
    expect(problems).toEqual([]);
    expect(await seriousViolations(tab)).toEqual([]);
    await context.close();
  });

  it('refuses a product two levels above in words, without the step (C2 and the R4 fund)', async () => {
    env.sessionInput = { userId: 'investor-c2b', signals: { 'investor.risk_level': 'C2' } };
    const { page: tab, context } = await env.open(page('no-override', 'amount="8000"'));
    const offers = tab.locator('finlet-offers');
    await expect.poll(() => offers.locator('[part="offer"]').count()).toBe(3);
    const fund = offers.locator('[data-offer="equity-growth-fund"]');
    expect(await fund.locator('[part="withheld"]').innerText()).toContain('不向您推荐');
    expect(await fund.getByRole('checkbox').count()).toBe(0);
    expect(await fund.locator('[part="select"], [part="acknowledge"]').count()).toBe(0);
    expect(await offers.locator('[part="select"]').count()).toBe(2);
    await context.close();
  });
});
