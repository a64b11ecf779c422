import { describe, expect, it } from 'vitest';
import { diffJson, jsonPath } from './diff.js';

describe('diffJson', () => {
  it('names each added, removed and changed leaf by its JSON path, in document order', () => {
    expect(
      diffJson(
        { a: 1, b: [1, 2], texts: { 'zh-CN': 'x' }, gone: { deep: true } },
        { a: 2, b: [1], texts: { 'zh-CN': 'x' }, c: ['n'] },
      ),
    ).toEqual([
      { kind: 'changed', path: 'a', before: 1, after: 2 },
      { kind: 'unchanged', path: 'b[0]', leaves: 1, value: 1 },
      { kind: 'removed', path: 'b[1]', before: 2 },
      { kind: 'unchanged', path: 'texts', leaves: 1, value: { 'zh-CN': 'x' } },
      { kind: 'removed', path: 'gone.deep', before: true },
      { kind: 'added', path: 'c[0]', after: 'n' },
    ]);
  });

  it('treats a missing side as all additions or all removals, and equal values as unchanged', () => {
    expect(diffJson(null, { id: 'x', n: [] })).toEqual([
      { kind: 'added', path: 'id', after: 'x' },
      { kind: 'added', path: 'n', after: [] },
    ]);
    expect(diffJson({ id: 'x' }, null)).toEqual([{ kind: 'removed', path: 'id', before: 'x' }]);
    expect(diffJson(null, null)).toEqual([]);
    expect(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([
      { kind: 'unchanged', path: '$', leaves: 2, value: { a: [1, { b: 2 }] } },
    ]);
    expect(diffJson({ a: { b: 1 } }, { a: 'now a string' })).toEqual([
      { kind: 'changed', path: 'a', before: { b: 1 }, after: 'now a string' },
    ]);
  });

  it('treats equal empty arrays and objects as unchanged, at any depth', () => {
    const rolledBack = { pricing: { fees: [], rate: 1 }, meta: {} };
    expect(diffJson(rolledBack, structuredClone(rolledBack))).toEqual([
      { kind: 'unchanged', path: '$', leaves: 3, value: rolledBack },
    ]);
    expect(diffJson({ fees: [], x: 1 }, { fees: [], x: 2 })).toEqual([
      { kind: 'unchanged', path: 'fees', leaves: 1, value: [] },
      { kind: 'changed', path: 'x', before: 1, after: 2 },
    ]);
    expect(diffJson({ fees: [] }, { fees: {} })).toEqual([
      { kind: 'changed', path: 'fees', before: [], after: {} },
    ]);
  });

  it('quotes keys that are not identifiers', () => {
    expect(jsonPath(['texts', 'zh-CN', 'name'])).toBe('texts["zh-CN"].name');
    expect(jsonPath(['eligibility', 0, 'value'])).toBe('eligibility[0].value');
    expect(jsonPath([])).toBe('$');
  });
});
