import type { OfferContentInput } from '@finlet/contracts';
import { publishTable, salesSignal } from '@finlet/testing';
import { seriousViolations, startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { cashWealthOffer, RISK_ANSWERS_C2, riskQuestionnaire } from '@finlet/testing/fixtures';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryOffer } from '../test/fixtures.js';

const DAY = 86_400_000;

const triggered: OfferContentInput = {
  ...inventoryOffer,
  triggers: [
    {
      id: 'turnover-slowing',
      when: [
        { kind: 'change', signal: 'inventory.turnover_days', direction: 'up', percent: 30, windowDays: 30 },
      ],
      cooldownDays: 30,
      prequalify: { kind: 'offer_max' },
    },
  ],
};

let env: WidgetEnv;
let merchant = 0;

beforeAll(async () => {
  env = await startWidgetEnv([
    triggered,
    {
      ...cashWealthOffer,
      triggers: [
        {
          id: 'gmv-high',
          when: [{ kind: 'threshold', signal: 'orders.monthly_gmv', op: 'gte', value: 1_000_000 }],
        },
      ],
    },
  ]);
  await publishTable(env.gw, 'risk-questionnaires', riskQuestionnaire);
});
afterAll(async () => env?.close());

/** The partner's server reports slowing inventory turnover for a merchant: 45 → 62 days in 25 days. */
async function slowTurnover(subject: string) {
  // The test gateway's clock stands still at its start; signals are dated by it.
  const at = (daysAgo: number) => new Date(env.gw.clock.now.getTime() - daysAgo * DAY).toISOString();
  const response = await env.gw.api('POST', '/v1/signals', {
    auth: env.partner.secretKey,
    body: {
      signals: [
        {
          id: `${subject}-1`,
          type: 'inventory.turnover_days',
          subject,
          occurredAt: at(25),
          data: { days: 45 },
        },
        {
          id: `${subject}-2`,
          type: 'inventory.turnover_days',
          subject,
          occurredAt: at(0),
          data: { days: 62 },
        },
      ],
    },
  });
  expect(response.status).toBe(200);
  expect((response.body as { nudges: unknown[] }).nudges).toHaveLength(1);
}

function nudgesPage(name: string, userId: string, attrs = '') {
  env.sessionInput = {
    userId,
    scenario: 'supply-chain',
    signals: { 'business.age_months': 30, 'inventory.turnover_days': 62 },
    prefill: { applicantName: '李娜', businessName: '杭州好货供应链有限公司' },
  };
  return env.page(name, {
    body: `<finlet-nudges gateway="${env.gw.url}" ${attrs}></finlet-nudges>`,
    script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
  });
}

describe('<finlet-nudges> against the real signals and nudges API', () => {
  it('shows the raised nudge with its explanation and opens a pre-filled application on accept', async () => {
    const userId = `merchant-${++merchant}`;
    await slowTurnover(userId);
    const { page, events, problems, context } = await env.open(nudgesPage('accept', userId));
    const nudge = page.locator('finlet-nudges [part="nudge"]');
    await expect.poll(() => nudge.count()).toBe(1);
    const text = await nudge.innerText();
    expect(text).toContain('存货融资');
    expect(text).toMatch(/库存周转天数.*45.*62/s);
    expect(text).toContain('¥3,000,000.00');
    expect(await seriousViolations(page)).toEqual([]);

    await nudge.locator('[part="accept"]').click();
    const amount = page.locator('finlet-nudges finlet-apply #f-amount');
    await expect.poll(() => amount.count()).toBe(1);
    expect(await amount.inputValue()).toBe('3000000');
    expect(await page.locator('finlet-nudges finlet-apply #f-businessName').inputValue()).toBe(
      '杭州好货供应链有限公司',
    );
    expect(await events('finlet-nudge-action')).toEqual([
      expect.objectContaining({ action: 'accept', offerId: 'scf-inventory-loan' }),
    ]);
    expect(problems).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('forgets a dismissed nudge and shows the designed empty state', async () => {
    const userId = `merchant-${++merchant}`;
    await slowTurnover(userId);
    const { page, events, context } = await env.open(nudgesPage('dismiss', userId, 'locale="en"'));
    const nudge = page.locator('finlet-nudges [part="nudge"]');
    await expect.poll(() => nudge.count()).toBe(1);
    await nudge.locator('[part="dismiss"]').click();
    await expect.poll(() => page.locator('finlet-nudges [part="empty"]').count()).toBe(1);
    expect(await events('finlet-nudge-action')).toEqual([expect.objectContaining({ action: 'dismiss' })]);

    const again = await env.open(nudgesPage('dismiss-reload', userId, 'locale="en"'));
    await expect.poll(() => again.page.locator('finlet-nudges [part="empty"]').count()).toBe(1);
    expect(await again.page.locator('finlet-nudges [part="empty"]').innerText()).toContain('Nothing new');
    await again.context.close();
    await context.close();
  });

  it('renders nothing as a banner with hide-empty when there is nothing to say', async () => {
    const userId = `merchant-${++merchant}`;
    const { page, events, context } = await env.open(
      nudgesPage('banner', userId, 'variant="banner" hide-empty'),
    );
    await expect.poll(() => events('finlet-ready')).toEqual([{ element: 'nudges', count: 0 }]);
    expect(await page.locator('finlet-nudges [part="base"]').count()).toBe(0);
    await context.close();
  });

  /** The partner reports 200,000 yuan of sales for `userId`: a rated product's trigger fires. */
  const sendSales = async (userId: string) => {
    const sent = await env.gw.api('POST', '/v1/signals', {
      auth: env.partner.secretKey,
      body: { signals: [salesSignal(env.gw, `${userId}-gmv`, userId)] },
    });
    expect(sent.status).toBe(200);
  };

  it('asks for the risk assessment first: the action says so and opens the questionnaire, never an application', async () => {
    const userId = `investor-${++merchant}`;
    await sendSales(userId);
    const { page, events, context } = await env.open(nudgesPage('assess', userId));
    const nudge = page.locator('finlet-nudges [part="nudge"]');
    await expect.poll(() => nudge.count()).toBe(1);
    const accept = nudge.locator('[part="accept"]');
    expect(await accept.innerText()).toContain('进行风险测评');
    expect(await accept.innerText()).not.toContain('申请');
    await accept.click();
    const form = page.locator('finlet-nudges finlet-suitability');
    await expect.poll(() => form.locator('[data-action="start"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('finlet-nudges finlet-apply').count()).toBe(0);
    // Focus moves into the questionnaire.
    await expect
      .poll(() => form.evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('data-action') ?? null))
      .toBe('start');
    expect(await events('finlet-nudge-action')).toEqual([
      expect.objectContaining({ action: 'accept', offerId: cashWealthOffer.id }),
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('labels a take-the-assessment nudge in English', async () => {
    const userId = `investor-${++merchant}`;
    await sendSales(userId);
    const { page, context } = await env.open(nudgesPage('assess-en', userId, 'locale="en"'));
    const accept = page.locator('finlet-nudges [part="accept"]');
    await expect.poll(() => accept.count()).toBe(1);
    expect(await accept.innerText()).toContain('Take the risk assessment');
    await context.close();
  });

  /** The element (in any shadow root) that has the keyboard focus: its tag and its `id`/`data-action`. */
  const focused = (tab: Page) =>
    tab.evaluate(() => {
      let at: Element | null = document.activeElement;
      while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
      if (!at) return '';
      const host = (at.getRootNode() as ShadowRoot).host?.localName ?? '';
      const mark = at.id
        ? `#${at.id}`
        : at.getAttribute('data-action')
          ? `[${at.getAttribute('data-action')}]`
          : '';
      return `${host} ${at.localName}${mark}`;
    });

  /** Opens the take-the-assessment nudge of a new investor and waits for the questionnaire's focus. */
  async function openAssessment(name: string) {
    const userId = `investor-${++merchant}`;
    await sendSales(userId);
    const opened = await env.open(nudgesPage(name, userId));
    const accept = opened.page.locator('finlet-nudges [part="accept"]');
    await expect.poll(() => accept.count()).toBe(1);
    await accept.click();
    await expect
      .poll(() => focused(opened.page), { timeout: 15_000 })
      .toBe('finlet-suitability button[start]');
    return opened;
  }

  it('gives the focus to the way back once the questionnaire is done, and back in the list to its heading', async () => {
    const { page, events, context } = await openAssessment('assess-done');
    const form = page.locator('finlet-nudges finlet-suitability');
    await form.locator('[data-action="start"]').click();
    const ids = Object.keys(RISK_ANSWERS_C2);
    for (const [i, question] of ids.entries()) {
      await form.locator(`input[name="${question}"][value="${RISK_ANSWERS_C2[question]}"]`).check();
      await form.locator(i === ids.length - 1 ? '[data-action="submit"]' : '[data-action="next"]').click();
    }
    // The level stays in view; the focus leaves the vanished submit button for the nudges' next step.
    await expect
      .poll(() =>
        form
          .locator('[part="result"]')
          .getAttribute('data-level')
          .catch(() => null),
      )
      .toBe('C2');
    await expect.poll(() => focused(page)).toBe('finlet-nudges button[back]');
    expect(await events('finlet-assessment-complete')).toEqual([expect.objectContaining({ level: 'C2' })]);
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.press('Enter');
    await expect.poll(() => form.count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('finlet-nudges h2#title');
    // The accepted nudge is gone from the list.
    expect(await page.locator('finlet-nudges [part="empty"]').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('leads back to the list, with the focus on its heading, when the user leaves the questionnaire unfinished', async () => {
    const { page, events, context } = await openAssessment('assess-leave');
    const back = page.locator('finlet-nudges [part="footer"] [data-action="back"]');
    expect(await back.innerText()).toBe('返回服务列表');
    await back.click();
    await expect.poll(() => page.locator('finlet-nudges finlet-suitability').count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('finlet-nudges h2#title');
    expect(await events('finlet-assessment-complete')).toEqual([]);
    await context.close();
  });
});
