import { inventoryFaq, inventoryOffer, ORIGIN_A, startTestGateway, type TestGateway } from '@finlet/testing';
import { CHROMIUM_FLAGS, seriousViolations } from '@finlet/testing/browser';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupChatServer } from '../group-chat/server.js';

// The fifth demo site against a real gateway (SQLite, real HTTP) in Debian's Chromium at a phone's
// width: the group chat posts Feishu's signed, encrypted callbacks to the gateway's event endpoint and
// receives the assistant's replies on its simulated Open API; the agent console drives the official
// MCP SDK client against the gateway's `/mcp` under grants the page's user gives.
const HIGH = { limit: 100_000, windowSeconds: 60 };
const poll = { timeout: 45_000, interval: 100 };
const PHONE = { width: 390, height: 844 };

let gw: TestGateway;
let site: GroupChatServer;
let browser: Browser;

beforeAll(async () => {
  gw = await startTestGateway('sqlite', {
    gateway: {
      rateLimits: { defaults: { ip: HIGH, chatUser: HIGH, socialGroup: HIGH, socialMember: HIGH } },
    },
  });
  await gw.publish(inventoryOffer);
  await gw.publishDocument(inventoryFaq);
  site = new GroupChatServer({
    gatewayUrl: gw.url,
    partner: { partnerId: gw.partnerA.partner.id, secretKey: gw.partnerA.secretKey },
    adminKey: gw.admins.admin.apiKey,
    // Feishu's callback timestamps follow the gateway's (injected, standing) clock.
    now: () => gw.clock.now,
  });
  await site.listen(0, '127.0.0.1');
  await gw.store.partners.updateOrigins(gw.partnerA.partner.id, [ORIGIN_A, site.origin]);
  await gw.running.gateway.caches.changed('credentials');
  await site.registerBot();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await gw?.close();
});

async function open(path: string): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: PHONE });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${site.origin}${path}`);
  return { page, errors, close: () => context.close() };
}

/** Nothing wider than the phone: no sideways scrolling at 390 px. */
const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

const botLines = (page: Page, log: 'group-log' | 'private-log') =>
  page.locator(`#${log} li[data-from="bot"]`);

describe('group chat page: members mention the bank assistant in a Feishu-like group', () => {
  it('answers a general question in the group with its sources', async () => {
    const { page, errors, close } = await open('/');
    await expect.poll(() => page.locator('#speaker option').count(), poll).toBe(4);
    await page.locator('button[data-question="存货融资怎么还款？"]').click();
    const answer = botLines(page, 'group-log').first();
    await expect.poll(() => answer.count(), poll).toBe(1);
    const text = await answer.innerText();
    expect(text).toContain('@周建国');
    expect(text).toMatch(/来源: \[1\] 存货融资/);
    // The member's own message went through the relay as Feishu's event: the group shows it too.
    expect(await page.locator('#group-log li[data-from="member"]').first().innerText()).toContain(
      '存货融资怎么还款？',
    );
    expect(await fitsPhone(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps a personal question out of the group: no figure there, a private one-time link instead', async () => {
    const { page, errors, close } = await open('/');
    await expect.poll(() => page.locator('#speaker option').count(), poll).toBe(4);
    // The page first shows what the group already holds (each line once), then the new question.
    const before = site.feishu.groupLines().filter((l) => l.from === 'bot').length;
    await expect.poll(() => botLines(page, 'group-log').count(), poll).toBe(before);
    await page.locator('#message').fill('我的额度有多少？能借50万吗？');
    await page.locator('#send').click();
    const reply = botLines(page, 'group-log').nth(before);
    await expect.poll(() => reply.count(), poll).toBe(1);
    expect(await reply.innerText()).toContain('我们私下继续');
    const link = page.locator('#private-log li[data-from="bot"] a.continue-link');
    await expect.poll(() => link.count(), poll).toBe(1);

    // What every member can read: the assistant never states a figure (no currency, no amount, no
    // 万), whatever the member asked; the only numbers are the link's ten minutes and citation marks.
    for (const line of site.feishu.groupLines().filter((l) => l.from === 'bot')) {
      expect(line.text).not.toMatch(/[¥￥]|\d[\d,.]{2,}|万|fsc_|finlet_continue/);
    }
    expect(await botLines(page, 'group-log').allInnerTexts()).not.toContainEqual(
      expect.stringMatching(/finlet_continue|打开私密链接/),
    );

    // Another member's Feishu shows the group, but not Zhou's private chat.
    await page.locator('#speaker').selectOption('ou_li_na');
    await expect.poll(() => page.locator('#private-note').innerText(), poll).toContain('李娜');
    await expect.poll(() => page.locator('#group-log li').count(), poll).toBeGreaterThan(0);
    expect(await page.locator('#private-log li').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // Zhou opens his link on the partner's continue page: redeemed once, for him, with his question.
    await page.locator('#speaker').selectOption('ou_zhou_jianguo');
    await expect.poll(() => link.count(), poll).toBe(1);
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^${site.origin}/continue\\.html\\?finlet_continue=fsc_`));
    await page.goto(href);
    await page.locator('#continue').click();
    await expect.poll(() => page.locator('#topic').innerText(), poll).toBe('我的额度有多少？能借50万吗？');
    expect(await page.locator('#continue-status').innerText()).toContain('欢迎，周建国');
    await page.locator('#continue').click();
    await expect
      .poll(() => page.locator('#continue-status').innerText(), poll)
      .toContain('链接无效、已使用或已过期');
    expect(errors).toEqual([]);
    await close();
  });

  it('switches to English', async () => {
    const { page, close } = await open('/');
    await expect.poll(() => page.locator('#speaker option').count(), poll).toBe(4);
    await page.locator('#lang-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), poll).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Ningbo Hardware Merchants’ Association');
    expect(await page.locator('#speaker option').first().innerText()).toBe('Zhou Jianguo');
    expect(await seriousViolations(page)).toEqual([]);
    await close();
  });
});

describe('agent console: the MCP SDK client on the gateway’s /mcp under a grant', () => {
  it('lists tools, calls a read tool, and a consent-bound tool only once the user granted it', async () => {
    const { page, errors, close } = await open('/agent.html');
    const state = page.locator('#grant-state');
    await expect.poll(() => state.getAttribute('data-status'), poll).toBe('none');

    // Without any grant the gateway refuses the agent's connection.
    await page.locator('#list-tools').click();
    await expect.poll(() => page.locator('#tools-status').innerText(), poll).toContain('(unauthorized)');

    // Consent: the read tools are offered checked, the acting one is not.
    const choice = (name: string) => page.locator(`#tool-choices input[value="${name}"]`);
    expect(await choice('match_offers').isChecked()).toBe(true);
    expect(await choice('start_application').isChecked()).toBe(false);
    await page.locator('#grant').click();
    await expect.poll(() => state.getAttribute('data-status'), poll).toBe('active');

    await page.locator('#list-tools').click();
    const tools = page.locator('#tool-list li');
    await expect.poll(() => tools.count(), poll).toBe(6);
    expect(await page.locator('#tool-list li[data-tool="start_application"] .badge').innerText()).toBe(
      '需确认',
    );
    expect(await page.locator('#tool-list li[data-tool="match_offers"] .badge').innerText()).toBe('只读');

    const result = page.locator('#result');
    const call = async (tool: string) => {
      await page.locator('#tool').selectOption(tool);
      await page.locator('#result').evaluate((el) => el.replaceChildren());
      await page.locator('#call-tool').click();
      await expect.poll(() => result.getAttribute('data-outcome'), poll).toMatch(/ok|refused/);
      return result.getAttribute('data-outcome');
    };
    expect(await call('match_offers')).toBe('ok');
    expect(await result.innerText()).toContain('匹配到 1 个方案');
    expect(await result.locator('pre').innerText()).toContain('scf-inventory-loan');

    // Not in the grant: refused by the gateway with its stable code, shown in words.
    expect(await call('start_application')).toBe('refused');
    expect(await result.getAttribute('data-code')).toBe('grant_tool_not_allowed');
    expect(await result.innerText()).toContain('授权不包含这个工具');
    expect(JSON.parse(await page.locator('#args').inputValue())).toMatchObject({
      offerId: 'scf-inventory-loan',
    });

    // The user consents to it too: a new grant, and the same call now drafts (never submits).
    await choice('start_application').check();
    await page.locator('#grant').click();
    await expect.poll(() => state.innerText(), poll).toContain('起草申请');
    expect(await call('start_application')).toBe('ok');
    expect(await result.innerText()).toContain('未提交：等待用户本人确认');
    const output = JSON.parse(await result.locator('pre').innerText()) as Record<string, unknown>;
    expect(output).toMatchObject({ submitted: false, status: 'awaiting_user_confirmation' });

    // Revoked: the agent is refused again.
    await page.locator('#revoke').click();
    await expect.poll(() => state.getAttribute('data-status'), poll).toBe('revoked');
    expect(await call('match_offers')).toBe('refused');
    expect(await result.getAttribute('data-code')).toMatch(/grant_revoked|unauthorized|invalid_token/);

    expect(await fitsPhone(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#lang-toggle').click();
    await expect.poll(() => page.locator('h1').innerText(), poll).toBe('Association AI agent: console');
    expect(errors).toEqual([]);
    await close();
  });
});
