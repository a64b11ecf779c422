import { seriousViolations } from '@finlet/testing/browser';
import { type DevRun, openSite, startDev } from '@finlet/testing/dev';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Issue 21, part 5: the consumption site's member area sells the partner bank's wealth products
// under suitability, on a fresh `finlet dev` with its demo catalogue and questionnaire.
let dev: DevRun;

beforeAll(async () => {
  dev = await startDev();
}, 180_000);

afterAll(async () => {
  await dev?.stop();
});

const poll = { timeout: 45_000, interval: 100 };

/** The demo questionnaire's answers worth 11 points: C2 (10–18). */
const C2_ANSWERS = [
  '46 至 59 岁',
  '10 万至 30 万元',
  '20% 至 50%',
  '银行理财、国债',
  '2 年以下',
  '1 年以内',
  '保住本金',
  '不能接受任何亏损',
];

async function takeQuestionnaire(page: Page, labels: string[], within = '') {
  const element = page.locator(`${within} finlet-suitability`.trim());
  const start = element.locator('[data-action="start"]');
  await expect.poll(() => start.count(), poll).toBe(1);
  await start.click();
  for (const [i, label] of labels.entries()) {
    await expect
      .poll(() => element.locator('[part="progress"]').innerText(), poll)
      .toContain(`第 ${i + 1} 题，共 ${labels.length} 题`);
    await element.locator('[part="option"]', { hasText: label }).click();
    await element
      .locator(i === labels.length - 1 ? '[data-action="submit"]' : '[data-action="next"]')
      .click();
  }
  await expect.poll(() => element.locator('[part="result"]').getAttribute('data-level'), poll).toBe('C2');
}

describe('consumption: the member area’s wealth products under suitability', () => {
  it('questionnaire → C2 → R1–R2 products offered, the R4 fund refused in words → a concentrated holding’s health check', async () => {
    const { page, context, problems } = await openSite(dev.browser, dev.sites.consumption);
    await page.locator('#login-button').click();
    await expect.poll(() => page.locator('#app').isVisible(), poll).toBe(true);
    await page.locator('#wealth-button').click();

    const offers = page.locator('#wealth-offers');
    // Not assessed yet: the offers say why rated products wait, and open the questionnaire in place.
    const assess = offers.locator('[part="assess"] button');
    await expect.poll(() => assess.count(), poll).toBe(1);
    expect(await assess.innerText()).toContain('进行风险测评');
    await assess.click();
    await takeQuestionnaire(page, C2_ANSWERS, '#wealth-offers');
    expect(await offers.locator('finlet-suitability [part="result"]').innerText()).toContain('C2 稳健型');

    // The offers follow the new level: the R1 and R2 products to choose, the R4 fund refused in words.
    const choosable = () =>
      offers
        .locator('[part="offer"]:has([part="select"])')
        .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-offer')).sort());
    await expect.poll(choosable, poll).toEqual(['wealth-cash-plus', 'wealth-steady-income']);
    const refused = offers.locator('[data-offer="wealth-equity-fund"] [part="withheld"]');
    expect(await refused.innerText()).toMatch(/R4[\s\S]*C2[\s\S]*不向您推荐/);
    expect(await offers.locator('[data-offer="wealth-steady-income"]').innerText()).toMatch(/风险等级\s+R2/);
    expect(await seriousViolations(page)).toEqual([]);

    // Asked for the fund by name, the advisor refuses it with the reason in words, no apply button.
    const chat = page.locator('#wealth-chat');
    const input = chat.locator('textarea');
    await expect.poll(() => input.count(), poll).toBe(1);
    await input.fill('我想申请成长精选股票基金');
    await chat.locator('[part="form"] button[type="submit"]').click();
    const answer = chat.locator('.message.assistant').last();
    await expect.poll(() => answer.getAttribute('aria-busy'), poll).toBe('false');
    const card = answer.locator('[part="offer-card"][data-offer="wealth-equity-fund"]').first();
    const said = await answer.innerText();
    await expect.poll(() => card.count(), { ...poll, message: said }).toBe(1);
    const withheld = card.locator('[part="withheld"]');
    expect(await withheld.innerText()).toContain('不向您推荐');
    expect(await withheld.innerText()).toMatch(/R4[\s\S]*C2/);
    expect(await answer.locator('button', { hasText: '继续申请' }).count()).toBe(0);

    // The health check of one concentrated holding explains the concentration.
    const check = page.locator('#health-check');
    const name = check.locator('input[name="name"]');
    await expect.poll(() => name.count(), poll).toBe(1);
    await name.fill('某科技股票基金');
    await check.locator('input[name="amount"]').fill('80000');
    await check.locator('select[name="risk"]').selectOption('R4');
    await check.locator('[data-action="add-row"]').click();
    await check.locator('input[name="name"]').nth(1).fill('零钱理财');
    await check.locator('input[name="amount"]').nth(1).fill('20000');
    await check.locator('[data-action="check"]').click();
    const concentration = check.locator('[data-kind="concentration"]');
    await expect.poll(() => concentration.count(), poll).toBe(1);
    const explained = await concentration.innerText();
    expect(explained).toContain('单一持仓过于集中');
    expect(explained).toContain('某科技股票基金');
    expect(explained).toContain('80');
    expect(await concentration.locator('[data-cite="rule"]').innerText()).toContain('单一持仓占比上限');
    expect(await check.locator('[data-kind="risk_above_level"]').innerText()).toContain('C2');
    // Suggestions name only products within C2.
    const suggested = await check
      .locator('[part~="suggestion"] [data-risk]')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-risk')));
    for (const level of suggested) expect(['R1', 'R2']).toContain(level);
    expect(await seriousViolations(page)).toEqual([]);
    // Two answers are expected, not failures: no assessment yet (404 on first load of the
    // questionnaire) and no holdings yet (422: how the health check learns to ask for them).
    const expected =
      /\/v1\/suitability\/assessment$|\/v1\/portfolio\/health-check$|status of (404 \(Not Found\)|422 \(Unprocessable Entity\))$/;
    expect(problems.filter((p) => !expected.test(p))).toEqual([]);
    await context.close();
  }, 240_000);
});
