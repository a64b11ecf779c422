import { inventoryFaq, ORIGIN_A, publishWorkspaceOffers, submit, XSS_PAYLOADS } from '@finlet/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleEnv, startConsoleEnv } from '../test/console-env.js';

/**
 * What partners and users write reaches the bank's staff: applicant names, business names and
 * purposes in the inbox and the file (with its brief), chat messages in the hand-off desk. Each
 * is shown as text, never run: classic payloads set a flag if any of them executes.
 */
const PAYLOADS = XSS_PAYLOADS;

let env: ConsoleEnv;
let reviewer: string;
let agent: string;
const poll = { timeout: 20_000, interval: 50 };

beforeAll(async () => {
  env = await startConsoleEnv({ demoOffers: false });
  reviewer = (await env.gw.adminKey({ name: 'Sun Li', role: 'reviewer' })).apiKey;
  agent = (await env.gw.adminKey({ name: 'Chen Jing', role: 'agent' })).apiKey;
  await publishWorkspaceOffers(env.gw);
  await env.gw.publishDocument(inventoryFaq);
}, 180_000);

afterAll(async () => {
  await env?.close();
});

/** `text` is shown somewhere on the page (shadow roots included), as text. */
async function expectShown(page: Page, text: string) {
  await expect.poll(() => page.getByText(text, { exact: false }).count(), poll).toBeGreaterThan(0);
}

/** Nothing ran, and no element a payload spelled out exists anywhere, shadow roots included. */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"], svg[onload], iframe[srcdoc]').count()).toBe(0);
}

describe('partner and user text in the console', { timeout: 180_000 }, () => {
  it('shows payloads in the inbox, the file and its brief as text, and runs none', async () => {
    const application = await submit(env.gw, {
      partner: 'A',
      userId: 'u-xss-1',
      offer: 'inventory',
      amountYuan: 200_000,
      name: PAYLOADS[0]!,
      businessName: PAYLOADS[1]!,
      purpose: PAYLOADS.slice(2).join(' ').slice(0, 200),
    });
    const { page, problems, signIn, context } = await env.open('/console/applications', { locale: 'en-US' });
    await signIn(reviewer);
    const rows = page.locator('fc-application-inbox tbody tr');
    await expect.poll(() => rows.count(), poll).toBeGreaterThan(0);
    await expectShown(page, PAYLOADS[0]!);
    await expectInert(page);

    await page.goto(`${env.gw.url}/console/applications/${application.id}`);
    const file = page.locator('fc-application-file');
    await expect.poll(() => file.locator('.brief li.statement').count(), poll).toBeGreaterThan(0);
    await expectShown(page, PAYLOADS[0]!);
    await expectShown(page, PAYLOADS[1]!);
    await expectInert(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a user’s payloads in the desk’s queue and conversation as text, and runs none', async () => {
    const token = await env.gw.session(env.gw.partnerA, {
      userId: 'u-xss-desk',
      scenario: 'supply-chain',
      signals: { 'business.age_months': 38, 'inventory.turnover_days': 62, 'user.verified': true },
    });
    const send = async (body: object) => {
      const response = await env.gw.api('POST', '/v1/chat/messages', {
        auth: token,
        body,
        headers: { origin: ORIGIN_A },
      });
      expect(response.status, response.text).toBe(200);
      return response.text;
    };
    const first = await send({ text: `我想借20万进货 ${PAYLOADS[0]}` });
    const conversationId = /"conversationId":"(cnv_[^"]+)"/.exec(first)![1]!;
    for (const payload of PAYLOADS.slice(1)) await send({ conversationId, text: payload });
    const handed = await send({ conversationId, text: '转人工' });
    const handoffId = /"handoffId":"(hof_[^"]+)"/.exec(handed)![1]!;

    const { page, problems, signIn, context } = await env.open('/console/desk', { locale: 'en-US' });
    await signIn(agent);
    await expect.poll(() => page.locator(`fc-desk-queue tr[data-id="${handoffId}"]`).count(), poll).toBe(1);
    await expectInert(page);
    await page.goto(`${env.gw.url}/console/desk/${handoffId}`);
    const transcript = page.locator('fc-desk-conversation ol.transcript > li');
    await expect.poll(() => transcript.count(), poll).toBeGreaterThan(PAYLOADS.length);
    for (const payload of PAYLOADS.slice(1)) await expectShown(page, payload);
    await expectInert(page);
    expect(problems).toEqual([]);
    await context.close();
  });
});
