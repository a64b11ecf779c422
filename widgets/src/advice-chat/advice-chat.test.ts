import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations, startWidgetEnv, type WidgetEnv } from '../test/browser.js';
import { inventoryOffer } from '../test/fixtures.js';

let env: WidgetEnv;
let merchant = 0;

beforeAll(async () => {
  env = await startWidgetEnv([inventoryOffer]);
});
afterAll(async () => env?.close());

function chatPage(name: string, attrs = '') {
  env.sessionInput = {
    userId: `chat-merchant-${++merchant}`,
    scenario: 'supply-chain',
    signals: { 'business.age_months': 30, 'inventory.turnover_days': 60 },
    prefill: { applicantName: '李娜', businessName: '杭州好货供应链有限公司' },
  };
  return env.page(name, {
    body: `<finlet-provider gateway="${env.gw.url}" ${attrs}><finlet-advice-chat></finlet-advice-chat></finlet-provider>`,
    script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
  });
}

describe('<finlet-advice-chat> against the real advisor (Server-Sent Events)', () => {
  it('answers with sources, an offer card and a hand-off into a pre-filled application, loaded on first use', async () => {
    const { page, events, problems, context } = await env.open(chatPage('handoff'));
    const chat = page.locator('finlet-advice-chat');
    const suggestion = chat.locator('[part="suggestions"] button', { hasText: '我想借20万进货' });
    await expect.poll(() => suggestion.count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await suggestion.click();

    const answer = chat.locator('.message.assistant');
    await expect.poll(() => answer.getAttribute('aria-busy')).toBe('false');
    expect(await chat.locator('.message.user').innerText()).toContain('我想借20万进货');
    expect(await answer.locator('.answer').innerText()).not.toBe('');
    expect(await chat.locator('[part="offer-card"]').first().innerText()).toContain('存货融资');

    // Every cited sentence opens its source passage.
    const cite = answer.locator('button.cite').first();
    await cite.click();
    const opened = answer.locator('[part="sources"] details[open]');
    await expect.poll(() => opened.count()).toBe(1);
    expect((await opened.locator('blockquote').innerText()).length).toBeGreaterThan(0);

    await answer.locator('button', { hasText: '继续申请' }).click();
    const amount = chat.locator('finlet-apply #f-amount');
    await expect.poll(() => amount.count()).toBe(1);
    expect(await amount.inputValue()).toBe('200000');
    expect(await events('finlet-handoff')).toEqual([
      expect.objectContaining({
        offerId: 'scf-inventory-loan',
        prefill: expect.objectContaining({ amount: { value: 20_000_000, currency: 'CNY' } }),
      }),
    ]);
    expect(problems).toEqual([]);
    expect(await events('csp')).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('sends with the keyboard, restores the conversation after a reload and deletes it on request', async () => {
    const { page, context } = await env.open(chatPage('history', 'locale="en"'));
    const chat = page.locator('finlet-advice-chat');
    const input = chat.locator('textarea');
    await expect.poll(() => input.count()).toBe(1);
    await input.focus();
    await page.keyboard.type('What is inventory financing?');
    await page.keyboard.press('Enter');
    const answer = chat.locator('.message.assistant');
    await expect.poll(() => answer.getAttribute('aria-busy')).toBe('false');
    const first = await answer.locator('.answer').innerText();
    expect(first.length).toBeGreaterThan(0);

    await page.reload();
    await expect.poll(() => chat.locator('.message').count()).toBe(2);
    expect(await chat.locator('.message.user').innerText()).toContain('What is inventory financing?');
    expect(await chat.locator('.message.assistant .answer').innerText()).toBe(first);

    await chat.locator('[part="header"] button').click();
    await expect.poll(() => chat.locator('.message').count()).toBe(0);
    await page.reload();
    await expect.poll(() => chat.locator('[part="suggestions"]').count()).toBe(1);
    expect(await chat.locator('.message').count()).toBe(0);
    await context.close();
  });
});
