import { describe, expect, it } from 'vitest';
import { MatchMemo } from './match-memo.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('MatchMemo', () => {
  const catalogue = [{ id: 'a' }];
  const t0 = new Date('2026-11-28T12:00:00.100Z');

  it('answers the same question within the same second and catalogue', () => {
    const memo = new MatchMemo();
    memo.set(t0, catalogue, 'k', bytes('{"matches":[]}'));
    expect(memo.get(new Date(t0.getTime() + 800), catalogue, 'k')).toEqual(bytes('{"matches":[]}'));
    expect(memo.get(t0, catalogue, 'other')).toBeUndefined();
  });

  it('forgets everything when the second or the catalogue changes', () => {
    const memo = new MatchMemo();
    memo.set(t0, catalogue, 'k', bytes('x'));
    expect(memo.get(new Date(t0.getTime() + 1_000), catalogue, 'k')).toBeUndefined();
    memo.set(t0, catalogue, 'k', bytes('x'));
    expect(memo.get(t0, [...catalogue], 'k')).toBeUndefined();
  });

  it('stays bounded', () => {
    const memo = new MatchMemo(2);
    memo.set(t0, catalogue, 'a', bytes('1'));
    memo.set(t0, catalogue, 'b', bytes('2'));
    memo.set(t0, catalogue, 'c', bytes('3'));
    expect(memo.get(t0, catalogue, 'a')).toBeUndefined();
    expect(memo.get(t0, catalogue, 'c')).toEqual(bytes('3'));
  });
});
