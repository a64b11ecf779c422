import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG_URL } from '@finlet/testing';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartner } from '../bootstrap.js';
import { newId } from '../internal/ids.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/store.js';
import { emitWebhookEvent } from './outbox.js';
import { backoffMs, DEFAULT_RETRY } from './worker.js';

interface Db {
  store: Store;
  /** Another store on the same database (another gateway instance). */
  another(): Promise<Store>;
  close(): Promise<void>;
}

async function sqlite(): Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), 'finlet-outbox-'));
  const store = await openStore({ dataDir: dir });
  return {
    store,
    another: () => openStore({ dataDir: dir }),
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgres(): Promise<Db> {
  const schema = `finlet_outbox_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const store = await openStore({ databaseUrl: PG_URL, schema });
  return {
    store,
    another: () => openStore({ databaseUrl: PG_URL, schema }),
    close: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

describe.each([
  ['sqlite', sqlite],
  ['postgres', postgres],
] as const)('the outbox on %s', (_dialect, open) => {
  let db: Db;
  let partnerId: string;
  const now = new Date();
  const iso = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();

  beforeAll(async () => {
    db = await open();
    await db.store.migrate();
    partnerId = (await createPartner(db.store, { name: 'Outbox', scenarios: ['supply-chain'] })).partner.id;
    await db.store.webhooks.createEndpoint({
      endpoint: {
        id: newId('whe'),
        partnerId,
        url: 'https://hooks.example.com/a',
        eventTypes: ['nudge.created'],
        description: null,
        status: 'active',
        createdAt: now.toISOString(),
        secretRotatedAt: null,
        previousSecretExpiresAt: null,
      },
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      previousSecret: null,
    });
  });
  afterAll(async () => db?.close());

  it('writes nothing when the transaction that emitted the event rolls back', async () => {
    const before = await db.store.webhooks.listEvents(partnerId, { since: iso(-60_000), limit: 200 });
    await expect(
      db.store.transaction(async (tx) => {
        await emitWebhookEvent(tx, { partnerId, type: 'nudge.created', data: { id: 'x' }, at: now });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.store.webhooks.listEvents(partnerId, { since: iso(-60_000), limit: 200 })).toEqual(
      before,
    );
  });

  it('never leases one delivery to two claimers, and only the lease holder records an attempt', async () => {
    const total = 40;
    for (let i = 0; i < total; i++) {
      await db.store.transaction((tx) =>
        emitWebhookEvent(tx, { partnerId, type: 'nudge.created', data: { i }, at: now }),
      );
    }
    const others = await Promise.all([db.another(), db.another(), db.another()]);
    try {
      const claimers = [db.store, ...others];
      const claimed = await Promise.all(
        claimers.map((store, k) =>
          store.webhooks.claimDue({ owner: `w${k}`, now: iso(1_000), leaseUntil: iso(60_000), limit: 15 }),
        ),
      );
      const ids = claimed.flat().map((d) => d.id);
      expect(ids).toHaveLength(total);
      expect(new Set(ids).size).toBe(total);
      // Nothing is left while the leases last.
      expect(
        await db.store.webhooks.claimDue({
          owner: 'late',
          now: iso(2_000),
          leaseUntil: iso(60_000),
          limit: 50,
        }),
      ).toEqual([]);

      // Which claimer wins the race is up to the database; take one that holds a lease.
      const holder = claimed.findIndex((c) => c.length > 0);
      const mine = claimed[holder]?.[0];
      if (!mine) throw new Error('nobody claimed anything');
      const owner = `w${holder}`;
      const stranger = `w${(holder + 1) % claimers.length}`;
      const attempt = (owner: string) =>
        db.store.transaction((tx) =>
          tx.webhooks.recordAttempt({
            deliveryId: mine.id,
            owner,
            attempt: {
              id: newId('wha'),
              attempt: 1,
              at: iso(3_000),
              durationMs: 5,
              httpStatus: 204,
              error: null,
              ok: true,
            },
            status: 'delivered',
            nextAttemptAt: iso(3_000),
          }),
        );
      expect(await attempt(stranger)).toBe(false);
      expect(await attempt(owner)).toBe(true);
      expect(await attempt(owner)).toBe(false);

      // A crashed owner's leases lapse: everything not delivered is claimable again.
      const again = await db.store.webhooks.claimDue({
        owner: 'rescuer',
        now: iso(61_000),
        leaseUntil: iso(120_000),
        limit: 100,
      });
      expect(again.map((d) => d.id).sort()).toEqual(ids.filter((id) => id !== mine.id).sort());
    } finally {
      await Promise.all(others.map((s) => s.close()));
    }
  });
});

describe('the outbox retention', () => {
  it('purges events older than the cut-off with their deliveries and attempts', async () => {
    const db = await sqlite();
    try {
      await db.store.migrate();
      const { partner } = await createPartner(db.store, { name: 'Old', scenarios: ['consumption'] });
      const old = new Date(Date.now() - 40 * 86_400_000);
      await db.store.transaction((tx) =>
        emitWebhookEvent(tx, { partnerId: partner.id, type: 'nudge.created', data: {}, at: old }),
      );
      await db.store.transaction((tx) =>
        emitWebhookEvent(tx, { partnerId: partner.id, type: 'nudge.created', data: {}, at: new Date() }),
      );
      const since = new Date(Date.now() - 60 * 86_400_000).toISOString();
      expect(await db.store.webhooks.listEvents(partner.id, { since, limit: 10 })).toHaveLength(2);
      const cutoff = new Date(Date.now() - 30 * 86_400_000).toISOString();
      expect(await db.store.webhooks.purgeEvents(cutoff)).toBe(1);
      expect(await db.store.webhooks.listEvents(partner.id, { since, limit: 10 })).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});

describe('backoff', () => {
  it('grows exponentially up to the cap, with jitter in the upper half', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const exp = Math.min(DEFAULT_RETRY.maxMs, DEFAULT_RETRY.baseMs * 2 ** (n - 1));
        const wait = backoffMs(n, DEFAULT_RETRY, () => r);
        expect(wait).toBeGreaterThanOrEqual(Math.floor(exp / 2));
        expect(wait).toBeLessThanOrEqual(Math.ceil(exp));
      }),
    );
  });

  it('spends about three days before dead-lettering with the default policy', () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed <= DEFAULT_RETRY.horizonMs) {
      attempts += 1;
      elapsed += backoffMs(attempts, DEFAULT_RETRY, () => 1);
    }
    expect(attempts).toBeGreaterThan(15);
    expect(attempts).toBeLessThan(40);
  });
});
