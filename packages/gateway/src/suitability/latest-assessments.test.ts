import type { RiskAssessment } from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { LatestAssessments } from './latest-assessments.js';

const assessment = (id: string) => ({ id, level: 'C2' }) as unknown as RiskAssessment;

function counting(initial: RiskAssessment | undefined) {
  const state = { value: initial, reads: 0, gate: undefined as Promise<void> | undefined };
  return {
    state,
    store: {
      async latest() {
        state.reads++;
        const value = state.value;
        await state.gate;
        return value;
      },
    },
  };
}

describe('LatestAssessments', () => {
  it('reads a user once within the lifetime, again after it, and keeps "none" too', async () => {
    let now = 0;
    const { state, store } = counting(undefined);
    const cache = new LatestAssessments(
      store,
      () => 1_000,
      10,
      () => now,
    );
    expect(await cache.latest('p', 'u')).toBeUndefined();
    expect(await cache.latest('p', 'u')).toBeUndefined();
    expect(state.reads).toBe(1);
    await cache.latest('p', 'other');
    expect(state.reads).toBe(2);
    now = 1_000;
    state.value = assessment('ra_1');
    expect(await cache.latest('p', 'u')).toEqual(assessment('ra_1'));
    expect(state.reads).toBe(3);
  });

  it('drops every copy on invalidate, and never stores what a read begun before it found', async () => {
    const { state, store } = counting(undefined);
    const cache = new LatestAssessments(store, () => 60_000);
    await cache.latest('p', 'u');
    state.value = assessment('ra_1');
    cache.invalidate();
    expect(await cache.latest('p', 'u')).toEqual(assessment('ra_1'));

    // A read in flight while the user's new assessment is recorded.
    let release = () => {};
    state.gate = new Promise((resolve) => {
      release = resolve;
    });
    cache.invalidate();
    const stale = cache.latest('p', 'u');
    state.value = assessment('ra_2');
    cache.invalidate();
    release();
    expect(await stale).toEqual(assessment('ra_1'));
    state.gate = undefined;
    expect(await cache.latest('p', 'u')).toEqual(assessment('ra_2'));
  });
});
