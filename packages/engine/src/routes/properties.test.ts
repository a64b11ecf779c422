import {
  CURRENCY_MINOR_UNITS,
  type CurrencyCode,
  type RailLeg,
  type RouteQuoteRequest,
} from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fxTable, leg, request } from '../test/rails.js';
import { forward, type LegTerms, legTerms } from './arithmetic.js';
import { nextAcceptance } from './calendar.js';
import { FxBook } from './fx.js';
import { buildRouteNetwork } from './network.js';
import { quoteRoutes, searchRoutes } from './optimize.js';

const NODES = [
  { country: 'CN', currency: 'CNY' },
  { country: 'US', currency: 'USD' },
  { country: 'DE', currency: 'EUR' },
  { country: 'JP', currency: 'JPY' },
  { country: 'VN', currency: 'VND' },
] as const satisfies ReadonlyArray<{ country: string; currency: CurrencyCode }>;

const SCHEDULES = [
  { timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7] },
  {
    timeZone: 'Asia/Shanghai',
    days: [1, 2, 3, 4, 5],
    open: '09:00',
    cutoff: '17:00',
    holidays: ['2026-10-01', '2026-10-02'],
  },
  { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], open: '07:00', cutoff: '15:30' },
  {
    timeZone: 'America/New_York',
    days: [1, 2, 3, 4, 5],
    open: '09:00',
    cutoff: '18:00',
    holidays: ['2026-11-26'],
  },
];

/** A decimal string with four places from an integer: 72000 → "7.2000". */
const decimal = (n: number) => `${Math.floor(n / 10_000)}.${String(n % 10_000).padStart(4, '0')}`;

const legArb = (i: number) =>
  fc
    .record({
      from: fc.integer({ min: 0, max: NODES.length - 1 }),
      to: fc.integer({ min: 0, max: NODES.length - 1 }),
      fixed: fc.integer({ min: 0, max: 3_000 }),
      fixedInUsd: fc.boolean(),
      percentBps: fc.integer({ min: 0, max: 200 }),
      spreadBps: fc.integer({ min: 0, max: 300 }),
      min: fc.integer({ min: 1, max: 5_000 }),
      span: fc.integer({ min: 1, max: 2_000_000_000 }),
      typical: fc.integer({ min: 0, max: 3_000 }),
      extra: fc.integer({ min: 0, max: 3_000 }),
      schedule: fc.integer({ min: 0, max: SCHEDULES.length - 1 }),
      purposes: fc.oneof(
        fc.constant(['goods', 'travel'] as const),
        fc.subarray(['goods', 'travel'] as const, { minLength: 1 }),
      ),
      payers: fc.oneof(
        fc.constant(['consumer', 'business'] as const),
        fc.subarray(['consumer', 'business'] as const, { minLength: 1 }),
      ),
      payees: fc.oneof(
        fc.constant(['consumer', 'business'] as const),
        fc.subarray(['consumer', 'business'] as const, { minLength: 1 }),
      ),
    })
    .map((g): RailLeg => {
      const from = NODES[g.from]!;
      const to = NODES[g.to]!;
      return leg({
        id: `leg-${i}`,
        from,
        to,
        fees: {
          ...(g.fixed > 0
            ? { fixed: { value: g.fixed, currency: g.fixedInUsd ? 'USD' : from.currency } }
            : {}),
          percentBps: g.percentBps,
        },
        fxSpreadBps: from.currency === to.currency ? 0 : g.spreadBps,
        limits: {
          min: { value: g.min, currency: from.currency },
          max: { value: g.min + g.span, currency: from.currency },
        },
        settlement: { typicalMinutes: g.typical, worstMinutes: g.typical + g.extra },
        schedule: SCHEDULES[g.schedule]!,
        purposes: [...g.purposes],
        payerTypes: [...g.payers],
        payeeTypes: [...g.payees],
      });
    });

const graphArb = fc
  .integer({ min: 2, max: 14 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => legArb(i))));

const fxArb = fc
  .record({
    CNY: fc.integer({ min: 50_000, max: 90_000 }),
    EUR: fc.integer({ min: 7_000, max: 12_000 }),
    JPY: fc.integer({ min: 1_000_000, max: 2_000_000 }),
    VND: fc.integer({ min: 200_000_000, max: 300_000_000 }),
  })
  .map((r) =>
    fxTable(
      (Object.keys(r) as Array<keyof typeof r>).map((c) => ({
        base: 'USD' as const,
        quote: c,
        mid: decimal(r[c]),
      })),
      '2026-01-01T00:00:00Z',
      31_536_000,
    ),
  );

const requestArb = (legs: readonly RailLeg[]) =>
  fc
    .record({
      // Mostly between nodes the graph touches, so that routes exist; sometimes anywhere.
      from: fc.oneof(
        fc.constantFrom(...legs.map((l) => NODES.findIndex((n) => n.country === l.from.country))),
        fc.integer({ min: 0, max: NODES.length - 1 }),
      ),
      to: fc.oneof(
        fc.constantFrom(...legs.map((l) => NODES.findIndex((n) => n.country === l.to.country))),
        fc.integer({ min: 0, max: NODES.length - 1 }),
      ),
      amount: fc.oneof(
        fc.integer({ min: 1, max: 3_000_000_000 }),
        fc.integer({ min: 10_000, max: 10_000_000 }),
      ),
      direction: fc.constantFrom('send' as const, 'receive' as const),
      purpose: fc.constantFrom('goods' as const, 'travel' as const),
      payerType: fc.constantFrom('consumer' as const, 'business' as const),
      payeeType: fc.constantFrom('consumer' as const, 'business' as const),
      urgency: fc.constantFrom('cheapest' as const, 'fastest' as const, 'balanced' as const),
      now: fc.integer({ min: Date.parse('2026-01-02T00:00:00Z'), max: Date.parse('2026-12-20T00:00:00Z') }),
    })
    .map((g) => {
      const from = NODES[g.from]!;
      const to = NODES[g.to]!;
      const req = request({
        amount: { value: g.amount, currency: g.direction === 'send' ? from.currency : to.currency },
        direction: g.direction,
        fromCountry: from.country,
        fromCurrency: from.currency,
        toCountry: to.country,
        toCurrency: to.currency,
        purpose: g.purpose,
        payerType: g.payerType,
        payeeType: g.payeeType,
        urgency: g.urgency,
      });
      return { req, now: new Date(g.now) };
    });

const scenarioArb = graphArb.chain((legs) => fc.tuple(fc.constant(legs), fxArb, requestArb(legs)));

// ---- an independent brute force: every sequence of distinct legs, with its own arithmetic ----

interface Q {
  n: bigint;
  d: bigint;
}
const p10 = (c: CurrencyCode) => 10n ** BigInt(CURRENCY_MINOR_UNITS[c]);

/** Units of pivot (USD) per unit of c, major units, from the table's USD rows. */
function usdValue(fx: ReturnType<typeof fxTable>, c: CurrencyCode): Q {
  if (c === 'USD') return { n: 1n, d: 1n };
  const row = fx.rates.find((r) => r.quote === c)!;
  const [w, f = ''] = row.mid.split('.');
  return { n: 10n ** BigInt(f.length), d: BigInt(w! + f) };
}
/** Minor units of b per minor unit of a at the mid rate. */
function minorMid(fx: ReturnType<typeof fxTable>, a: CurrencyCode, b: CurrencyCode): Q {
  const va = usdValue(fx, a);
  const vb = usdValue(fx, b);
  return { n: va.n * vb.d * p10(b), d: va.d * vb.n * p10(a) };
}

interface Brute {
  id: string;
  cost: bigint;
  arrival: number;
}

function bruteForce(
  legs: readonly RailLeg[],
  fx: ReturnType<typeof fxTable>,
  req: RouteQuoteRequest,
  now: Date,
): Brute[] {
  const src = `${req.fromCountry}:${req.fromCurrency}`;
  const dst = `${req.toCountry}:${req.toCurrency}`;
  const key = (e: { country: string; currency: string }) => `${e.country}:${e.currency}`;
  const out: Brute[] = [];
  const walk = (seq: RailLeg[]) => {
    if (seq.length > 0 && key(seq[seq.length - 1]!.to) === dst) evaluate(seq);
    if (seq.length === 3) return;
    for (const l of legs) {
      if (seq.includes(l)) continue;
      const at = seq.length === 0 ? src : key(seq[seq.length - 1]!.to);
      if (key(l.from) !== at) continue;
      const nodes = [src, ...seq.map((s) => key(s.to))];
      if (key(l.to) !== at && nodes.includes(key(l.to))) continue;
      walk([...seq, l]);
    }
  };
  const evaluate = (seq: RailLeg[]) => {
    if (!seq.every((l) => l.purposes.includes(req.purpose))) return;
    if (
      !seq[0]!.payerTypes.includes(req.payerType) ||
      !seq[seq.length - 1]!.payeeTypes.includes(req.payeeType)
    )
      return;
    let amount = BigInt(req.amount.value);
    let t = now.getTime();
    for (const l of seq) {
      if (amount < BigInt(l.limits.min.value) || amount > BigInt(l.limits.max.value)) return;
      let fixed = 0n;
      if (l.fees.fixed) {
        const r = minorMid(fx, l.fees.fixed.currency, l.from.currency);
        const x = BigInt(l.fees.fixed.value) * r.n;
        fixed = (x + r.d - 1n) / r.d;
      }
      const fee = fixed + (amount * BigInt(l.fees.percentBps) + 9_999n) / 10_000n;
      if (fee >= amount) return;
      const r = minorMid(fx, l.from.currency, l.to.currency);
      const received = ((amount - fee) * r.n * BigInt(10_000 - l.fxSpreadBps)) / (r.d * 10_000n);
      if (received <= 0n || received > BigInt(Number.MAX_SAFE_INTEGER)) return;
      amount = received;
      t = nextAcceptance(l.schedule, t).at + l.settlement.typicalMinutes * 60_000;
    }
    const back = minorMid(fx, req.toCurrency, req.fromCurrency);
    const cost = BigInt(req.amount.value) - (amount * back.n) / back.d;
    out.push({ id: seq.map((l) => l.id).join('+'), cost, arrival: t });
  };
  walk([]);
  return out;
}

describe('quoteRoutes: properties', () => {
  it('the cheapest option equals brute-force enumeration, and nothing dominates the front (send)', () => {
    fc.assert(
      fc.property(scenarioArb, ([legs, fx, { req: r0, now }]) => {
        const req: RouteQuoteRequest = {
          ...r0,
          direction: 'send',
          amount: { value: r0.amount.value, currency: r0.fromCurrency },
        };
        const result = quoteRoutes({ network: [{ id: 't', version: 1, legs }], fx, request: req, now });
        const brute = bruteForce(legs, fx, req, now);
        if (brute.length === 0) {
          expect(result.ok).toBe(false);
          return;
        }
        if (!result.ok) throw new Error(`expected options: ${result.failure.message}`);
        const cheapest = result.options.find((o) => o.cheapest)!;
        let minCost = brute[0]!.cost;
        for (const b of brute) if (b.cost < minCost) minCost = b.cost;
        expect(BigInt(cheapest.totalCost.value)).toBe(minCost);
        const minArrival = Math.min(...brute.map((b) => b.arrival));
        expect(Date.parse(result.options.find((o) => o.fastest)!.arrivesAt)).toBe(minArrival);
        for (const o of result.options) {
          const c = BigInt(o.totalCost.value);
          const a = Date.parse(o.arrivesAt);
          const dominated = brute.some((b) => b.cost <= c && b.arrival <= a && (b.cost < c || b.arrival < a));
          expect(dominated, `${o.id} is dominated`).toBe(false);
        }
        expect(result.options.filter((o) => o.recommended)).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });

  it('nothing dominates the front when receiving either', () => {
    fc.assert(
      fc.property(scenarioArb, ([legs, fx, { req, now }]) => {
        const network = buildRouteNetwork([{ id: 't', version: 1, legs }]);
        const result = quoteRoutes({ network, fx, request: req, now });
        const all = searchRoutes(network, new FxBook(fx), req, now, 3).candidates;
        expect(result.ok).toBe(all.length > 0);
        if (!result.ok) return;
        for (const o of result.options) {
          const c = BigInt(o.totalCost.value);
          const a = Date.parse(o.arrivesAt);
          expect(all.some((b) => b.cost <= c && b.arrival <= a && (b.cost < c || b.arrival < a))).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('amounts and fees reconcile to the minor unit in both directions', () => {
    fc.assert(
      fc.property(scenarioArb, ([legs, fx, { req, now }]) => {
        const book = new FxBook(fx);
        const result = quoteRoutes({ network: [{ id: 't', version: 1, legs }], fx: book, request: req, now });
        if (!result.ok) return;
        for (const o of result.options) {
          expect(o.senderPays).toEqual(o.legs[0]!.sent);
          expect(o.recipientGets).toEqual(o.legs[o.legs.length - 1]!.received);
          if (req.direction === 'send') expect(o.senderPays).toEqual(req.amount);
          else expect(o.recipientGets).toEqual(req.amount);
          const b = o.costBreakdown;
          expect(b.fees.value + b.spread.value + b.roundingMinor).toBe(o.totalCost.value);
          expect(o.totalCost.value).toBeGreaterThanOrEqual(0);
          o.legs.forEach((l, i) => {
            expect(l.sent.value).toBe(l.fee.value + l.converted.value);
            if (i > 0) expect(l.sent).toEqual(o.legs[i - 1]!.received);
            const spec = legs.find((x) => x.id === l.legId)!;
            const t = legTerms(spec, book) as LegTerms;
            const pct = (BigInt(l.sent.value) * t.percentBps + 9_999n) / 10_000n;
            expect(BigInt(l.fee.value)).toBe(t.fixedFee + pct);
            // received ≤ converted × rate, and short of it by less than one destination minor unit
            // (send) or credited exactly with the least converted amount that covers it (receive).
            const exact = BigInt(l.converted.value) * t.rate.n;
            expect(BigInt(l.received.value) * t.rate.d <= exact).toBe(true);
            if (req.direction === 'send')
              expect(exact < (BigInt(l.received.value) + 1n) * t.rate.d).toBe(true);
            else
              expect((BigInt(l.converted.value) - 1n) * t.rate.n < BigInt(l.received.value) * t.rate.d).toBe(
                true,
              );
          });
          if (req.direction === 'receive') {
            // The least amount that arrives: one minor unit less does not.
            let amount = BigInt(o.senderPays.value) - 1n;
            let arrived = true;
            for (const l of o.legs) {
              const r = forward(
                { ...(legTerms(legs.find((x) => x.id === l.legId)!, book) as LegTerms), min: 0n },
                amount,
              );
              if (typeof r === 'string') {
                arrived = false;
                break;
              }
              amount = r.received;
            }
            expect(arrived && amount >= BigInt(o.recipientGets.value)).toBe(false);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
