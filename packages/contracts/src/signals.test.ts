import { describe, expect, it } from 'vitest';
import { OfferTrigger } from './nudges.js';
import { SIGNAL_BATCH_MAX, SignalBatch, signalMetric } from './signals.js';
import { WebhookEndpointCreate } from './webhooks.js';

const turnover = {
  id: 's-1',
  type: 'inventory.turnover_days',
  subject: 'm-1',
  occurredAt: '2026-03-01T00:00:00Z',
  data: { days: 62 },
};

describe('signal contracts', () => {
  it('accepts each typed signal and reads its metric', () => {
    const batch = SignalBatch.parse({
      signals: [
        turnover,
        {
          ...turnover,
          id: 's-2',
          type: 'trip.booked',
          data: { destinationCountry: 'TH', cost: { value: 1_200_000, currency: 'CNY' }, date: '2026-04-01' },
        },
        {
          ...turnover,
          id: 's-3',
          type: 'gov.service_started',
          data: { serviceType: 'business-registration' },
        },
      ],
    });
    expect(batch.signals.map(signalMetric)).toEqual([62, 1_200_000, undefined]);
  });

  it('refuses unknown types, bad values, unknown fields and duplicate ids', () => {
    const bad = (signal: unknown) => SignalBatch.safeParse({ signals: [signal] }).success;
    expect(bad({ ...turnover, type: 'inventory.mood' })).toBe(false);
    expect(bad({ ...turnover, data: { days: -1 } })).toBe(false);
    expect(bad({ ...turnover, data: { days: 1.5 } })).toBe(false);
    expect(bad({ ...turnover, data: { days: 3, extra: 1 } })).toBe(false);
    expect(bad({ ...turnover, subject: 'a phone 138' })).toBe(false);
    expect(
      bad({
        ...turnover,
        type: 'cart.checkout',
        data: { amount: { value: 1.5, currency: 'CNY' }, category: 'x' },
      }),
    ).toBe(false);
    expect(SignalBatch.safeParse({ signals: [turnover, turnover] }).success).toBe(false);
    expect(SignalBatch.safeParse({ signals: [] }).success).toBe(false);
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...turnover, id: `s-${i}` }));
    expect(SignalBatch.safeParse({ signals: many(SIGNAL_BATCH_MAX) }).success).toBe(true);
    expect(SignalBatch.safeParse({ signals: many(SIGNAL_BATCH_MAX + 1) }).success).toBe(false);
    expect(JSON.stringify({ signals: many(SIGNAL_BATCH_MAX) }).length).toBeLessThan(64 * 1024);
  });

  it('checks triggers: time zones, quiet hours and the pre-qualify signal', () => {
    const base = {
      id: 'tr',
      when: [{ kind: 'threshold', signal: 'receivables.outstanding', op: 'gte', value: 1 }],
    };
    expect(OfferTrigger.parse(base)).toMatchObject({
      cooldownDays: 30,
      weeklyCap: 3,
      expiresAfterHours: 168,
    });
    expect(
      OfferTrigger.safeParse({ ...base, quietHours: { start: '22:00', end: '08:00', timeZone: 'Mars/Base' } })
        .success,
    ).toBe(false);
    expect(
      OfferTrigger.safeParse({
        ...base,
        prequalify: { kind: 'share_of_signal', signal: 'orders.monthly_gmv', percent: 50 },
      }).success,
    ).toBe(false);
    expect(
      OfferTrigger.safeParse({
        ...base,
        when: [{ kind: 'threshold', signal: 'gov.service_started', op: 'gte', value: 1 }],
      }).success,
    ).toBe(false);
  });

  it('takes only http(s) webhook URLs', () => {
    expect(WebhookEndpointCreate.safeParse({ url: 'ftp://x.example.com/' }).success).toBe(false);
    expect(WebhookEndpointCreate.safeParse({ url: 'https://hooks.example.com/finlet' }).success).toBe(true);
  });
});
