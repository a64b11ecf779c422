import { startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADULT, cardOffer, consumerOffer } from './test/fixtures.js';

let env: WidgetEnv;

beforeAll(async () => {
  env = await startWidgetEnv([consumerOffer, cardOffer]);
});
afterAll(async () => env?.close());

// What finlet.js does on the way from its arrival to the offers on screen (issue 20): each thing
// left out here was a few milliseconds of main thread before the first frame or the match.
describe('a page with <finlet-offers>, until the offers are on screen', () => {
  it('builds no Request object and no stream: the match goes with fetch alone, ky probes nothing', async () => {
    const { token } = await env.token({ signals: ADULT });
    const { page, context, events } = await env.open('about:blank');
    await context.addInitScript(() => {
      const built = { Request: 0, ReadableStream: 0, fetch: 0 };
      (window as unknown as { __built: typeof built }).__built = built;
      for (const name of ['Request', 'ReadableStream'] as const) {
        const Original = window[name] as unknown as new (...args: unknown[]) => object;
        (window as unknown as Record<string, unknown>)[name] = new Proxy(Original, {
          construct(target, args: unknown[], newTarget) {
            built[name]++;
            return Reflect.construct(target, args, newTarget);
          },
        });
      }
      const fetch = window.fetch.bind(window);
      window.fetch = (...args) => {
        built.fetch++;
        return fetch(...args);
      };
      // Counting stops when the offers are on screen: what comes after (receipts) is not the path.
      document.addEventListener(
        'finlet-ready',
        () => {
          (window as unknown as { __atReady: typeof built }).__atReady = { ...built };
        },
        { once: true },
      );
    });
    await page.goto(
      env.page('first-frame', {
        body: `<finlet-provider gateway="${env.gw.url}" session-token="${token}"><finlet-offers amount="8000"></finlet-offers></finlet-provider>`,
      }),
    );
    await expect.poll(async () => (await events('finlet-ready')).length).toBe(1);
    const atReady = await page.evaluate(() => (window as unknown as { __atReady: unknown }).__atReady);
    expect(atReady).toEqual({ Request: 0, ReadableStream: 0, fetch: 1 });
    expect(await page.locator('finlet-offers [part="offer"]').count()).toBe(2);
    await context.close();
  });
});
