import { type Offer, OfferTrigger, type OfferTriggerInput, type Signal } from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cny, makeOffer } from '../test/offers.js';
import { evaluateNudges, type NudgeHistoryEntry, prequalifiedAmount } from './evaluate.js';
import { inQuietHours, quietHoursEnd } from './quiet-hours.js';

const NOW = new Date('2026-03-10T04:00:00Z'); // 12:00 in Shanghai
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

const trigger = (input: Partial<OfferTriggerInput> = {}): OfferTrigger =>
  OfferTrigger.parse({
    id: 'turnover-up',
    when: [
      { kind: 'change', signal: 'inventory.turnover_days', direction: 'up', percent: 30, windowDays: 30 },
    ],
    ...input,
  });

const turnover = (id: string, days: number, at: string): Signal => ({
  id,
  type: 'inventory.turnover_days',
  subject: 'merchant-1',
  occurredAt: at,
  data: { days },
});
const receivables = (id: string, value: number, at: string): Signal => ({
  id,
  type: 'receivables.outstanding',
  subject: 'merchant-1',
  occurredAt: at,
  data: { amount: cny(value) },
});

const offerWith = (triggers: OfferTrigger[], overrides: Partial<Offer> = {}) =>
  makeOffer({ triggers, ...overrides });

describe('evaluateNudges', () => {
  const rising = [turnover('s1', 45, ago(20)), turnover('s2', 62, ago(1))];

  it('raises a nudge when turnover days rise 30 % within 30 days, explained in both locales', () => {
    const { nudges } = evaluateNudges({
      offers: [offerWith([trigger()])],
      signals: rising,
      history: [],
      partnerId: 'ptn_a',
      now: NOW,
    });
    expect(nudges).toHaveLength(1);
    const [nudge] = nudges;
    expect(nudge?.explanation['zh-CN']).toBe(
      '您的库存周转天数 30 天内从 45 升至 62 天，「存货融资」或可帮到您。',
    );
    expect(nudge?.explanation.en).toBe(
      'Your inventory turnover rose from 45 to 62 days in 30 days. Inventory financing may help.',
    );
    expect(nudge?.dedupeKey).toBe('scf-inventory-loan:turnover-up:s2');
    expect(nudge?.visibleFrom).toEqual(NOW);
    expect(nudge?.expiresAt).toEqual(new Date(NOW.getTime() + 168 * 3_600_000));
    expect(nudge?.amount).toBeNull();
  });

  it('does not fire below the percentage, outside the window or on a fall', () => {
    const run = (signals: Signal[]) =>
      evaluateNudges({ offers: [offerWith([trigger()])], signals, history: [], partnerId: 'p', now: NOW })
        .nudges.length;
    expect(run([turnover('a', 50, ago(20)), turnover('b', 64, ago(1))])).toBe(0); // +28 %
    expect(run([turnover('a', 50, ago(20)), turnover('b', 65, ago(1))])).toBe(1); // +30 % exactly
    expect(run([turnover('a', 45, ago(40)), turnover('b', 62, ago(1))])).toBe(0); // baseline too old
    expect(run([turnover('a', 62, ago(20)), turnover('b', 45, ago(1))])).toBe(0);
    expect(run([turnover('b', 62, ago(1))])).toBe(0); // one point is no change
    expect(
      run([turnover('a', 45, ago(20)), turnover('b', 62, new Date(NOW.getTime() + DAY).toISOString())]),
    ).toBe(0); // future signals are ignored
  });

  it('supports thresholds and counts, all conditions together', () => {
    const t = trigger({
      id: 'receivables-piling',
      when: [
        { kind: 'threshold', signal: 'receivables.outstanding', op: 'gte', value: 10_000_000 },
        { kind: 'count', signal: 'receivables.outstanding', min: 2, windowDays: 30 },
      ],
      prequalify: { kind: 'share_of_signal', signal: 'receivables.outstanding', percent: 80 },
    });
    const offer = offerWith([t]);
    const one = evaluateNudges({
      offers: [offer],
      signals: [receivables('r1', 12_000_000, ago(2))],
      history: [],
      partnerId: 'p',
      now: NOW,
    });
    expect(one.nudges).toHaveLength(0);
    expect(one.suppressed).toEqual([
      { offerId: offer.id, triggerId: 'receivables-piling', reason: 'conditions_unmet' },
    ]);
    const two = evaluateNudges({
      offers: [offer],
      signals: [receivables('r1', 12_000_000, ago(2)), receivables('r0', 9_000_000, ago(9))],
      history: [],
      partnerId: 'p',
      now: NOW,
    });
    expect(two.nudges[0]?.amount).toEqual(cny(9_600_000));
    expect(two.nudges[0]?.explanation['zh-CN']).toContain('您的应收账款余额为 ¥120,000.00');
    expect(two.nudges[0]?.explanation['zh-CN']).toContain('您 30 天内有 2 次应收账款余额');
  });

  it('respects cool-down, partner restrictions and the offer period', () => {
    const base = { signals: rising, partnerId: 'ptn_a', now: NOW };
    const history = [{ offerId: 'scf-inventory-loan', triggerId: 'turnover-up', createdAt: ago(10) }];
    expect(evaluateNudges({ ...base, offers: [offerWith([trigger()])], history }).suppressed[0]?.reason).toBe(
      'cooldown',
    );
    expect(
      evaluateNudges({ ...base, offers: [offerWith([trigger({ cooldownDays: 7 })])], history }).nudges,
    ).toHaveLength(1);
    expect(
      evaluateNudges({ ...base, offers: [offerWith([trigger()], { partners: ['ptn_b'] })], history: [] })
        .nudges,
    ).toHaveLength(0);
    expect(
      evaluateNudges({
        ...base,
        offers: [offerWith([trigger()], { effective: { from: '2026-01-01T00:00:00Z', until: ago(1) } })],
        history: [],
      }).nudges,
    ).toHaveLength(0);
  });

  it('raises one nudge per offer when two of its triggers hold, and cools the offer whichever trigger spoke', () => {
    const threshold = trigger({
      id: 'turnover-high',
      when: [{ kind: 'threshold', signal: 'inventory.turnover_days', op: 'gte', value: 60 }],
    });
    const both = offerWith([trigger(), threshold]);
    const first = evaluateNudges({
      offers: [both],
      signals: rising,
      history: [],
      partnerId: 'ptn_a',
      now: NOW,
    });
    expect(first.nudges.map((n) => n.trigger.id)).toEqual(['turnover-up']);
    expect(first.suppressed).toEqual([
      { offerId: 'scf-inventory-loan', triggerId: 'turnover-high', reason: 'same_offer' },
    ]);
    // The next day the rise has been told; the threshold trigger does not tell it again.
    const history = [{ offerId: 'scf-inventory-loan', triggerId: 'turnover-up', createdAt: ago(1) }];
    const next = evaluateNudges({ offers: [both], signals: rising, history, partnerId: 'ptn_a', now: NOW });
    expect(next.nudges).toEqual([]);
    expect(next.suppressed.map((s) => s.reason)).toEqual(['cooldown', 'cooldown']);
  });

  it('shows a nudge raised in quiet hours at once, and tells the partner when they end, in the trigger’s time zone', () => {
    const quiet = trigger({ quietHours: { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai' } });
    const night = new Date('2026-03-10T15:30:20Z'); // 23:30:20 Shanghai
    const [nudge] = evaluateNudges({
      offers: [offerWith([quiet])],
      signals: rising,
      history: [],
      partnerId: 'p',
      now: night,
    }).nudges;
    expect(nudge?.visibleFrom).toEqual(night);
    expect(nudge?.notifyFrom.toISOString()).toBe('2026-03-11T00:00:00.000Z'); // 08:00 Shanghai
    expect(nudge?.expiresAt.toISOString()).toBe('2026-03-18T00:00:00.000Z');
  });

  it('pre-qualifies within the offer limits and in its currency only', () => {
    const offer = offerWith([]);
    const t = trigger({
      when: [{ kind: 'threshold', signal: 'receivables.outstanding', op: 'gt', value: 0 }],
      prequalify: { kind: 'share_of_signal', signal: 'receivables.outstanding', percent: 50 },
    });
    const amount = (value: number, currency: 'CNY' | 'USD' = 'CNY') =>
      prequalifiedAmount(
        offer,
        t,
        [{ ...receivables('r', value, ago(1)), data: { amount: { value, currency } } } as Signal],
        NOW,
      );
    expect(amount(20_000_000)).toEqual(cny(10_000_000));
    expect(amount(9_000_000)).toBeNull(); // 45 000 is below the 50 000 minimum
    expect(amount(900_000_000)).toEqual(cny(300_000_000)); // clamped to the maximum
    expect(amount(20_000_000, 'USD')).toBeNull();
    expect(prequalifiedAmount(offer, trigger({ prequalify: { kind: 'offer_max' } }), [], NOW)).toEqual(
      cny(300_000_000),
    );
  });
});

describe('nudge rules (properties)', () => {
  const arbTrigger = fc
    .record({
      id: fc.constantFrom('t-a', 't-b'),
      cooldownDays: fc.integer({ min: 0, max: 20 }),
      weeklyCap: fc.integer({ min: 1, max: 4 }),
    })
    .map((t) =>
      trigger({
        ...t,
        when: [{ kind: 'threshold', signal: 'inventory.turnover_days', op: 'gte', value: 10 }],
      }),
    );
  const arbOffers = fc
    .uniqueArray(fc.constantFrom('o-a', 'o-b', 'o-c', 'o-d'), { minLength: 1, maxLength: 4 })
    .chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc
            .tuple(
              fc.uniqueArray(arbTrigger, { selector: (t) => t.id, maxLength: 2 }),
              fc.integer({ min: 0, max: 100 }),
            )
            .map(([triggers, priority]) => offerWith(triggers, { id, priority })),
        ),
      ),
    );
  const arbHistory = fc.array(
    fc.record({
      offerId: fc.constantFrom('o-a', 'o-b', 'o-c', 'o-d'),
      triggerId: fc.constantFrom('t-a', 't-b'),
      createdAt: fc
        .integer({ min: 0, max: 30 * 24 })
        .map((h) => new Date(NOW.getTime() - h * 3_600_000).toISOString()),
    }),
    { maxLength: 8 },
  );
  const signals = [turnover('s', 40, ago(1))];

  it('never exceeds any fired trigger’s weekly cap, counting nudges from every offer', () => {
    fc.assert(
      fc.property(arbOffers, arbHistory, (offers, history: NudgeHistoryEntry[]) => {
        const { nudges } = evaluateNudges({ offers, signals, history, partnerId: 'p', now: NOW });
        const lastWeek = history.filter((h) => NOW.getTime() - Date.parse(h.createdAt) < 7 * DAY).length;
        nudges.forEach((n, i) => {
          expect(lastWeek + i).toBeLessThan(n.trigger.weeklyCap);
        });
      }),
    );
  });

  it('never fires inside a cool-down since the last nudge about the same offer, and at most one nudge per offer per evaluation', () => {
    fc.assert(
      fc.property(arbOffers, arbHistory, (offers, history: NudgeHistoryEntry[]) => {
        const { nudges, suppressed } = evaluateNudges({ offers, signals, history, partnerId: 'p', now: NOW });
        const keys = nudges.map((n) => n.offer.id);
        expect(new Set(keys).size).toBe(keys.length);
        for (const n of nudges) {
          const recent = history.filter(
            (h) =>
              h.offerId === n.offer.id &&
              NOW.getTime() - Date.parse(h.createdAt) < n.trigger.cooldownDays * DAY,
          );
          expect(recent).toEqual([]);
        }
        // Every trigger is either fired or suppressed with a reason.
        const total = offers.reduce((sum, o) => sum + (o.triggers?.length ?? 0), 0);
        expect(nudges.length + suppressed.length).toBe(total);
      }),
    );
  });

  it('is deterministic and idempotent: the same input gives the same dedupe keys', () => {
    fc.assert(
      fc.property(arbOffers, arbHistory, (offers, history: NudgeHistoryEntry[]) => {
        const a = evaluateNudges({ offers, signals, history, partnerId: 'p', now: NOW });
        const b = evaluateNudges({
          offers: [...offers].reverse(),
          signals,
          history,
          partnerId: 'p',
          now: NOW,
        });
        expect(b.nudges.map((n) => n.dedupeKey)).toEqual(a.nudges.map((n) => n.dedupeKey));
      }),
    );
  });

  it('quiet hours: the visible time is outside them, within a day (25 h across a daylight-saving change) and never before now', () => {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        hhmm,
        hhmm,
        fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'UTC'),
        fc.integer({ min: 0, max: 366 * 24 * 60 }),
        (start, end, timeZone, minute) => {
          fc.pre(start !== end);
          const quiet = { start, end, timeZone };
          const at = new Date(Date.UTC(2026, 0, 1) + minute * 60_000 + 17_000);
          const visible = quietHoursEnd(quiet, at);
          expect(inQuietHours(quiet, visible)).toBe(false);
          expect(visible.getTime()).toBeGreaterThanOrEqual(at.getTime());
          expect(visible.getTime() - at.getTime()).toBeLessThanOrEqual(DAY + 3_600_000);
          if (!inQuietHours(quiet, at)) expect(visible).toEqual(at);
        },
      ),
      {
        examples: [
          // Berlin, the day before the spring change: the quiet night is an hour shorter.
          ['04:45', '04:00', 'Europe/Berlin', 124065],
          // New York, the day before the autumn change: the quiet night is an hour longer.
          ['04:15', '04:00', 'America/New_York', (303 * 24 + 8) * 60 + 15],
          // The end falls in the skipped hour.
          ['22:00', '02:30', 'Europe/Berlin', (86 * 24 + 22) * 60],
        ],
      },
    );
  });
});
