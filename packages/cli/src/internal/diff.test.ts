import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  diffAgainstStored,
  diffValues,
  formatChanges,
  shortValue,
  summaryLine,
  topLevelFields,
} from './diff.js';

describe('diffValues', () => {
  it('names each changed leaf as a JSON path with its old and new value', () => {
    const before = {
      pricing: { apr: { min: 360, max: 1800 } },
      texts: { 'zh-CN': { name: '个人消费贷' }, en: { name: 'Personal loan' } },
      fees: [{ id: 'a', rateBps: 50 }],
      priority: 50,
    };
    const after = {
      priority: 50,
      fees: [{ id: 'a', rateBps: 60 }, { id: 'b' }],
      texts: { en: { name: 'Personal loan' }, 'zh-CN': { name: '消费贷' } },
      pricing: { apr: { max: 1800, min: 388 } },
      partners: ['ptn_1'],
    };
    expect(diffValues(before, after)).toEqual([
      { path: 'fees[0].rateBps', before: 50, after: 60 },
      { path: 'fees[1]', after: { id: 'b' } },
      { path: 'partners', after: ['ptn_1'] },
      { path: 'pricing.apr.min', before: 360, after: 388 },
      { path: "texts['zh-CN'].name", before: '个人消费贷', after: '消费贷' },
    ]);
    expect(topLevelFields(diffValues(before, after))).toEqual(['fees', 'partners', 'pricing', 'texts']);
  });

  it('matches lists of objects by id: an insertion is one change, a new order is a change', () => {
    const legs = [
      { id: 'a', fee: 1 },
      { id: 'b', fee: 2 },
      { id: 'c', fee: 3 },
    ];
    const inserted = [legs[0], { id: 'x', fee: 9 }, legs[1], { ...legs[2], fee: 4 }];
    expect(diffValues({ legs }, { legs: inserted })).toEqual([
      { path: 'legs[1]', after: { id: 'x', fee: 9 } },
      { path: 'legs[3].fee', before: 3, after: 4 },
    ]);
    expect(diffValues({ legs }, { legs: [legs[0], legs[2]] })).toEqual([
      { path: 'legs[1]', before: legs[1] },
    ]);
    expect(diffValues({ legs }, { legs: [legs[1], legs[0], legs[2]] })).toEqual([
      { path: 'legs[*].id', before: ['a', 'b', 'c'], after: ['b', 'a', 'c'] },
    ]);
  });

  it('finds nothing between equal values, whatever the key order, and something otherwise', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const reordered = JSON.parse(
          JSON.stringify(a, (_k, v: unknown) =>
            v && typeof v === 'object' && !Array.isArray(v)
              ? Object.fromEntries(Object.entries(v).reverse())
              : v,
          ),
        ) as unknown;
        expect(diffValues(a, reordered)).toEqual([]);
        const normalise = (v: unknown) =>
          JSON.stringify(v, (_k, x: unknown) =>
            x && typeof x === 'object' && !Array.isArray(x)
              ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
              : x,
          );
        if (normalise(a) !== normalise(b)) expect(diffValues(a, b).length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('diffAgainstStored', () => {
  const v = (version: number, status: string, apr: number) => ({ version, status, apr });
  const pick = (s: { apr: number }) => ({ apr: s.apr });

  it('compares with the published version when there is one, else the latest', () => {
    expect(diffAgainstStored({ apr: 1 }, [], pick)).toEqual({ change: 'new', against: null, changes: [] });
    expect(diffAgainstStored({ apr: 2 }, [v(3, 'draft', 2), v(2, 'published', 1)], pick)).toEqual({
      change: 'changed',
      against: { version: 2, status: 'published' },
      changes: [{ path: 'apr', before: 1, after: 2 }],
    });
    expect(diffAgainstStored({ apr: 2 }, [v(1, 'in_review', 2)], pick)).toMatchObject({
      change: 'unchanged',
      against: { version: 1, status: 'in_review' },
    });
  });
});

describe('formatting', () => {
  it('keeps values short and lists at most `limit` changes', () => {
    expect(shortValue(undefined)).toBe('(none)');
    expect(shortValue('x'.repeat(100))).toHaveLength(60);
    const changes = Array.from({ length: 3 }, (_, i) => ({ path: `a[${i}]`, before: i, after: i + 1 }));
    expect(formatChanges(changes, 2)).toEqual([
      '    a[0]: 0 → 1',
      '    a[1]: 1 → 2',
      '    … and 1 more (see --json)',
    ]);
  });

  it('says what the object is compared with when it is not the latest version', () => {
    const line = summaryLine({
      id: 'consumer-loan',
      diff: {
        change: 'changed',
        against: { version: 1, status: 'published' },
        changes: [{ path: 'tags[0]' }],
      },
      latest: { version: 2, status: 'draft' },
      what: 'would submit for review',
    });
    expect(line).toBe(
      'changed   consumer-loan (tags) [latest v2 draft; compared with v1 published]: would submit for review',
    );
  });
});
