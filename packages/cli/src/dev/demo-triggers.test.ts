import type { Offer, Signal } from '@finlet/contracts';
import { evaluateNudges } from '@finlet/engine';
import { describe, expect, it } from 'vitest';
import { loadDemoOffers, withoutQuietHours } from './demo.js';

describe('demo triggers', () => {
  it('raise an explained inventory-financing nudge when turnover slows', async () => {
    const now = new Date('2026-06-10T04:00:00Z'); // 12:00 in Shanghai, outside quiet hours
    const offers = (await loadDemoOffers(now)).map(
      (content) => ({ ...content, version: 1, status: 'published' }) as unknown as Offer,
    );
    expect(offers.filter((o) => o.triggers?.length).map((o) => o.id)).toContain('scf-inventory-financing');
    const signal = (id: string, days: number, daysAgo: number): Signal => ({
      id,
      type: 'inventory.turnover_days',
      subject: 'merchant-demo',
      occurredAt: new Date(now.getTime() - daysAgo * 86_400_000).toISOString(),
      data: { days },
    });
    const { nudges } = evaluateNudges({
      offers,
      signals: [signal('a', 45, 20), signal('b', 62, 0)],
      history: [],
      partnerId: 'ptn_demo',
      now,
    });
    expect(nudges.map((n) => [n.offer.id, n.trigger.id])).toEqual([
      ['scf-inventory-financing', 'turnover-slowing'],
    ]);
    expect(nudges[0]?.explanation['zh-CN']).toMatch(/^您的库存周转天数 30 天内从 45 升至 62 天/);
    expect(nudges[0]?.amount).toEqual({ value: 500_000_000, currency: 'CNY' });
  });

  it('lose their quiet hours, and nothing else, with finlet dev --no-quiet-hours', async () => {
    const offers = await loadDemoOffers(new Date('2026-06-10T15:00:00Z')); // 23:00 in Shanghai
    const quiet = offers.filter((o) => o.triggers?.some((t) => t.quietHours !== undefined));
    expect(quiet.map((o) => o.id)).toContain('scf-inventory-financing');
    const stripped = withoutQuietHours(offers);
    expect(stripped.flatMap((o) => o.triggers ?? []).filter((t) => t.quietHours !== undefined)).toEqual([]);
    const strip = (o: (typeof offers)[number]) => ({
      ...o,
      triggers: o.triggers?.map(({ quietHours: _q, ...t }) => t),
    });
    expect(stripped).toEqual(offers.map((o) => (o.triggers === undefined ? o : strip(o))));
  });
});
