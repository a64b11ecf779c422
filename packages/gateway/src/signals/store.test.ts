import type { Signal } from '@finlet/contracts';
import { DIALECTS, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MINUTE = 60_000;
const BASE = Date.UTC(2026, 0, 1);

/** Signal `n` occurred `n` minutes after BASE: a larger n is newer. */
const signal = (subject: string, n: number): Signal => ({
  id: `sig-${subject}-${String(n).padStart(5, '0')}`,
  type: 'orders.monthly_gmv',
  subject,
  occurredAt: new Date(BASE + n * MINUTE).toISOString(),
  data: { amount: { value: n, currency: 'CNY' } },
});

describe.each(DIALECTS)('the signal store on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(dialect);
  });
  afterAll(async () => gw?.close());

  it('reads the newest 5,000 of a busy user, oldest first, not the oldest 5,000', async () => {
    const partnerId = gw.partnerA.partner.id;
    const total = 5_003;
    // Stored in a shuffled order, so neither insertion order nor row id decides what is read.
    const all = Array.from({ length: total }, (_, n) => signal('busy', n)).reverse();
    for (let i = 0; i < all.length; i += 500)
      await gw.store.signals.insertMany(partnerId, all.slice(i, i + 500), new Date(BASE).toISOString());

    const read = await gw.store.signals.recentForUser(partnerId, 'busy', new Date(BASE).toISOString());
    expect(read).toHaveLength(5_000);
    expect(read.at(-1)?.id).toBe(signal('busy', total - 1).id);
    expect(read[0]?.id).toBe(signal('busy', total - 5_000).id);
    const times = read.map((s) => Date.parse(s.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('reads a quiet user whole, oldest first, from `since` on', async () => {
    const partnerId = gw.partnerA.partner.id;
    await gw.store.signals.insertMany(
      partnerId,
      [signal('quiet', 3), signal('quiet', 1), signal('quiet', 2)],
      new Date(BASE).toISOString(),
    );
    const read = await gw.store.signals.recentForUser(
      partnerId,
      'quiet',
      new Date(BASE + 2 * MINUTE).toISOString(),
    );
    expect(read.map((s) => s.id)).toEqual([signal('quiet', 2).id, signal('quiet', 3).id]);
  });
});
