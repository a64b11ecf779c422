import { PG_URL } from '@finlet/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/store.js';
import { type EventBus, InProcessBus, PostgresBus } from './bus.js';

/** Resolves with the next payload a subscription receives (bounded generously; no fixed sleeps). */
function next(bus: EventBus, channel: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`nothing on ${channel} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = bus.subscribe(channel, (payload) => {
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

describe('in-process bus', () => {
  it('delivers to the subscribers of a channel only, and stops after unsubscribe', async () => {
    const bus = new InProcessBus();
    const got: string[] = [];
    const off = bus.subscribe('a', (p) => got.push(p));
    bus.subscribe('b', () => got.push('wrong channel'));
    const received = next(bus, 'a');
    await bus.publish('a', 'one');
    expect(await received).toBe('one');
    off();
    const again = next(bus, 'a');
    await bus.publish('a', 'two');
    await again;
    expect(got).toEqual(['one']);
    await expect(bus.publish('a', 'x'.repeat(8_000))).rejects.toThrow(RangeError);
    await bus.close();
  });
});

describe('PostgreSQL LISTEN/NOTIFY bus', () => {
  const stores: Store[] = [];
  const buses: PostgresBus[] = [];
  afterEach(async () => {
    for (const bus of buses.splice(0)) await bus.close();
    for (const store of stores.splice(0)) await store.close();
  });
  const open = async (namespace: string) => {
    const store = await openStore({ databaseUrl: PG_URL });
    stores.push(store);
    const bus = await PostgresBus.start({ pool: store.pool!, namespace, reconnectMs: { min: 20, max: 200 } });
    buses.push(bus);
    return bus;
  };

  it('carries a message from one instance to another, and not into another namespace', async () => {
    const ns = `bus_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const a = await open(ns);
    const b = await open(ns);
    const other = await open(`${ns}_other`);
    const leaked: string[] = [];
    other.subscribe('conversation:1', (p) => leaked.push(p));
    const onB = next(b, 'conversation:1');
    const onA = next(a, 'conversation:1');
    await a.publish('conversation:1', '{"k":"event"}');
    expect(await onB).toBe('{"k":"event"}');
    expect(await onA).toBe('{"k":"event"}');
    // A later message on the other namespace's own channel arrives, so the earlier one would have too.
    const own = next(other, 'conversation:1');
    await other.publish('conversation:1', 'mine');
    expect(await own).toBe('mine');
    expect(leaked).toEqual(['mine']);
  });

  it('reconnects after its connection drops, tells subscribers to resync, and receives again', async () => {
    const ns = `bus_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const listener = await open(ns);
    const sender = await open(ns);
    const resynced = new Promise<void>((resolve) => listener.onResync(resolve));
    await listener.dropConnectionForTest();
    expect(listener.connected).toBe(false);
    await resynced;
    expect(listener.connected).toBe(true);
    const received = next(listener, 'c');
    await sender.publish('c', 'after reconnect');
    expect(await received).toBe('after reconnect');
  });
});
