import { seriousViolations } from '@finlet/testing/browser';
import { type DevRun, openSite, startDev } from '@finlet/testing/dev';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// One fresh `finlet dev`: the government portal's user in one browser context, the bank's agent in
// the console's desk (served by the same dev gateway) in another.
let dev: DevRun;
let agentKey: string;

beforeAll(async () => {
  dev = await startDev();
  agentKey = /^\s+agent\s+(\S+)$/m.exec(dev.output())![1]!;
}, 180_000);

afterAll(async () => {
  await dev?.stop();
});

const poll = { timeout: 45_000, interval: 100 };

/** Types into the advisor and waits for the answer (or the `done` of a message sent to the agent). */
async function say(page: Page, text: string) {
  const chat = page.locator('finlet-advice-chat');
  const input = chat.locator('textarea');
  await expect.poll(() => input.count(), poll).toBe(1);
  await input.fill(text);
  await chat.locator('[part="form"] button[type="submit"]').click();
  await expect.poll(() => chat.locator('.message.user', { hasText: text }).count(), poll).toBeGreaterThan(0);
  return chat;
}

describe('seat assist: from the government portal’s chat to the bank’s desk and back', () => {
  it('queues, claims, replies with an edited cited suggestion, sends a card the user submits, closes, and the advisor answers again', async () => {
    // The user, on the portal, asks about a loan, then for a person.
    const user = await openSite(dev.browser, dev.sites.government);
    await user.page.locator('#login-button').click();
    await expect.poll(() => user.page.locator('#app').isVisible(), poll).toBe(true);
    const chat = await say(user.page, '我想申请20万创业担保贷款，需要什么条件？');
    const answers = chat.locator('.message.assistant');
    await expect.poll(() => answers.first().getAttribute('aria-busy'), poll).toBe('false');
    await say(user.page, '转人工');
    const waiting = chat.locator('[part="handoff"]');
    await expect.poll(() => waiting.innerText(), poll).toContain('转接人工客服');

    // The agent signs in to the console's desk and finds it queued with its summary.
    const context = await dev.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const desk = await context.newPage();
    const deskProblems: string[] = [];
    desk.on('pageerror', (error) => deskProblems.push(`pageerror: ${error.message}`));
    await desk.goto(`${dev.gatewayUrl}/console/desk`);
    await desk.locator('fc-sign-in input[name="apiKey"]').fill(agentKey);
    await desk.locator('fc-sign-in button[type="submit"]').click();
    const row = desk.locator('fc-desk-queue tr[data-status="waiting"]');
    await expect.poll(() => row.count(), poll).toBe(1);
    await expect.poll(() => desk.locator('fc-desk-queue .feed').getAttribute('data-feed'), poll).toBe('live');
    const queued = await row.innerText();
    expect(queued).toContain('政务通');
    expect(queued).toContain('200,000');
    await row.locator('button.claim').click();
    await expect.poll(() => desk.url(), poll).toMatch(/\/console\/desk\/hof_/);
    await expect.poll(() => waiting.innerText(), poll).toContain('Dev agent');

    // A suggested reply with its sources, inserted, edited and sent; the user sees it live.
    const conversation = desk.locator('fc-desk-conversation');
    const suggestion = conversation.locator('li.suggestion').first();
    await expect.poll(() => suggestion.count(), poll).toBe(1);
    expect(await suggestion.locator('.citation').count()).toBeGreaterThan(0);
    await suggestion.locator('button.insert').click();
    const composer = conversation.locator('textarea[name="reply"]');
    await expect.poll(() => composer.inputValue(), poll).not.toBe('');
    await composer.press('End');
    await composer.pressSequentially(' 我是您的客户经理，稍后为您发送申请。');
    await conversation.locator('button.send').click();
    const agentMessage = chat.locator('.message.agent', { hasText: '我是您的客户经理，稍后为您发送申请。' });
    await expect.poll(() => agentMessage.count(), poll).toBe(1);
    expect(await agentMessage.innerText()).toContain('Dev agent');

    // Form assist: the card reaches the user, who confirms, consents and submits in <finlet-apply>.
    await conversation.locator('button.send-card').click();
    const card = chat.locator('[part~="application-card"]');
    await expect.poll(() => card.count(), poll).toBe(1);
    expect(await card.innerText()).toContain('创业担保贷款');
    await card.locator('button', { hasText: '打开申请' }).click();
    const apply = card.locator('finlet-apply');
    await expect.poll(() => apply.locator('form').count(), poll).toBeGreaterThan(0);
    expect(await apply.locator('#f-amount').inputValue()).toBe('200000');
    await apply.locator('button[type="submit"]').click();
    await expect.poll(() => apply.locator('[part="consent"]').count(), poll).toBe(1);
    await apply.locator('#agree').check();
    await apply.locator('[part="submit"]').click();
    await expect.poll(() => apply.locator('[part="result"]').count(), poll).toBe(1);
    expect(await apply.locator('[part="result"]').innerText()).toContain('申请已提交');

    // Wrap-up with a disposition; the user is back with the advisor, which answers the next question.
    const wrap = conversation.locator('form.wrap-up');
    await wrap.locator('select[name="disposition"]').selectOption('application_started');
    await wrap.locator('button.close').click();
    await expect.poll(() => conversation.locator('.state').getAttribute('data-status'), poll).toBe('closed');
    await expect.poll(() => waiting.count(), poll).toBe(0);
    const before = await answers.count();
    await say(user.page, '新注册的公司应该开什么账户？');
    const next = answers.nth(before);
    await expect.poll(() => next.count(), poll).toBe(1);
    await expect.poll(() => next.getAttribute('aria-busy'), poll).toBe('false');
    expect((await next.locator('.answer').innerText()).length).toBeGreaterThan(10);
    expect(await next.locator('[part="sources"] li').count()).toBeGreaterThan(0);

    expect(await seriousViolations(user.page)).toEqual([]);
    expect(user.problems).toEqual([]);
    expect(deskProblems).toEqual([]);
    await context.close();
    await user.context.close();
  }, 300_000);
});
