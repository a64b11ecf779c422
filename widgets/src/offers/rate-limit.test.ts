import { startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADULT, consumerOffer } from '../test/fixtures.js';

let env: WidgetEnv;

beforeAll(async () => {
  env = await startWidgetEnv([consumerOffer]);
  // This partner's users get one request an hour: the second is over the limit.
  const set = await env.gw.api('PUT', `/v1/admin/partners/${env.partner.partner.id}/rate-limits`, {
    auth: env.gw.admins.admin.apiKey,
    body: { user: { limit: 1, windowSeconds: 3600 } },
  });
  if (set.status !== 200) throw new Error(`rate limits: ${set.status} ${set.text}`);
});
afterAll(async () => env?.close());

describe('a rate-limited element in Chromium', () => {
  it('tells the user how long to wait, in their language, and reports retryAfter', async () => {
    for (const [locale, expected] of [
      ['en', 'Please try again in about 60 minutes.'],
      ['zh-CN', '请在约 60 分钟后再试'],
    ] as const) {
      const { token } = await env.token({ userId: `eager-${locale}`, signals: ADULT });
      // The user's one request of the hour, spent before the page loads.
      expect((await env.gw.api('POST', '/v1/offers/match', { auth: token, body: {} })).status).toBe(200);
      const url = env.page(`limited-${locale}`, {
        body: `<finlet-offers gateway="${env.gw.url}" session-token="${token}" locale="${locale}"></finlet-offers>`,
      });
      const { page, events, context } = await env.open(url);
      const error = page.locator('finlet-offers [part="error"]');
      await expect.poll(() => error.count()).toBe(1);
      expect(await error.innerText()).toContain(expected);
      const errors = (await events('finlet-error')) as Array<{
        code: string;
        status: number;
        retryAfter: number;
      }>;
      expect(errors[0]).toMatchObject({ code: 'rate_limited', status: 429 });
      expect(errors[0]?.retryAfter).toBeGreaterThan(3500);
      await context.close();
    }
  });
});
