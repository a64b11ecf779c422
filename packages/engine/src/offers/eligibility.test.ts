import { EligibilityCriterion, type SignalValue } from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { criterion, label, makeOffer } from '../test/offers.js';
import { evaluateCriterion, evaluateEligibility } from './eligibility.js';

const met = (c: EligibilityCriterion, observed: SignalValue | undefined) =>
  evaluateCriterion(c, observed === undefined ? {} : { [c.signal]: observed }).met;

describe('evaluateCriterion', () => {
  it('reports what was expected and observed, with the label', () => {
    const c = criterion({ id: 'age', signal: 'business.age_months', op: 'gte', value: 6 });
    expect(evaluateCriterion(c, { 'business.age_months': 9 })).toEqual({
      id: 'age',
      signal: 'business.age_months',
      op: 'gte',
      expected: 6,
      observed: 9,
      met: true,
      label,
    });
  });

  it('reports a missing signal as observed null and unmet, for every operator', () => {
    const cases: EligibilityCriterion[] = [
      criterion({ signal: 'a.b', op: 'eq', value: 'x' }),
      criterion({ signal: 'a.b', op: 'neq', value: 'x' }),
      criterion({ signal: 'a.b', op: 'gt', value: 1 }),
      criterion({ signal: 'a.b', op: 'gte', value: 1 }),
      criterion({ signal: 'a.b', op: 'lt', value: 1 }),
      criterion({ signal: 'a.b', op: 'lte', value: 1 }),
      criterion({ signal: 'a.b', op: 'in', value: ['x'] }),
      criterion({ signal: 'a.b', op: 'not_in', value: ['x'] }),
      criterion({ signal: 'a.b', op: 'exists' }),
    ];
    for (const c of cases) {
      const result = evaluateCriterion(c, { 'other.key': 'x' });
      expect(result, c.op).toMatchObject({ observed: null, met: false });
    }
  });

  it('reports `exists` with expected null and meets it for any present value, false included', () => {
    const c = criterion({ signal: 'user.verified', op: 'exists' });
    expect(evaluateCriterion(c, { 'user.verified': false })).toMatchObject({ expected: null, met: true });
    expect(met(c, 0)).toBe(true);
    expect(met(c, '')).toBe(true);
  });

  it('compares numbers for gt, gte, lt and lte, bounds included only where the operator says', () => {
    const at = (op: 'gt' | 'gte' | 'lt' | 'lte', observed: number) =>
      met(criterion({ signal: 'n.v', op, value: 6 }), observed);
    expect([at('gt', 6), at('gt', 7), at('gte', 6), at('gte', 5)]).toEqual([false, true, true, false]);
    expect([at('lt', 6), at('lt', 5), at('lte', 6), at('lte', 7)]).toEqual([false, true, true, false]);
  });

  it('never coerces: a numeric string, a boolean or a number of another kind is unmet', () => {
    expect(met(criterion({ signal: 'n.v', op: 'gte', value: 6 }), '12')).toBe(false);
    expect(met(criterion({ signal: 'n.v', op: 'gte', value: 0 }), true)).toBe(false);
    expect(met(criterion({ signal: 'n.v', op: 'eq', value: 12 }), '12')).toBe(false);
    expect(met(criterion({ signal: 'n.v', op: 'eq', value: '12' }), 12)).toBe(false);
    expect(met(criterion({ signal: 'n.v', op: 'eq', value: true }), 1)).toBe(false);
    expect(met(criterion({ signal: 'n.v', op: 'in', value: [12, 13] }), '12')).toBe(false);
  });

  it('treats a type mismatch under neq and not_in as unmet, not as "different"', () => {
    expect(met(criterion({ signal: 'n.v', op: 'neq', value: 'CN' }), 5)).toBe(false);
    expect(met(criterion({ signal: 'n.v', op: 'neq', value: 'CN' }), 'HK')).toBe(true);
    expect(met(criterion({ signal: 'n.v', op: 'neq', value: 'CN' }), 'CN')).toBe(false);
    expect(met(criterion({ signal: 'n.v', op: 'not_in', value: ['CN', 'HK'] }), 5)).toBe(false);
    expect(met(criterion({ signal: 'n.v', op: 'not_in', value: ['CN', 'HK'] }), true)).toBe(false);
    expect(met(criterion({ signal: 'n.v', op: 'not_in', value: ['CN', 'HK'] }), 'SG')).toBe(true);
    expect(met(criterion({ signal: 'n.v', op: 'not_in', value: ['CN', 'HK'] }), 'HK')).toBe(false);
  });

  it('matches eq and in on strings, numbers and booleans exactly', () => {
    expect(met(criterion({ signal: 'n.v', op: 'eq', value: true }), true)).toBe(true);
    expect(met(criterion({ signal: 'n.v', op: 'eq', value: 'cn' }), 'CN')).toBe(false);
    expect(met(criterion({ signal: 'n.v', op: 'in', value: ['a', 2] }), 2)).toBe(true);
    expect(met(criterion({ signal: 'n.v', op: 'in', value: ['a', 2] }), 'a')).toBe(true);
    expect(met(criterion({ signal: 'n.v', op: 'in', value: ['a', 2] }), 'b')).toBe(false);
    expect(met(criterion({ signal: 'n.v', op: 'in', value: ['true'] }), true)).toBe(false);
  });

  it('reads only own signal keys, never the object prototype', () => {
    const c = criterion({ signal: 'constructor', op: 'exists' });
    expect(evaluateCriterion(c, {})).toMatchObject({ observed: null, met: false });
  });

  it('never throws on a criterion that skipped the schema (wrong value kind or operator)', () => {
    const broken = [
      { ...criterion({ signal: 'n.v', op: 'gte' }), value: 'six' },
      { ...criterion({ signal: 'n.v', op: 'in' }), value: 'a' },
      { ...criterion({ signal: 'n.v', op: 'eq' }), value: ['a'] },
      { ...criterion({ signal: 'n.v', op: 'eq' }) },
      { ...criterion({ signal: 'n.v', op: 'like' as 'eq' }), value: 'a' },
      { ...criterion({ signal: 'n.v', op: 'gt' }), value: 1, op: 'gt' as const },
    ];
    for (const c of broken) {
      expect(() => evaluateCriterion(c, { 'n.v': Number.NaN })).not.toThrow();
      expect(evaluateCriterion(c, { 'n.v': Number.NaN }).met).toBe(false);
    }
    expect(evaluateCriterion(broken[0]!, { 'n.v': 7 }).met).toBe(false);
    expect(evaluateCriterion(broken[4]!, { 'n.v': 'a' }).met).toBe(false);
  });

  it('is monotone for gte: if a value meets a threshold, every larger value does too', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (threshold, x, delta) => {
          const c = criterion({ signal: 'n.v', op: 'gte', value: threshold });
          if (met(c, x)) expect(met(c, x + delta)).toBe(true);
          expect(met(c, x)).toBe(x >= threshold);
        },
      ),
    );
  });

  it('is monotone in the threshold for gte: a lower bar keeps every user who met a higher one', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), fc.nat(), (x, threshold, drop) => {
        const higher = criterion({ signal: 'n.v', op: 'gte', value: threshold });
        const lower = criterion({ signal: 'n.v', op: 'gte', value: threshold - drop });
        if (met(higher, x)) expect(met(lower, x)).toBe(true);
      }),
    );
  });

  it('never throws and never meets a criterion whose signal is missing, for any valid criterion', () => {
    const arbCriterion = fc.oneof(
      fc.record({
        op: fc.constantFrom('eq' as const, 'neq' as const),
        value: fc.oneof(fc.string(), fc.integer(), fc.boolean()),
      }),
      fc.record({
        op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const),
        value: fc.integer(),
      }),
      fc.record({
        op: fc.constantFrom('in' as const, 'not_in' as const),
        value: fc.array(fc.oneof(fc.string(), fc.integer()), { minLength: 1, maxLength: 5 }),
      }),
      fc.constant({ op: 'exists' as const }),
    );
    fc.assert(
      fc.property(
        arbCriterion,
        fc.option(fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()), {
          nil: undefined,
        }),
        (fields, observed) => {
          const c = EligibilityCriterion.parse({ id: 'rule', signal: 'n.v', label, ...fields });
          const result = evaluateCriterion(c, observed === undefined ? {} : { 'n.v': observed });
          if (observed === undefined) expect(result).toMatchObject({ met: false, observed: null });
          else expect(result.observed).toBe(observed);
        },
      ),
    );
  });
});

describe('evaluateEligibility', () => {
  it('is eligible only when every criterion is met, and reports each one in order', () => {
    const offer = makeOffer({
      eligibility: [
        criterion({ id: 'age', signal: 'business.age_months', op: 'gte', value: 6 }),
        criterion({ id: 'region', signal: 'business.region', op: 'in', value: ['sh', 'js'] }),
      ],
    });
    const both = evaluateEligibility(offer, { 'business.age_months': 12, 'business.region': 'sh' });
    expect(both.eligible).toBe(true);
    expect(both.criteria.map((c) => [c.id, c.met])).toEqual([
      ['age', true],
      ['region', true],
    ]);
    const one = evaluateEligibility(offer, { 'business.age_months': 12 });
    expect(one.eligible).toBe(false);
    expect(one.criteria.map((c) => [c.id, c.met, c.observed])).toEqual([
      ['age', true, 12],
      ['region', false, null],
    ]);
  });

  it('makes an offer without criteria open to everyone', () => {
    expect(evaluateEligibility(makeOffer({ eligibility: [] }), {})).toEqual({ eligible: true, criteria: [] });
  });
});
