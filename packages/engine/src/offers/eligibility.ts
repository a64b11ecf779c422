import type { CriterionResult, EligibilityCriterion, Offer, Signals, SignalValue } from '@finlet/contracts';

/**
 * The trusted signal a criterion reads, or null when it is absent. Only own keys count, so a key
 * such as `constructor` never picks up something from `Object.prototype`.
 */
function readSignal(signals: Signals, key: string): SignalValue | null {
  if (!Object.hasOwn(signals, key)) return null;
  const value = signals[key];
  return value === undefined ? null : value;
}

/** A number that can be compared; NaN and infinities only reach here if a caller skipped the schema. */
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Equality without coercion: `'12'` never equals `12`, `true` never equals `1`. */
function sameValue(a: SignalValue, b: unknown): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') return isNumber(a) && a === b;
  return a === b;
}

/** A scalar comparison is only meaningful between values of one kind; anything else is a mismatch. */
function comparable(observed: SignalValue, expected: unknown): boolean {
  if (typeof observed === 'number' && !isNumber(observed)) return false;
  return (
    typeof observed === typeof expected &&
    (typeof expected === 'number' || typeof expected === 'string' || typeof expected === 'boolean')
  );
}

/** A list comparison needs a string or number signal and at least one list entry of the same kind. */
function listComparable(observed: SignalValue, expected: unknown): expected is readonly (string | number)[] {
  if (!Array.isArray(expected)) return false;
  if (typeof observed === 'number' ? !isNumber(observed) : typeof observed !== 'string') return false;
  return expected.some((item) => typeof item === typeof observed);
}

function isMet(criterion: EligibilityCriterion, observed: SignalValue | null): boolean {
  // Conservative by design: a missing signal never qualifies anyone, not even for `neq`/`not_in`.
  if (observed === null) return false;
  const expected = criterion.value;
  switch (criterion.op) {
    case 'exists':
      return true;
    case 'eq':
      return comparable(observed, expected) && sameValue(observed, expected);
    case 'neq':
      return comparable(observed, expected) && !sameValue(observed, expected);
    case 'gt':
      return isNumber(observed) && isNumber(expected) && observed > expected;
    case 'gte':
      return isNumber(observed) && isNumber(expected) && observed >= expected;
    case 'lt':
      return isNumber(observed) && isNumber(expected) && observed < expected;
    case 'lte':
      return isNumber(observed) && isNumber(expected) && observed <= expected;
    case 'in':
      return listComparable(observed, expected) && expected.some((item) => sameValue(observed, item));
    case 'not_in':
      return listComparable(observed, expected) && !expected.some((item) => sameValue(observed, item));
    default:
      // Reached only by a criterion that bypassed the schema; an unknown rule is never met.
      return false;
  }
}

/**
 * Evaluates one eligibility rule against the session's trusted signals. Never throws: a missing
 * signal or a value of the wrong kind (a numeric string for a numeric rule included; nothing is
 * coerced) makes the criterion unmet, and `observed` reports what was actually seen.
 *
 * @example
 * evaluateCriterion({ id: 'age', signal: 'business.age_months', op: 'gte', value: 6, label }, { 'business.age_months': 9 })
 * // { id: 'age', signal: 'business.age_months', op: 'gte', expected: 6, observed: 9, met: true, label }
 */
export function evaluateCriterion(criterion: EligibilityCriterion, signals: Signals): CriterionResult {
  const observed = readSignal(signals, criterion.signal);
  return {
    id: criterion.id,
    signal: criterion.signal,
    op: criterion.op,
    expected: criterion.value ?? null,
    observed,
    met: isMet(criterion, observed),
    label: criterion.label,
  };
}

export interface EligibilityResult {
  /** True when every criterion is met (an offer without criteria is open to everyone). */
  readonly eligible: boolean;
  /** One result per criterion, in the offer's order. */
  readonly criteria: CriterionResult[];
}

/** Evaluates every criterion of an offer; each one is reported, met or not, so the decision can be explained. */
export function evaluateEligibility(offer: Pick<Offer, 'eligibility'>, signals: Signals): EligibilityResult {
  const criteria = offer.eligibility.map((criterion) => evaluateCriterion(criterion, signals));
  return { eligible: criteria.every((c) => c.met), criteria };
}
