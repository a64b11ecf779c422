import type { RouteQuote } from '@finlet/contracts';
import { publishTable, startTestGateway, type TestGateway, testFx, testRails } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createClient } from './client.js';
import { FinletApiError } from './errors.js';

describe('client.routes against a real gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
    await publishTable(gw, 'rail-tables', testRails);
    await publishTable(gw, 'fx-tables', testFx('fx-main', new Date(gw.clock.now.getTime() - 1_000)));
  });
  afterAll(async () => gw?.close());

  it('quotes routes and reads the quote back, typed and validated', async () => {
    const token = await gw.session(gw.partnerA, { userId: 'traveller-9', scenario: 'consumption' });
    const client = createClient({ gateway: gw.url, token });
    const quote = await client.routes.quote({
      amount: { value: 1_000_000, currency: 'CNY' },
      fromCountry: 'CN',
      toCountry: 'HK',
      fromCurrency: 'CNY',
      toCurrency: 'HKD',
      purpose: 'travel',
      urgency: 'fastest',
    });
    expectTypeOf(quote).toEqualTypeOf<RouteQuote>();
    expect(quote.options.length).toBeGreaterThanOrEqual(2);
    expect(quote.options.find((o) => o.recommended)?.fastest).toBe(true);
    expect(await client.routes.getQuote(quote.id)).toEqual(quote);

    const refused = await client.routes
      .quote({
        amount: { value: 1_000_000, currency: 'CNY' },
        fromCountry: 'CN',
        toCountry: 'JP',
        fromCurrency: 'CNY',
        toCurrency: 'JPY',
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FinletApiError);
    expect((refused as FinletApiError).code).toBe('route_corridor_not_supported');
  });
});
