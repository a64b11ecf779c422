import { publishTable } from '@finlet/testing';
import { seriousViolations, startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import {
  cashWealthOffer,
  debitCardOffer,
  equityFundOffer,
  RISK_ANSWERS_C2,
  riskQuestionnaire,
} from '@finlet/testing/fixtures';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let env: WidgetEnv;

beforeAll(async () => {
  env = await startWidgetEnv([debitCardOffer, cashWealthOffer, equityFundOffer]);
  await publishTable(env.gw, 'risk-questionnaires', riskQuestionnaire);
});
afterAll(async () => env?.close());

const page = (name: string, attrs = '') =>
  env.page(name, {
    body: `<finlet-offers gateway="${env.gw.url}" ${attrs}></finlet-offers>`,
    script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
  });

/** The element (in any shadow root) that has the keyboard focus: its tag and its `data-*`/`part`. */
const focused = (tab: Page) =>
  tab.evaluate(() => {
    let at: Element | null = document.activeElement;
    while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
    return at
      ? `${at.localName}${at.getAttribute('part') ? `[part=${at.getAttribute('part')}]` : ''}${at.getAttribute('data-action') ? `[${at.getAttribute('data-action')}]` : ''}`
      : '';
  });

/** Answers the questionnaire opened inside <finlet-offers> with the C2 answers. */
async function answerC2(tab: Page) {
  const form = tab.locator('finlet-offers finlet-suitability');
  await form.locator('[data-action="start"]').click();
  const ids = Object.keys(RISK_ANSWERS_C2);
  for (const [i, question] of ids.entries()) {
    await form.locator(`input[name="${question}"][value="${RISK_ANSWERS_C2[question]}"]`).check();
    await form.locator(i === ids.length - 1 ? '[data-action="submit"]' : '[data-action="next"]').click();
  }
}

describe('<finlet-offers> for a user without a risk assessment', () => {
  it('offers to take it in place, then shows the products the level allows and refuses the rest in words', async () => {
    env.sessionInput = { userId: 'no-assessment-1', signals: {} };
    const { page: tab, problems, events, context } = await env.open(page('assess'));
    const offers = tab.locator('finlet-offers');
    const prompt = offers.locator('[part="assess"]');
    await expect.poll(() => prompt.count()).toBe(1);
    expect(await prompt.innerText()).toContain('为您推荐理财产品前，请先完成风险测评。');
    // Rated products are listed, none selectable yet.
    expect(await offers.locator('[data-offer="cash-plus"] [part="select"]').count()).toBe(0);
    expect(await seriousViolations(tab)).toEqual([]);

    await prompt.getByRole('button', { name: '进行风险测评' }).click();
    // The questionnaire opens inside the element and takes the focus.
    await expect.poll(() => focused(tab), { timeout: 15_000 }).toBe('button[start]');
    expect(await prompt.count()).toBe(0);
    await answerC2(tab);

    // Matched again at C2: the R1 product is choosable and has the focus; the R4 fund is refused in words.
    const cash = offers.locator('[data-offer="cash-plus"] [part="select"]');
    await expect.poll(() => cash.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => focused(tab)).toBe('button[part=select]');
    expect(await offers.locator('[data-offer="equity-growth-fund"] [part="withheld"]').innerText()).toContain(
      '该产品风险等级 R4 高于您的风险承受能力等级 C2',
    );
    expect(await offers.locator('finlet-suitability [part="result"]').getAttribute('data-level')).toBe('C2');
    expect(await events('finlet-assessment-complete')).toEqual([expect.objectContaining({ level: 'C2' })]);
    // The one 404 is the questionnaire asking for the user's current level: there is none yet.
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    expect(await seriousViolations(tab)).toEqual([]);
    await context.close();
  });

  it('says it in English and keeps elder mode in the questionnaire', async () => {
    env.sessionInput = { userId: 'no-assessment-2', signals: {} };
    const { page: tab, context } = await env.open(page('assess-en', 'locale="en" mode="elder"'));
    const prompt = tab.locator('finlet-offers [part="assess"]');
    await expect.poll(() => prompt.count()).toBe(1);
    await prompt.getByRole('button', { name: 'Take the risk assessment' }).click();
    const form = tab.locator('finlet-offers finlet-suitability');
    await expect.poll(() => form.locator('[data-action="start"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await form.getAttribute('mode')).toBe('elder');
    expect(await form.locator('[part="base"]').getAttribute('class')).toContain('elder');
    expect(await form.getAttribute('locale')).toBe('en');
    await context.close();
  });
});
