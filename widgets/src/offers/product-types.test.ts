import { startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { cashWealthOffer, debitCardOffer } from '@finlet/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let env: WidgetEnv;

beforeAll(async () => {
  env = await startWidgetEnv([debitCardOffer, cashWealthOffer]);
  env.sessionInput = { signals: { 'investor.risk_level': 'C2' } };
});
afterAll(async () => env?.close());

describe('<finlet-offers product-types>', () => {
  it('shows only the kinds of product the page asks for, and all of them without the attribute', async () => {
    const url = env.page('types', {
      body: `<finlet-provider gateway="${env.gw.url}">
        <finlet-offers id="wealth" product-types="wealth_management fund"></finlet-offers>
        <finlet-offers id="cards" product-types=" debit_card "></finlet-offers>
        <finlet-offers id="all"></finlet-offers>
      </finlet-provider>`,
      script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
    });
    const { page, problems, context } = await env.open(url);
    const ids = (id: string) =>
      page
        .locator(`#${id} [part="offer"]`)
        .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-offer')).sort());
    await expect.poll(() => ids('all')).toEqual(['cash-plus', 'elder-debit-card']);
    await expect.poll(() => ids('wealth')).toEqual(['cash-plus']);
    await expect.poll(() => ids('cards')).toEqual(['elder-debit-card']);
    expect(problems).toEqual([]);
    await context.close();
  });
});
