import { seriousViolations, startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryOffer } from '../test/fixtures.js';

// A partner's bundler importing `@finlet/widgets/advice-chat` and nothing else: the chat paints
// without the client's transport, which loads on its own alongside.
let env: WidgetEnv;

beforeAll(async () => {
  env = await startWidgetEnv([inventoryOffer], { element: 'widgets/src/advice-chat/finlet-advice-chat.ts' });
});
afterAll(async () => env?.close());

/** A page with the chat alone, its session for a new supply-chain user fetched from the page's server. */
function chatPage(name: string, userId: string): string {
  env.sessionInput = {
    userId,
    scenario: 'supply-chain',
    signals: { 'business.age_months': 30, 'inventory.turnover_days': 60 },
  };
  return env.page(name, {
    body: `<finlet-advice-chat gateway="${env.gw.url}"></finlet-advice-chat>`,
    script: `document.querySelector('finlet-advice-chat').fetchSessionToken = () => fetch('/session').then((r) => r.json());`,
  });
}

describe('<finlet-advice-chat> imported alone', () => {
  it('paints, loads its transport on its own, and answers a question', async () => {
    const url = chatPage('alone', 'chat-alone-1');
    const { page, problems, events } = await env.open(url);
    const chat = page.locator('finlet-advice-chat');
    const suggestion = chat.locator('[part="suggestions"] button', { hasText: '我想借20万进货' });
    await expect.poll(() => suggestion.count()).toBe(1);
    // The entry holds no transport: it came as a chunk of its own.
    const loaded = () =>
      page.evaluate(() =>
        performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
      );
    await expect
      .poll(async () => (await loaded()).filter((path) => /^\/finlet\/transport-[\w-]+\.js$/.test(path)))
      .toHaveLength(1);

    await suggestion.click();
    const answer = chat.locator('.message.assistant');
    await expect.poll(() => answer.getAttribute('aria-busy')).toBe('false');
    expect(await answer.locator('.answer').innerText()).not.toBe('');
    expect(await chat.locator('[part="offer-card"]').first().innerText()).toContain('存货融资');
    expect(problems).toEqual([]);
    expect(await events('csp')).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('says so when its answer parts cannot load, and loads them with the next question', async () => {
    const url = chatPage('alone-offline', 'chat-alone-2');
    // The first request for the answer parts fails, as on a flaky network; later ones go through.
    let refused = 0;
    const { page, events } = await env.open(url, {
      prepare: (context) =>
        context.route(/\/finlet\/rich-[\w-]+\.js$/, (route) => {
          if (refused++ === 0) return route.abort('internetdisconnected');
          return route.continue();
        }),
    });
    const chat = page.locator('finlet-advice-chat');
    await expect.poll(async () => (await events('finlet-error')).length).toBe(1);
    expect(await events('finlet-error')).toEqual([expect.objectContaining({ code: 'network' })]);
    await chat.locator('textarea').fill('我想借20万进货');
    await chat.locator('textarea').press('Enter');
    const answer = chat.locator('.message.assistant').last();
    await expect.poll(() => answer.getAttribute('aria-busy')).toBe('false');
    await expect.poll(() => chat.locator('[part="offer-card"]').count()).toBeGreaterThan(0);
    expect(await chat.locator('[part="offer-card"]').first().innerText()).toContain('存货融资');
    expect(await answer.locator('[part="error"]').count()).toBe(0);
    expect(refused).toBe(2);
  });
});
