import { join } from 'node:path';
import { RouteQuoteRequest } from '@finlet/contracts';
import { quoteRoutes } from '@finlet/engine';
import { describe, expect, it } from 'vitest';
import { demoDir } from '../dev/demo.js';
import { loadRailsFile } from './files.js';

describe('demo rails', async () => {
  const doc = await loadRailsFile(join(demoDir(), 'rails.yaml'));
  const tables = doc.railTables.map((t) => ({ id: t.id, version: 1, legs: t.legs }));
  const fx = { ...doc.fxTables[0]!, version: 1, asOf: '2026-11-27T08:00:00Z' };

  it('validates through the contracts and covers ten currencies with at least 40 legs', () => {
    const legs = doc.railTables.flatMap((t) => t.legs);
    expect(legs.length).toBeGreaterThanOrEqual(40);
    const currencies = new Set(legs.flatMap((l) => [l.from.currency, l.to.currency]));
    expect([...currencies].sort()).toEqual([
      'AUD',
      'CNY',
      'EUR',
      'GBP',
      'HKD',
      'JPY',
      'SGD',
      'THB',
      'USD',
      'VND',
    ]);
  });

  it('quotes CNY→VND for a business with several explained options, multi-leg ones included', () => {
    const request = RouteQuoteRequest.parse({
      amount: { value: 20_000_000, currency: 'CNY' },
      fromCountry: 'CN',
      toCountry: 'VN',
      fromCurrency: 'CNY',
      toCurrency: 'VND',
      payerType: 'business',
      payeeType: 'business',
      purpose: 'goods',
    });
    const r = quoteRoutes({ network: tables, fx, request, now: new Date('2026-11-27T02:00:00Z') });
    if (!r.ok) throw new Error(r.failure.message);
    expect(r.options.length).toBeGreaterThanOrEqual(2);
    for (const o of r.options) {
      expect(o.senderPays).toEqual({ value: 20_000_000, currency: 'CNY' });
      expect(o.recipientGets.currency).toBe('VND');
      expect(o.explanation.map((p) => p.kind)).toContain('path');
    }
    expect(r.options.some((o) => o.legs.some((l) => l.network === 'cips'))).toBe(true);
    expect(r.options.some((o) => o.legs.length > 1)).toBe(true);
  });

  it('quotes USD→EUR for a consumer with several options, and receive mode too', () => {
    const base = {
      fromCountry: 'US',
      toCountry: 'DE',
      fromCurrency: 'USD',
      toCurrency: 'EUR',
      payerType: 'consumer',
      payeeType: 'consumer',
      purpose: 'family_support',
    } as const;
    const send = quoteRoutes({
      network: tables,
      fx,
      request: RouteQuoteRequest.parse({ ...base, amount: { value: 100_000, currency: 'USD' } }),
      now: new Date('2026-11-27T08:00:00Z'),
    });
    if (!send.ok) throw new Error(send.failure.message);
    expect(send.options.length).toBeGreaterThanOrEqual(3);
    const receive = quoteRoutes({
      network: tables,
      fx,
      request: RouteQuoteRequest.parse({
        ...base,
        direction: 'receive',
        amount: { value: 50_000, currency: 'EUR' },
      }),
      now: new Date('2026-11-27T08:00:00Z'),
    });
    if (!receive.ok) throw new Error(receive.failure.message);
    for (const o of receive.options) expect(o.recipientGets).toEqual({ value: 50_000, currency: 'EUR' });
  });

  // The tourism demo site's <finlet-route-quote>: a Chinese traveller's platform pays a Tokyo hotel.
  const tourism = RouteQuoteRequest.parse({
    amount: { value: 168_000, currency: 'JPY' },
    direction: 'receive',
    fromCountry: 'CN',
    toCountry: 'JP',
    fromCurrency: 'CNY',
    toCurrency: 'JPY',
    payerType: 'consumer',
    payeeType: 'business',
    purpose: 'travel',
    urgency: 'balanced',
  });
  it.each([
    ['a weekday business hour in Shanghai', '2026-11-27T02:00:00Z'], // Friday 10:00 Shanghai
    ['a Beijing Saturday night', '2026-11-28T15:00:00Z'], // Saturday 23:00 Shanghai
  ])('quotes the tourism corridor CNY→JPY with three options on the cost/time front at %s', (_, at) => {
    const r = quoteRoutes({ network: tables, fx: { ...fx, asOf: at }, request: tourism, now: new Date(at) });
    if (!r.ok) throw new Error(r.failure.message);
    expect(r.options.length).toBeGreaterThanOrEqual(3);
    for (const o of r.options) expect(o.recipientGets).toEqual({ value: 168_000, currency: 'JPY' });
    expect(new Set(r.options.map((o) => o.totalCost.value)).size).toBe(r.options.length);
    expect(new Set(r.options.map((o) => o.arrivesAt)).size).toBe(r.options.length);
    const cheapest = r.options.find((o) => o.cheapest)!;
    const fastest = r.options.find((o) => o.fastest)!;
    expect(cheapest.id).not.toBe(fastest.id);
    expect(cheapest.totalCost.value).toBeLessThan(fastest.totalCost.value);
    expect(Date.parse(fastest.arrivesAt)).toBeLessThan(Date.parse(cheapest.arrivesAt));
    expect(cheapest.id).toBe('cips-cn-hk+swift-hk-jp');
    expect(fastest.id).toBe('wallet-cn-jp');
  });

  it('moves the CIPS arrival to Monday when asked after Friday’s cut-off', () => {
    const request = RouteQuoteRequest.parse({
      amount: { value: 1_000_000, currency: 'CNY' },
      fromCountry: 'CN',
      toCountry: 'HK',
      fromCurrency: 'CNY',
      toCurrency: 'HKD',
      urgency: 'cheapest',
    });
    const fresh = { ...fx, asOf: '2026-11-27T09:00:00Z' };
    const before = quoteRoutes({
      network: tables,
      fx: fresh,
      request,
      now: new Date('2026-11-27T09:00:00Z'),
    }); // 17:00 Shanghai
    const after = quoteRoutes({ network: tables, fx: fresh, request, now: new Date('2026-11-27T09:45:00Z') }); // 17:45
    if (!before.ok || !after.ok) throw new Error('no routes');
    const cips = (r: typeof before) => (r.ok ? r.options : []).find((o) => o.id.startsWith('cips-cn-hk'))!;
    expect(cips(before).legs[0]!.acceptedAt).toBe('2026-11-27T09:00:00.000Z');
    expect(cips(after).legs[0]!.acceptedAt).toBe('2026-11-30T00:30:00.000Z'); // Monday 08:30 Shanghai
  });
});
