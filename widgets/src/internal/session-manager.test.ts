import { startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADULT, cardOffer, consumerOffer } from '../test/fixtures.js';

let env: WidgetEnv;

beforeAll(async () => {
  env = await startWidgetEnv([consumerOffer, cardOffer]);
  env.sessionInput = { signals: ADULT, ttlSeconds: 60 };
});
afterAll(async () => env?.close());

const REFRESHING = `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`;

function threeElements(name: string) {
  return env.page(name, {
    body: `<finlet-provider gateway="${env.gw.url}">
      <finlet-offers amount="8000"></finlet-offers>
      <finlet-offers amount="20000" locale="en"></finlet-offers>
      <finlet-apply offer="shop-installment"></finlet-apply>
    </finlet-provider>`,
    script: REFRESHING,
  });
}

async function loaded(page: import('playwright-core').Page, count: number) {
  await expect.poll(() => page.locator('finlet-offers [part="offer"]').count()).toBe(count);
}

describe('one session manager per page', () => {
  it('fetches one token for many elements and refreshes it shortly before expiry, once', async () => {
    const calls = env.sessionCalls.length;
    const { page, context } = await env.open('about:blank');
    await page.clock.install();
    await page.goto(threeElements('many'));
    await loaded(page, 4);
    expect(env.sessionCalls.length - calls).toBe(1);

    const matches: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/v1/offers/match')) matches.push(r.headers().authorization ?? '');
    });
    // 60 s token: the refresh is due 30–35 s before expiry, on a timer, not after a failure.
    await page.clock.fastForward(20_000);
    expect(env.sessionCalls.length - calls).toBe(1);
    await page.clock.fastForward(15_000);
    await expect.poll(() => env.sessionCalls.length - calls).toBe(2);
    expect(matches).toEqual([]);
    await context.close();
  });

  it('shares a refreshed token with the other tabs of the same origin', async () => {
    const calls = env.sessionCalls.length;
    const context = await env.browser.newContext();
    await context.addInitScript(RECORD_TOKENS);
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.clock.install();
    const url = env.page('tab', {
      body: `<finlet-offers gateway="${env.gw.url}" amount="8000"></finlet-offers>`,
      script: REFRESHING,
    });
    // a is fully loaded (its session manager has asked for the leader's lock) before b opens, so a
    // leads: only the leader refreshes on time, and it is a's clock this test moves.
    await a.goto(url);
    await loaded(a, 2);
    await b.goto(url);
    await loaded(b, 2);
    expect(env.sessionCalls.length - calls).toBe(2);
    // Listens on b to the tabs' channel *after* b's session manager opened its own, so a message seen
    // here has already been handled by the manager (a channel's messages reach its listeners in the
    // order the channels were created).
    await b.evaluate(
      (name) => {
        const seen: string[] = [];
        (window as unknown as { __broadcast: string[] }).__broadcast = seen;
        new BroadcastChannel(name).onmessage = (e: MessageEvent<{ token?: string }>) => {
          if (typeof e.data?.token === 'string') seen.push(e.data.token);
        };
      },
      `finlet-session:${env.gw.url.replace(/\/+$/, '')}`,
    );

    const fresh = a
      .waitForResponse(`${env.origin}/session`)
      .then((r) => r.json() as Promise<{ token: string }>);
    await a.clock.fastForward(35_000);
    const { token } = await fresh;
    expect(env.sessionCalls.length - calls).toBe(3);
    // The response reaching the network is not a's script having shared it yet: wait until b has it.
    await expect
      .poll(() => b.evaluate(() => (window as unknown as { __broadcast: string[] }).__broadcast))
      .toContain(token);

    const before = (await sentTokens(b)).length;
    await b.locator('finlet-offers').evaluate((el) => (el as HTMLElement & { refresh(): void }).refresh());
    await expect.poll(async () => (await sentTokens(b)).slice(before)).toEqual([token]);
    expect(env.sessionCalls.length - calls).toBe(3);
    await context.close();
  });

  it('retries a call the gateway refused as expired once, after one refresh', async () => {
    // A token of the longest lifetime the gateway accepts: however slow the machine, the page's own
    // clock never finds it due for a refresh here, so the only refresh is the one the gateway's 401 asks for.
    const input = env.sessionInput;
    env.sessionInput = { ...input, ttlSeconds: 900 };
    const { page, context } = await env.open(threeElements('retry'));
    try {
      await context.addInitScript(RECORD_TOKENS);
      await page.reload();
      await loaded(page, 4);
      // Every element's first load is over (none still in flight with the old clock).
      await page.waitForLoadState('networkidle');
      const calls = env.sessionCalls.length;
      const before = (await sentTokens(page)).length;
      const statuses: number[] = [];
      page.on('response', (r) => {
        if (r.url().endsWith('/v1/offers/match')) statuses.push(r.status());
      });
      // The gateway's clock says the token has lapsed (say, the laptop slept for two hours).
      const saved = env.gw.clock.now;
      env.gw.clock.now = new Date(Date.now() + 2 * 3600_000);
      try {
        await page
          .locator('finlet-offers')
          .first()
          .evaluate((el) => (el as HTMLElement & { refresh(): void }).refresh());
        await expect.poll(() => statuses).toEqual([401, 200]);
        expect(env.sessionCalls.length - calls).toBe(1);
        // The refused call carried the token the page loaded with; the retry a fresh one.
        const sent = (await sentTokens(page)).slice(before);
        expect(sent).toHaveLength(2);
        expect(sent[0]).not.toBe(sent[1]);
        expect(await page.locator('finlet-offers [part="error"]').count()).toBe(0);
      } finally {
        env.gw.clock.now = saved;
      }
    } finally {
      env.sessionInput = input;
      await context.close();
    }
  });

  it('without a way to refresh, ends the session on time with one event and a message everywhere', async () => {
    const { token } = await env.token({ signals: ADULT, ttlSeconds: 60 });
    const { page, events, context } = await env.open('about:blank');
    await page.clock.install();
    await page.goto(
      env.page('expiry', {
        body: `<finlet-provider gateway="${env.gw.url}" session-token="${token}">
          <finlet-offers amount="8000"></finlet-offers><finlet-apply offer="shop-installment"></finlet-apply>
        </finlet-provider>`,
      }),
    );
    await loaded(page, 2);
    await page.clock.fastForward(61_000);
    await expect.poll(() => events('finlet-session-expired')).toHaveLength(1);
    await expect.poll(() => page.locator('[part="error"]').count()).toBe(2);
    expect(await page.locator('finlet-offers [part="error"]').innerText()).toContain('您的会话已过期');

    // The partner page hands over a new token: every element recovers without a reload.
    const fresh = await env.token({ signals: ADULT });
    await page
      .locator('finlet-provider')
      .evaluate((el, t) => el.setAttribute('session-token', t), fresh.token);
    await expect.poll(() => page.locator('[part="error"]').count()).toBe(0);
    await context.close();
  });
});

describe('the cross-tab parts', () => {
  it('open after the first frame, not on the way to it', async () => {
    const { token } = await env.token({ signals: ADULT });
    const { page, context } = await env.open('about:blank');
    // Notes, when the tabs' channel and the leader's lock are asked for, whether the offers had
    // already rendered (they open after the first frame; the first render comes before it).
    await context.addInitScript(() => {
      const seen: Array<{ what: string; rendered: boolean }> = [];
      (window as unknown as { __opened: typeof seen }).__opened = seen;
      const note = (what: string) => {
        const offers = document.querySelector<HTMLElement & { hasUpdated?: boolean }>('finlet-offers');
        seen.push({ what, rendered: offers?.hasUpdated === true });
      };
      const Channel = window.BroadcastChannel;
      window.BroadcastChannel = class extends Channel {
        constructor(name: string) {
          note('channel');
          super(name);
        }
      };
      const request = navigator.locks.request.bind(navigator.locks);
      navigator.locks.request = ((...args: Parameters<typeof request>) => {
        note('lock');
        return request(...args);
      }) as typeof request;
    });
    await page.goto(
      env.page('deferred-open', {
        body: `<finlet-provider gateway="${env.gw.url}" session-token="${token}"><finlet-offers amount="8000"></finlet-offers></finlet-provider>`,
      }),
    );
    await loaded(page, 2);
    const opened = () => page.evaluate(() => (window as unknown as { __opened: unknown[] }).__opened);
    await expect.poll(async () => (await opened()).length).toBe(2);
    expect(await opened()).toEqual([
      { what: 'lock', rendered: true },
      { what: 'channel', rendered: true },
    ]);
    await context.close();
  });
});

/**
 * Records the session token of every match the page sends, from its Authorization header or, for a
 * simple request, its text/plain body (the DevTools protocol does not show fetch bodies reliably).
 */
const RECORD_TOKENS = () => {
  const tokens: string[] = [];
  (window as unknown as { __matchTokens: string[] }).__matchTokens = tokens;
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.url.endsWith('/v1/offers/match')) {
      const header = request.headers.get('authorization');
      tokens.push(
        header
          ? header.replace(/^Bearer /, '')
          : ((JSON.parse(await request.clone().text()) as { token?: string }).token ?? ''),
      );
    }
    return original(request);
  };
};

const sentTokens = (page: import('playwright-core').Page) =>
  page.evaluate(() => [...(window as unknown as { __matchTokens: string[] }).__matchTokens]);
