import type { HealthCheckReport } from '@finlet/contracts';
import { seriousViolations, startWidgetEnv, type WidgetEnv, XSS_PAYLOADS } from '@finlet/testing/browser';
import { cashWealthOffer, concentratedHoldings, equityFundOffer } from '@finlet/testing/fixtures';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let env: WidgetEnv;
let users = 0;

beforeAll(async () => {
  env = await startWidgetEnv([cashWealthOffer, equityFundOffer]);
});
afterAll(async () => env?.close());

const page = (name: string, attrs = '') =>
  env.page(name, {
    body: `<finlet-provider gateway="${env.gw.url}" ${attrs}><finlet-health-check></finlet-health-check></finlet-provider>`,
    script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
  });

/** The partner's server reports the user's holdings as a trusted signal. */
async function sendHoldings(subject: string) {
  const response = await env.gw.api('POST', '/v1/signals', {
    auth: env.partner.secretKey,
    body: {
      signals: [
        {
          id: `holdings-${subject}`,
          type: 'portfolio.holdings',
          subject,
          occurredAt: new Date(env.gw.clock.now.getTime() - 60_000).toISOString(),
          data: { holdings: concentratedHoldings },
        },
      ],
    },
  });
  expect(response.status, response.text).toBeLessThan(300);
}

const text = (tab: Page, selector: string) =>
  tab
    .locator('finlet-health-check')
    .locator(selector)
    .first()
    .innerText()
    .catch(() => '');

describe('<finlet-health-check>', () => {
  it('checks the holdings the partner reported: each finding explained with its basis, products only within the level', async () => {
    const userId = `health-${++users}`;
    await sendHoldings(userId);
    env.sessionInput = { userId, signals: { 'investor.risk_level': 'C2' } };
    const { page: tab, problems, events, context } = await env.open(page('signal'));
    const element = tab.locator('finlet-health-check');
    await expect.poll(() => text(tab, '[data-kind="concentration"]')).toContain('单一持仓过于集中');
    // Most important first, the basis under each finding in words.
    const concentration = element.locator('[data-kind="concentration"]');
    expect(await concentration.innerText()).toContain('科技成长股票基金');
    expect(await concentration.locator('[data-cite="rule"]').innerText()).toContain(
      '单一持仓占比上限 40.00%',
    );
    expect(await concentration.locator('[data-cite="holding"]').first().innerText()).toMatch(
      /合作方于 .+ 提供/,
    );
    expect(await element.locator('[data-kind="risk_above_level"]').innerText()).toContain('风险超出您的等级');
    expect(await element.locator('[data-kind="fee_drag"]').count()).toBe(1);
    expect(await element.locator('[data-level]').innerText()).toContain('C2 稳健型');
    // The cash product (R1) is suggested; the R4 fund never is.
    expect(
      await element.locator(`[part~="suggestion"] [data-offer="${cashWealthOffer.id}"]`).count(),
    ).toBeGreaterThan(0);
    expect(await element.locator(`[data-offer="${equityFundOffer.id}"]`).count()).toBe(0);
    expect(await element.locator('[part~="holdings"] [data-holding]').count()).toBe(2);
    expect(await seriousViolations(tab)).toEqual([]);
    expect(await events('finlet-ready')).toEqual([{ element: 'health-check', count: expect.any(Number) }]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('asks for holdings when there are none, checks its fields, and checks what the user typed (keyboard only, English)', async () => {
    env.sessionInput = { userId: `health-${++users}`, signals: { 'investor.risk_level': 'C2' } };
    const { page: tab, problems, context } = await env.open(page('entered', 'locale="en"'));
    const element = tab.locator('finlet-health-check');
    await expect.poll(() => text(tab, '[part~="form"]')).toContain('Holding 1');
    expect(await element.locator('[part="base"]').innerText()).toContain(
      'Enter the funds and wealth products',
    );
    expect(await seriousViolations(tab)).toEqual([]);
    // The first field has focus: nothing typed, the check says what is missing and goes to it.
    await tab.keyboard.press('Enter');
    await expect.poll(() => text(tab, '.invalid')).toContain('Enter the product name.');
    expect(await element.locator('[aria-invalid="true"]').count()).toBe(2);
    expect(
      await tab.evaluate(() =>
        document.querySelector('finlet-health-check')?.shadowRoot?.activeElement?.getAttribute('name'),
      ),
    ).toBe('name');
    await tab.keyboard.type('Tech Growth Fund');
    await tab.keyboard.press('Tab');
    await tab.keyboard.type('90000');
    await tab.keyboard.press('Tab');
    await tab.keyboard.press('ArrowDown'); // R1
    await tab.keyboard.press('ArrowDown'); // R2
    await tab.keyboard.press('ArrowDown'); // R3
    await tab.keyboard.press('ArrowDown'); // R4
    await tab.keyboard.press('Tab');
    await tab.keyboard.type('1.5');
    await element.locator('[data-action="add-row"]').press('Enter');
    await expect.poll(() => element.locator('fieldset').count()).toBe(2);
    await tab.keyboard.type('Money Market');
    await tab.keyboard.press('Tab');
    await tab.keyboard.type('10,000');
    await element.locator('[data-action="check"]').press('Enter');
    await expect.poll(() => text(tab, '[data-kind="concentration"]')).toContain('Too much in one holding');
    expect(await element.locator('[data-kind="concentration"]').innerText()).toContain('Tech Growth Fund');
    expect(
      await element.locator('[data-kind="concentration"] [data-cite="holding"]').first().innerText(),
    ).toContain('Entered by you');
    expect(await element.locator('[data-kind="risk_above_level"]').innerText()).toContain(
      'Riskier than your level',
    );
    expect(await seriousViolations(tab)).toEqual([]);
    // The first check's 422 (no holdings yet) is how the element learns to ask; nothing else failed.
    expect(problems.filter((p) => !p.includes('status of 422'))).toEqual([]);
    await context.close();
  });

  it('shows a given report as it is, without a session, and never a product above the level (elder mode)', async () => {
    const report: HealthCheckReport = {
      locale: 'zh-CN',
      currency: 'CNY',
      total: { value: 10_000_000, currency: 'CNY' },
      investorLevel: 'C2',
      holdings: [
        {
          id: 'one',
          name: '单只基金',
          riskLevel: 'R2',
          marketValue: { value: 10_000_000, currency: 'CNY' },
          shareBps: 10_000,
          source: { kind: 'user' },
        },
      ],
      findings: [],
      suggestions: [
        {
          kind: 'diversify',
          addresses: ['x'],
          offers: [
            { offerId: 'low', version: 1, riskLevel: 'R2', name: { 'zh-CN': '稳健理财', en: 'Steady' } },
            { offerId: 'high', version: 1, riskLevel: 'R4', name: { 'zh-CN': '股票基金', en: 'Equity' } },
          ],
          explanation: { key: 'k', params: {}, text: { 'zh-CN': '分散投资。', en: 'Spread it.' } },
          citations: [
            { kind: 'investor_level', level: 'C2', source: { kind: 'session_signal', signal: 'x' } },
          ],
        },
      ],
      summary: '共 1 项持仓。',
    };
    const url = env.page('given', {
      body: '<finlet-health-check mode="elder"></finlet-health-check>',
      script: `customElements.whenDefined('finlet-health-check').then(() => {
        document.querySelector('finlet-health-check').report = ${JSON.stringify(report)};
      });`,
    });
    const { page: tab, problems, context } = await env.open(url);
    const element = tab.locator('finlet-health-check');
    await expect.poll(() => text(tab, '[part~="summary"]')).toContain('共 1 项持仓。');
    expect(await element.locator('[data-offer="low"]').count()).toBe(1);
    expect(await element.locator('[data-offer="high"]').count()).toBe(0);
    expect(await element.locator('[part~="finding"]').count()).toBe(0);
    expect(await element.locator('[part="base"]').innerText()).toContain('没有发现需要注意的问题。');
    // Elder mode: the table waits behind its summary.
    expect(await element.locator('details [part~="holdings"]').count()).toBe(1);
    expect(await element.locator('[part~="error"]').count()).toBe(0);
    expect(await seriousViolations(tab)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

/** The console's XSS payloads: any that executes sets `window.__xss`. */
const PAYLOADS = XSS_PAYLOADS;

describe('<finlet-health-check> with hostile holdings from the partner', () => {
  it('shows holding names, ids and exposures in the findings as text and runs none of them', async () => {
    const userId = `health-xss-${++users}`;
    const [first, second] = concentratedHoldings;
    const holdings = [
      {
        ...first!,
        id: 'javascript:alert',
        name: PAYLOADS[0]!,
        topExposures: [
          { name: PAYLOADS[2]!, weightBps: 900 },
          { name: PAYLOADS[3]!, weightBps: 800 },
        ],
      },
      { ...second!, name: PAYLOADS[1]! },
    ];
    const response = await env.gw.api('POST', '/v1/signals', {
      auth: env.partner.secretKey,
      body: {
        signals: [
          {
            id: `holdings-${userId}`,
            type: 'portfolio.holdings',
            subject: userId,
            occurredAt: new Date(env.gw.clock.now.getTime() - 60_000).toISOString(),
            data: { holdings },
          },
        ],
      },
    });
    expect(response.status, response.text).toBeLessThan(300);
    env.sessionInput = { userId, signals: { 'investor.risk_level': 'C2' } };
    const { page: tab, problems, context } = await env.open(page('xss'));
    const requested: string[] = [];
    tab.on('request', (request) => requested.push(new URL(request.url()).pathname));
    const element = tab.locator('finlet-health-check');
    await expect.poll(() => text(tab, '[data-kind="concentration"]')).toContain(PAYLOADS[0]);
    const shown = await element.locator('[part~="base"]').first().innerText();
    expect(shown).toContain(PAYLOADS[1]);
    expect(await tab.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await tab.locator('img[src="x"], svg[onload], iframe[srcdoc]').count()).toBe(0);
    // An `<img src=x>` that got into the page would have asked for `/x`.
    expect(requested.filter((path) => path.endsWith('/x'))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
