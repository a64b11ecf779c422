import type { RiskQuestionnaireContentInput } from '@finlet/contracts';
import { publishTable, XSS_PAYLOADS } from '@finlet/testing';
import { startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { cashWealthOffer, riskQuestionnaire } from '@finlet/testing/fixtures';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The questionnaire's words are the bank's, typed in the console: its title, each question and
 * each option reach every user's page. Classic payloads (the console's list) are shown as text and
 * never run: any that executes sets a flag.
 */
const PAYLOADS = XSS_PAYLOADS;
const both = (text: string) => ({ 'zh-CN': text, en: text });

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv([cashWealthOffer]);
  const [first, ...rest] = riskQuestionnaire.questions;
  const hostile: RiskQuestionnaireContentInput = {
    ...riskQuestionnaire,
    title: both(PAYLOADS[0]!),
    questions: [
      {
        ...first!,
        text: both(PAYLOADS[1]!),
        options: first!.options.map((option, i) => ({ ...option, label: both(`${PAYLOADS[2 + i]!} ${i}`) })),
      },
      ...rest,
    ],
  };
  await publishTable(env.gw, 'risk-questionnaires', hostile);
});
afterAll(async () => env?.close());

async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"], svg[onload], iframe[srcdoc]').count()).toBe(0);
}

describe('<finlet-suitability> with hostile questionnaire text', () => {
  it('shows the question and its options as text and runs none of them', async () => {
    env.sessionInput = { userId: 'xss-suitability' };
    const { page, context, problems } = await env.open(
      env.page('suitability-xss', {
        body: `<finlet-provider gateway="${env.gw.url}" locale="en"><finlet-suitability></finlet-suitability></finlet-provider>`,
        script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
      }),
    );
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    const element = page.locator('finlet-suitability');
    await element.locator('[data-action="start"]').click();
    await expect.poll(() => element.locator('[part="option"]').count()).toBe(4);
    const text = await element.locator('[part="base"]').innerText();
    expect(text).toContain(PAYLOADS[1]);
    for (let i = 0; i < 4; i++) expect(text).toContain(`${PAYLOADS[2 + i]} ${i}`);
    await expectInert(page);
    // An `<img src=x>` that got into the page would have asked for `/x`.
    expect(requested.filter((path) => path.endsWith('/x'))).toEqual([]);
    // The one 404 the browser logs is the expected one: no assessment yet for this user.
    expect(problems).toEqual([
      'console: Failed to load resource: the server responded with a status of 404 (Not Found)',
    ]);
    await context.close();
  });
});
