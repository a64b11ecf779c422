import { type OfferContentInput, OfferPreview } from '@finlet/contracts';
import { startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADULT, consumerOffer } from '../test/fixtures.js';

/** A draft an author is still writing: never published, so only a preview token can see it. */
const draft: OfferContentInput = {
  ...consumerOffer,
  id: 'shop-installment-draft',
  texts: {
    'zh-CN': { name: '草稿分期', tagline: '尚未发布的新方案' },
    en: { name: 'Draft installments', tagline: 'A plan not yet published' },
  },
};

let env: WidgetEnv;

beforeAll(async () => {
  env = await startWidgetEnv([consumerOffer]);
  const created = await env.gw.api('POST', '/v1/admin/offers', {
    auth: env.gw.admins.author.apiKey,
    body: draft,
  });
  expect(created.status, created.text).toBe(201);
});
afterAll(async () => env?.close());

/** A preview token the gateway's admin endpoint mints for the draft, as the console does. */
async function previewToken(): Promise<string> {
  const response = await env.gw.api('POST', `/v1/admin/offers/${draft.id}/versions/1/preview`, {
    auth: env.gw.admins.author.apiKey,
    body: {
      partnerId: env.partner.partner.id,
      scenario: 'consumption',
      signals: ADULT,
      prefill: {
        amount: { value: 800_000, currency: 'CNY' },
        termMonths: 12,
        purpose: '购买家电',
        applicantName: '张三',
        phone: '13800000000',
      },
    },
  });
  expect(response.status, response.text).toBe(200);
  return OfferPreview.parse(response.body).token;
}

/** Every call the page makes to the gateway's disclosure evidence endpoint. */
function disclosureCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/v1/disclosures') calls.push(r.method());
  });
  return calls;
}

async function openWith(name: string, body: string) {
  const { page, events, problems, context } = await env.open('about:blank');
  const calls = disclosureCalls(page);
  await page.goto(env.page(name, { body }));
  return { page, events, problems, context, calls };
}

describe('an offer preview token in the real widgets (Chromium, real gateway)', () => {
  it('shows the draft in <finlet-offers> and keeps no disclosure evidence for it', async () => {
    // A customer's ordinary session: the shown disclosures are recorded as evidence.
    const normal = await env.token({ signals: ADULT });
    const control = await openWith(
      'offers-normal',
      `<finlet-offers gateway="${env.gw.url}" session-token="${normal.token}" amount="8000"></finlet-offers>`,
    );
    await expect.poll(() => control.calls).toEqual(['POST']);
    expect(await control.page.locator('finlet-offers').innerText()).not.toContain('草稿分期');
    await control.context.close();

    // The author's preview: the draft shows as if published, and nothing is recorded.
    const token = await previewToken();
    const { page, events, problems, context, calls } = await openWith(
      'offers-preview',
      `<finlet-offers gateway="${env.gw.url}" session-token="${token}" amount="8000"></finlet-offers>`,
    );
    const offers = page.locator('finlet-offers [part="offer"]');
    await expect.poll(() => offers.allInnerTexts()).toContainEqual(expect.stringContaining('草稿分期'));
    // The control page made its call as soon as the offers showed; give this one as long and more
    // (a refused call would be retried after 2 s and then fire finlet-error).
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(2_500);
    expect(calls).toEqual([]);
    expect(await events('finlet-error')).toEqual([]);
    expect(await page.locator('finlet-offers [part="error"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const [locale, message] of [
    ['zh-CN', '这是预览，不会提交任何内容。'],
    ['en', 'This is a preview; nothing is submitted.'],
  ] as const) {
    it(`refuses a submit in <finlet-apply> with the translated preview message (${locale})`, async () => {
      const token = await previewToken();
      const { page, events, context, calls } = await openWith(
        `apply-preview-${locale}`,
        `<finlet-apply gateway="${env.gw.url}" session-token="${token}" offer="${draft.id}" locale="${locale}"></finlet-apply>`,
      );
      const apply = page.locator('finlet-apply');
      await expect.poll(() => apply.locator('#f-amount').count()).toBe(1);
      expect(await apply.locator('#f-name').inputValue()).toBe('张三');
      await apply.locator('button[type="submit"]').click();
      await apply.locator('#agree').check();
      const writes: string[] = [];
      page.on('response', (r) => {
        const method = r.request().method();
        if (method !== 'GET' && method !== 'OPTIONS') {
          writes.push(`${method} ${new URL(r.url()).pathname} ${r.status()}`);
        }
      });
      await apply.locator('[part="submit"]').click();

      const error = apply.locator('[part="error"]');
      await expect.poll(() => error.count()).toBe(1);
      expect(await error.innerText()).toContain(message);
      expect(await error.innerText()).toContain('preview_only');
      // The first write of the submit (the consent) is refused; no application is attempted.
      await expect.poll(() => writes).toEqual(['POST /v1/consents 403']);
      expect(((await events('finlet-error')) as Array<{ code: string }>).map((e) => e.code)).toEqual([
        'preview_only',
      ]);
      expect(await events('finlet-application-submit')).toEqual([]);
      // The consent step showed the draft's disclosures; a preview records none of them.
      expect(calls).toEqual([]);
      await context.close();
    });
  }
});
