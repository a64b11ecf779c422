import { publishTable } from '@finlet/testing';
import { seriousViolations, startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import {
  cashWealthOffer,
  debitCardOffer,
  equityFundOffer,
  riskQuestionnaire,
} from '@finlet/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let env: WidgetEnv;
let users = 0;
let published: Promise<unknown> | undefined;
/** The questionnaire, published once by the first test that needs it. */
const questionnaire = () => {
  published ??= publishTable(env.gw, 'risk-questionnaires', riskQuestionnaire);
  return published;
};

beforeAll(async () => {
  env = await startWidgetEnv([debitCardOffer, cashWealthOffer, equityFundOffer]);
});
afterAll(async () => env?.close());

const page = (name: string, attrs = '') =>
  env.page(name, {
    body: `<finlet-provider gateway="${env.gw.url}" ${attrs}>
      <finlet-suitability></finlet-suitability>
      <finlet-offers></finlet-offers>
    </finlet-provider>`,
    script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
  });

/** Answers question after question by clicking the options (`labels`: the visible option texts). */
async function answer(tab: import('playwright-core').Page, labels: string[]) {
  const element = tab.locator('finlet-suitability');
  await element.locator('[data-action="start"]').click();
  for (const [i, label] of labels.entries()) {
    await expect
      .poll(() => element.locator('[part="progress"]').innerText())
      .toContain(`第 ${i + 1} 题，共 ${labels.length} 题`);
    await element.locator('[part="option"]', { hasText: label }).click();
    await element
      .locator(i === labels.length - 1 ? '[data-action="submit"]' : '[data-action="next"]')
      .click();
  }
}

describe('<finlet-suitability>', () => {
  it('says plainly that the bank has no questionnaire yet, in the page language', async () => {
    if (published) return;
    env.sessionInput = { userId: `assessed-${++users}` };
    const { page: tab, context } = await env.open(page('none', 'locale="en"'));
    const element = tab.locator('finlet-suitability');
    await expect
      .poll(() =>
        element
          .locator('[part="error"]')
          .innerText()
          .catch(() => ''),
      )
      .toContain('The bank has not published its risk questionnaire yet.');
    await context.close();
  });

  it('walks through the questions one per step, shows the level and its expiry, and the offers follow it', async () => {
    await questionnaire();
    env.sessionInput = { userId: `assessed-${++users}` };
    const { page: tab, problems, events, context } = await env.open(page('walk'));
    const element = tab.locator('finlet-suitability');
    const offers = tab.locator('finlet-offers');
    // No level yet: the unrated card is offered; rated products wait for the assessment, and say so.
    await expect.poll(() => offers.locator('[part="offer"]').count()).toBe(3);
    expect(await offers.locator('[part="select"]').count()).toBe(1);
    expect(await offers.locator('[data-offer="elder-debit-card"] [part="select"]').count()).toBe(1);
    expect(await offers.locator('[data-offer="cash-plus"] [part="withheld"]').innerText()).toContain(
      '请先完成风险承受能力评估',
    );

    await expect.poll(() => element.locator('[part="base"]').innerText()).toContain('共 4 道题');
    expect(await seriousViolations(tab)).toEqual([]);
    await element.locator('[data-action="start"]').click();
    // Nothing chosen: "next" waits, and says why.
    expect(await element.locator('[data-action="next"]').isDisabled()).toBe(true);
    expect(await element.locator('#pick').innerText()).toBe('请选择一项后继续。');
    // The keyboard alone: arrows choose inside the group, Tab reaches "next".
    await element.locator('[part="option"] input').first().focus();
    await tab.keyboard.press('ArrowDown');
    expect(await element.locator('input:checked').getAttribute('value')).toBe('1-3-years');
    await tab.keyboard.press('Tab');
    await tab.keyboard.press('Enter');
    await expect.poll(() => element.locator('[part="progress"]').innerText()).toContain('第 2 题，共 4 题');
    expect(
      await element.locator('legend').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true);
    // Back keeps the answer given.
    await element.locator('[data-action="back"]').click();
    expect(await element.locator('input:checked').getAttribute('value')).toBe('1-3-years');
    await element.locator('[data-action="next"]').click();
    for (const label of ['5% 以内', '存款、低风险理财']) {
      await element.locator('[part="option"]', { hasText: label }).click();
      await element.locator('[data-action="next"]').click();
    }
    await element.locator('[part="option"]', { hasText: '不稳定' }).click();
    await element.locator('[data-action="submit"]').click();

    const result = element.locator('[part="result"]');
    await expect.poll(() => result.innerText().catch(() => '')).toContain('C2 稳健型');
    const expiresAt = await result.locator('[data-expires]').getAttribute('data-expires');
    expect(new Date(expiresAt!).getTime() - env.gw.clock.now.getTime()).toBe(365 * 86_400_000);
    expect(await result.innerText()).toContain('有效期至');
    const [done] = (await events('finlet-assessment-complete')) as {
      level: string;
      questionnaireVersion: number;
    }[];
    expect(done).toMatchObject({ level: 'C2', questionnaireId: 'investor-risk', questionnaireVersion: 1 });

    // The same session's offers now follow C2: the R1 product is offered, the R4 fund is refused in words.
    await expect.poll(() => offers.locator('[data-offer="cash-plus"] [part="select"]').count()).toBe(1);
    expect(await offers.locator('[data-offer="equity-growth-fund"] [part="select"]').count()).toBe(0);
    expect(await offers.locator('[data-offer="equity-growth-fund"] [part="withheld"]').innerText()).toContain(
      '高于您的风险承受能力等级 C2',
    );
    expect(await offers.locator('[data-offer="elder-debit-card"]').count()).toBe(1);

    await tab.locator('finlet-provider').evaluate((el) => el.setAttribute('locale', 'en'));
    await expect.poll(() => result.innerText()).toContain('C2 Cautious');
    expect(await result.innerText()).toContain('Valid until');
    expect(await seriousViolations(tab)).toEqual([]);
    expect(await events('csp')).toEqual([]);
    // The browser logs the one 404 it was told to expect: no assessment yet for this user.
    expect(problems).toEqual([
      'console: Failed to load resource: the server responded with a status of 404 (Not Found)',
    ]);
    await context.close();
  });

  it('a high score admits the R4 fund, and a returning user sees the level kept, in elder mode', async () => {
    await questionnaire();
    const userId = `assessed-${++users}`;
    env.sessionInput = { userId };
    const first = await env.open(page('high'));
    await answer(first.page, ['5 年以上', '20% 以上', '股票、衍生品', '稳定且较高']);
    const offers = first.page.locator('finlet-offers');
    await expect.poll(() => offers.locator('[data-offer="equity-growth-fund"]').count()).toBe(1);
    await first.context.close();

    const again = await env.open(page('again', 'mode="elder"'));
    const result = again.page.locator('finlet-suitability [part="result"]');
    await expect.poll(() => result.innerText().catch(() => '')).toContain('C5 进取型');
    // Elder mode: the targets are at least 48 px.
    await again.page.locator('finlet-suitability [data-action="retake"]').click();
    const option = await again.page.locator('finlet-suitability [part="option"]').first().boundingBox();
    expect(option!.height).toBeGreaterThanOrEqual(48);
    expect(await seriousViolations(again.page)).toEqual([]);
    await again.context.close();
  });

  it('takes the focus when shown only with focusStart, set as the property or as the focus-start attribute', async () => {
    await questionnaire();
    env.sessionInput = { userId: `assessed-${++users}` };
    const alone = (name: string, attrs: string, script = '') =>
      env.page(name, {
        body: `<finlet-suitability gateway="${env.gw.url}" ${attrs}></finlet-suitability><button id="outside">x</button>`,
        script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });${script}`,
      });
    const startHasFocus = (tab: import('playwright-core').Page) =>
      tab
        .locator('finlet-suitability')
        .evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('data-action') ?? null);
    for (const [name, attrs, script] of [
      ['focus-attr', 'focus-start', ''],
      ['focus-prop', '', `document.querySelector('finlet-suitability').focusStart = true;`],
    ] as const) {
      const { page: tab, events, context } = await env.open(alone(name, attrs, script));
      await expect.poll(() => startHasFocus(tab), { timeout: 15_000 }).toBe('start');
      expect(await tab.locator('finlet-suitability').evaluate((el) => el.hasAttribute('focus-start'))).toBe(
        attrs !== '',
      );
      expect(await events('finlet-ready')).toHaveLength(1);
      await context.close();
    }
    // Without it, the questionnaire on the page leaves the focus where the user has it.
    const { page: tab, events, context } = await env.open(alone('focus-none', ''));
    await tab.locator('#outside').focus();
    await expect.poll(() => events('finlet-ready'), { timeout: 15_000 }).toHaveLength(1);
    expect(await tab.evaluate(() => document.activeElement?.id)).toBe('outside');
    expect(await startHasFocus(tab)).toBe(null);
    await context.close();
  });
});
