import { seriousViolations, startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('waits in the queue, talks with the agent who took over, opens their application card and gets the advisor back', async () => {
    const agent = await env.gw.adminKey({ name: 'Chen Jing', role: 'agent' });
    const asAgent = (method: string, path: string, body?: unknown) =>
      env.gw.api(method, path, { auth: agent.apiKey, ...(body !== undefined ? { body } : {}) });
    const { page, problems, context, events } = await env.open(chatPage('seat'));
    const chat = page.locator('finlet-advice-chat');
    const input = chat.locator('textarea');
    await expect.poll(() => input.count()).toBe(1);
    for (const text of ['我想借20万进货', '转人工']) {
      await input.focus();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await expect.poll(() => chat.locator('.message.assistant[aria-busy="true"]').count()).toBe(0);
    }
    const bar = chat.locator('[part="handoff"]');
    await expect.poll(() => bar.innerText().catch(() => '')).toContain('正在为您转接人工客服');
    expect(await seriousViolations(page)).toEqual([]);

    const queue = (await asAgent('GET', '/v1/admin/handoffs?status=waiting')).body as {
      handoffs: { id: string; userId: string }[];
    };
    const handoff = queue.handoffs.find((h) => h.userId === `chat-merchant-${merchant}`)!;
    const path = `/v1/admin/handoffs/${handoff.id}`;
    expect((await asAgent('POST', `${path}/claim`)).status).toBe(200);
    await expect.poll(() => bar.innerText()).toContain('Chen Jing已接入');
    expect(await chat.locator('[role="status"]').innerText()).toContain('Chen Jing');

    await asAgent('POST', `${path}/typing`, { typing: true });
    await expect.poll(() => chat.locator('[part="typing"]').count()).toBe(1);
    await asAgent('POST', `${path}/messages`, { text: '您好，我来帮您看看存货融资。' });
    const agentMessage = chat.locator('.message.agent');
    await expect.poll(() => agentMessage.count()).toBe(1);
    expect(await agentMessage.innerText()).toContain('Chen Jing · 银行顾问');
    expect(await chat.locator('[part="typing"]').count()).toBe(0);

    expect((await asAgent('POST', `${path}/application-card`, {})).status).toBe(201);
    const open = chat.locator('[part="application-card"] button', { hasText: '打开申请' });
    await expect.poll(() => open.count()).toBe(1);
    await open.click();
    const amount = chat.locator('finlet-apply #f-amount');
    await expect.poll(() => amount.count()).toBe(1);
    expect(await amount.inputValue()).toBe('200000');
    expect(await seriousViolations(page)).toEqual([]);

    expect((await asAgent('POST', `${path}/close`, { disposition: 'application_started' })).status).toBe(200);
    await expect
      .poll(() => chat.locator('.message.assistant').last().innerText())
      .toContain('人工客服已结束');
    await expect.poll(() => bar.count()).toBe(0);
    expect(problems).toEqual([]);
    expect(await events('csp')).toEqual([]);
    await context.close();
  });

  it('lets a waiting user leave the queue with the keyboard, in elder mode and English', async () => {
    const { page, context } = await env.open(chatPage('leave', 'locale="en" mode="elder"'));
    const chat = page.locator('finlet-advice-chat');
    const input = chat.locator('textarea');
    await expect.poll(() => input.count()).toBe(1);
    await input.focus();
    await page.keyboard.type('Talk to a person');
    await page.keyboard.press('Enter');
    const leave = chat.locator('[part="handoff"] button', { hasText: 'Leave the queue' });
    await expect.poll(() => leave.count()).toBe(1);
    // The queue's state arrives on the stream just after the hand-off is acknowledged.
    await expect
      .poll(() => chat.locator('[part="handoff"]').innerText())
      .toContain('Connecting you to a bank advisor');
    await leave.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => chat.locator('[part="handoff"]').count()).toBe(0);
    await expect
      .poll(() => chat.locator('.message.assistant').last().innerText())
      .toContain('You left the queue');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
