import { describe, expect, it } from 'vitest';
import { fxTable, leg, request } from '../test/rails.js';
import { quoteRoutes } from './optimize.js';

const FX = fxTable([
  { base: 'CNY', quote: 'HKD', mid: '1.1' },
  { base: 'USD', quote: 'CNY', mid: '7.2' },
  { base: 'USD', quote: 'VND', mid: '25000' },
]);
const NOW = new Date('2026-11-27T08:00:00Z'); // Friday 16:00 in Shanghai

const cnHk = leg({
  id: 'cips-cn-hk',
  network: 'cips',
  from: { country: 'CN', currency: 'CNY' },
  to: { country: 'HK', currency: 'HKD' },
  fees: { fixed: { value: 10_00, currency: 'CNY' }, percentBps: 10 },
  fxSpreadBps: 30,
  settlement: { typicalMinutes: 120, worstMinutes: 240 },
  schedule: { timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], open: '09:00', cutoff: '17:00' },
});

const tables = (...legs: ReturnType<typeof leg>[]) => [{ id: 'test', version: 3, legs }];

describe('quoteRoutes: worked examples', () => {
  it('sends 1,000.00 CNY over one leg with fixed and percentage fees and a spread', () => {
    const r = quoteRoutes({
      network: tables(cnHk),
      fx: FX,
      request: request({ amount: { value: 100_000, currency: 'CNY' } }),
      now: NOW,
    });
    if (!r.ok) throw new Error(r.failure.message);
    const [o] = r.options;
    // fee = 10.00 + ceil(1000.00 × 0.10 %) = 11.00; converted 989.00 CNY
    expect(o!.legs[0]!.fee).toEqual({ value: 1_100, currency: 'CNY' });
    expect(o!.legs[0]!.converted.value).toBe(98_900);
    // 989.00 × 1.1 × 0.997 = 1084.6363 HKD, rounded down
    expect(o!.recipientGets).toEqual({ value: 108_463, currency: 'HKD' });
    expect(o!.legs[0]!.appliedRate).toBe('1.0967');
    expect(o!.senderPays).toEqual({ value: 100_000, currency: 'CNY' });
    // cost = 1000.00 − floor(1084.63 HKD / 1.1) = 1000.00 − 986.02 = 13.98 CNY
    expect(o!.totalCost).toEqual({ value: 1_398, currency: 'CNY' });
    const b = o!.costBreakdown;
    expect(b.fees.value + b.spread.value + b.roundingMinor).toBe(o!.totalCost.value);
    expect(b.spread.value).toBe(297); // 989.00 × 0.30 % = 2.967 → 2.97
    expect(o!.effectiveRate).toBe('1.08463');
    expect(o!.cheapest && o!.fastest && o!.recommended).toBe(true);
    expect(o!.arrivesAt).toBe('2026-11-27T10:00:00.000Z');
  });

  it('moves arrival past a cut-off to the next business day in the rail’s time zone', () => {
    const late = new Date('2026-11-27T09:30:00Z'); // Friday 17:30 in Shanghai, after the 17:00 cut-off
    const r = quoteRoutes({
      network: tables(cnHk),
      fx: FX,
      request: request({ amount: { value: 100_000, currency: 'CNY' } }),
      now: late,
    });
    if (!r.ok) throw new Error(r.failure.message);
    const l = r.options[0]!.legs[0]!;
    expect(l.waitedForCutoff).toBe(true);
    expect(l.acceptedAt).toBe('2026-11-30T01:00:00.000Z'); // Monday 09:00 Shanghai
    expect(r.options[0]!.arrivesAt).toBe('2026-11-30T03:00:00.000Z');
    const cutoff = r.options[0]!.explanation.find((p) => p.kind === 'cutoff');
    expect(cutoff?.text.en).toContain('2026-11-30 09:00');
    expect(cutoff?.text['zh-CN']).toContain('截止时间');
  });

  it('skips listed holidays and waits for the opening hour before it', () => {
    const holiday = leg({ ...cnHk, schedule: { ...cnHk.schedule, holidays: ['2026-11-30'] } });
    const early = new Date('2026-11-27T00:30:00Z'); // Friday 08:30 Shanghai: before opening
    const r1 = quoteRoutes({
      network: tables(holiday),
      fx: FX,
      request: request({ amount: { value: 100_000, currency: 'CNY' } }),
      now: early,
    });
    if (!r1.ok) throw new Error(r1.failure.message);
    expect(r1.options[0]!.legs[0]!.acceptedAt).toBe('2026-11-27T01:00:00.000Z');
    const r2 = quoteRoutes({
      network: tables(holiday),
      fx: FX,
      request: request({ amount: { value: 100_000, currency: 'CNY' } }),
      now: new Date('2026-11-27T10:00:00Z'),
    });
    if (!r2.ok) throw new Error(r2.failure.message);
    expect(r2.options[0]!.legs[0]!.acceptedAt).toBe('2026-12-01T01:00:00.000Z'); // Tuesday: Monday is a holiday
  });

  it('handles daylight saving time in the rail’s zone', () => {
    const london = leg({
      id: 'chaps',
      from: { country: 'GB', currency: 'GBP' },
      to: { country: 'GB', currency: 'GBP' },
      schedule: { timeZone: 'Europe/London', days: [1, 2, 3, 4, 5], open: '08:00', cutoff: '16:00' },
    });
    const fx = fxTable([{ base: 'GBP', quote: 'USD', mid: '1.25' }], '2026-03-27T00:00:00Z');
    const req = request({
      amount: { value: 10_000, currency: 'GBP' },
      fromCountry: 'GB',
      toCountry: 'GB',
      fromCurrency: 'GBP',
      toCurrency: 'GBP',
    });
    // Friday 2026-03-27 17:00Z is after cut-off; Monday 30 March is in BST (UTC+1): 08:00 local = 07:00Z.
    const r = quoteRoutes({
      network: tables(london),
      fx,
      request: req,
      now: new Date('2026-03-27T17:00:00Z'),
    });
    if (!r.ok) throw new Error(r.failure.message);
    expect(r.options[0]!.legs[0]!.acceptedAt).toBe('2026-03-30T07:00:00.000Z');
  });

  it('makes the recipient get exactly the asked amount when receiving', () => {
    const req = request({ amount: { value: 108_463, currency: 'HKD' }, direction: 'receive' });
    const r = quoteRoutes({ network: tables(cnHk), fx: FX, request: req, now: NOW });
    if (!r.ok) throw new Error(r.failure.message);
    const o = r.options[0]!;
    expect(o.recipientGets).toEqual({ value: 108_463, currency: 'HKD' });
    expect(o.senderPays).toEqual({ value: 100_000, currency: 'CNY' }); // the least that sends it
  });

  it('chains legs (CIPS to Hong Kong, then FPS) and keeps only the Pareto front', () => {
    const fps = leg({
      id: 'fps-hk',
      from: { country: 'HK', currency: 'HKD' },
      to: { country: 'HK', currency: 'HKD' },
      fees: { fixed: { value: 5_00, currency: 'HKD' } },
      settlement: { typicalMinutes: 1, worstMinutes: 10 },
    });
    const cnHkBank = leg({ ...cnHk, id: 'cips-cn-hk-bank', to: { country: 'HK', currency: 'HKD' } });
    const swift = leg({
      id: 'swift-cn-hk',
      network: 'swift',
      from: { country: 'CN', currency: 'CNY' },
      to: { country: 'HK', currency: 'HKD' },
      fees: { fixed: { value: 5, currency: 'USD' } },
      fxSpreadBps: 20,
      settlement: { typicalMinutes: 1440, worstMinutes: 4320 },
      schedule: { timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], open: '09:00', cutoff: '16:00' },
    });
    const expensiveSlow = leg({
      ...swift,
      id: 'swift-premium',
      fees: { fixed: { value: 50_00, currency: 'USD' } },
    });
    const r = quoteRoutes({
      network: tables(cnHkBank, fps, swift, expensiveSlow),
      fx: FX,
      request: request({ amount: { value: 1_000_000, currency: 'CNY' }, urgency: 'fastest' }),
      now: NOW,
    });
    if (!r.ok) throw new Error(r.failure.message);
    const ids = r.options.map((o) => o.id);
    expect(ids).not.toContain('swift-premium');
    expect(ids).toContain('cips-cn-hk-bank');
    expect(ids.some((id) => id.includes('+'))).toBe(false); // the FPS hop only adds cost and time
    const fastest = r.options.find((o) => o.fastest)!;
    expect(fastest.recommended).toBe(true);
    expect(fastest.explanation.some((p) => p.kind === 'tradeoff')).toBe(true);
    // With FPS as the only way to reach a Hong Kong consumer account, the two-leg path appears.
    const direct = leg({ ...cnHkBank, payeeTypes: ['business'] });
    const r2 = quoteRoutes({
      network: tables(direct, leg({ ...fps })),
      fx: FX,
      request: request({ amount: { value: 1_000_000, currency: 'CNY' }, payeeType: 'consumer' }),
      now: NOW,
    });
    if (!r2.ok) throw new Error(r2.failure.message);
    expect(r2.options.map((o) => o.id)).toEqual(['cips-cn-hk-bank+fps-hk']);
  });

  it('refuses stale FX rates and says how old they are', () => {
    const r = quoteRoutes({
      network: tables(cnHk),
      fx: { ...FX, maxAgeSeconds: 60 },
      request: request({ amount: { value: 100_000, currency: 'CNY' } }),
      now: NOW,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failure.reason).toBe('fx_stale');
    expect(r.failure.message).toContain('at most 60 s');
  });

  it('names the failed constraint: corridor, purpose, party, amount', () => {
    const q = (over: Parameters<typeof request>[0], legs = [cnHk]) =>
      quoteRoutes({ network: tables(...legs), fx: FX, request: request(over), now: NOW });
    const corridor = q({ amount: { value: 100, currency: 'CNY' }, toCountry: 'VN', toCurrency: 'VND' });
    expect(!corridor.ok && corridor.failure.reason).toBe('corridor');
    const narrow = leg({ ...cnHk, purposes: ['goods'], payerTypes: ['business'] });
    const purpose = q({ amount: { value: 100_000, currency: 'CNY' }, purpose: 'travel' }, [narrow]);
    expect(!purpose.ok && purpose.failure).toMatchObject({ reason: 'purpose', allowed: ['goods'] });
    const party = q(
      { amount: { value: 100_000, currency: 'CNY' }, purpose: 'goods', payerType: 'consumer' },
      [narrow],
    );
    expect(!party.ok && party.failure.reason).toBe('party');
    const small = q({ amount: { value: 500, currency: 'CNY' } });
    expect(!small.ok && small.failure).toMatchObject({
      reason: 'amount',
      failures: [{ legId: 'cips-cn-hk', bound: 'fees' }],
    });
    const capped = leg({
      ...cnHk,
      limits: { min: { value: 100_00, currency: 'CNY' }, max: { value: 500_00, currency: 'CNY' } },
    });
    const big = q({ amount: { value: 1_000_00, currency: 'CNY' } }, [capped]);
    expect(!big.ok && big.failure.message).toContain('at most 500.00 CNY');
    const missing = quoteRoutes({
      network: tables(
        leg({ id: 'xx', from: { country: 'CN', currency: 'CNY' }, to: { country: 'TH', currency: 'THB' } }),
      ),
      fx: FX,
      request: request({ amount: { value: 100_00, currency: 'CNY' }, toCountry: 'TH', toCurrency: 'THB' }),
      now: NOW,
    });
    expect(!missing.ok && missing.failure).toMatchObject({ reason: 'corridor', missingRates: ['CNY/THB'] });
  });
});
