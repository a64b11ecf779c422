import type { OfferContentInput } from '@finlet/contracts';
import { salesSignal } from '@finlet/testing';
import { seriousViolations, startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { debitCardOffer } from '@finlet/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A product with no amount range (a debit card) through the elements that show one besides
// <finlet-offers> (see offers/wealth.test.ts): raised as a nudge, then applied for in place.
const nudgedCard: OfferContentInput = {
  ...debitCardOffer,
  triggers: [
    {
      id: 'big-spender',
      when: [{ kind: 'threshold', signal: 'orders.monthly_gmv', op: 'gte', value: 1_000_000 }],
    },
  ],
};

let env: WidgetEnv;

beforeAll(async () => {
  env = await startWidgetEnv([nudgedCard]);
});
afterAll(async () => env?.close());

describe('a product without an amount range in <finlet-nudges> and <finlet-apply>', () => {
  it('is nudged with no amount, and applied for in place without an amount field or an amount', async () => {
    const userId = 'card-holder-1';
    const sent = await env.gw.api('POST', '/v1/signals', {
      auth: env.partner.secretKey,
      body: { signals: [salesSignal(env.gw, `${userId}-gmv`, userId)] },
    });
    expect(sent.status, sent.text).toBe(200);
    env.sessionInput = { userId, signals: {}, prefill: { applicantName: '王芳' } };
    const url = env.page('card', {
      body: `<finlet-nudges gateway="${env.gw.url}"></finlet-nudges>`,
      script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
    });
    const { page, events, problems, context } = await env.open(url);
    const nudge = page.locator('finlet-nudges [part="nudge"]');
    await expect.poll(() => nudge.count()).toBe(1);
    expect(await nudge.innerText()).toContain('敬老借记卡');
    // No amount to pre-qualify, and none shown.
    expect(await nudge.locator('.amount').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await nudge.locator('[part="accept"]').click();
    const apply = page.locator('finlet-nudges finlet-apply');
    const name = apply.locator('#f-name');
    await expect.poll(() => name.count(), { timeout: 15_000 }).toBe(1);
    expect(await name.inputValue()).toBe('王芳');
    expect(await apply.locator('#f-amount').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await apply.locator('button[type="submit"]').click();
    await expect.poll(() => apply.locator('[part="consent"]').count()).toBe(1);
    await apply.locator('#agree').check();
    await apply.locator('[part="submit"]').click();
    await expect.poll(() => apply.locator('[part="result"]').count()).toBe(1);
    const [submitted] = (await events('finlet-application-submit')) as Array<{
      application: { offerId: string; amount: unknown };
    }>;
    expect(submitted?.application).toMatchObject({ offerId: 'elder-debit-card', amount: null });
    const stored = await env.gw.store.applications.listForUser(env.partner.partner.id, userId);
    expect(stored.map((a) => [a.offerId, a.amount])).toEqual([['elder-debit-card', null]]);
    expect(problems).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
