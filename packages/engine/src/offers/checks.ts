import {
  type CheckKind,
  type CheckResult,
  formatMinor,
  type InvestorRiskLevel,
  type Money,
  type Offer,
  type ProductType,
  type Scenario,
} from '@finlet/contracts';
import { checkRiskLevel, type OverrideContext } from './suitability.js';

/**
 * Checks that decide whether an offer is *for* this session at all. An offer failing one of them is
 * never shown, not even as "ineligible": it belongs to another scenario, partner, period or product.
 */
export const VISIBILITY_CHECKS: readonly CheckKind[] = ['scenario', 'partner', 'effective', 'product_type'];

/** Checks over the user's wish (amount, currency, term): failing them makes an offer ineligible, not hidden. */
export const LIMIT_CHECKS: readonly CheckKind[] = ['currency', 'amount', 'term'];

/** How `expected` reads for a product without an amount range (an account, a card). */
export const NO_AMOUNT_RANGE = 'no amount range';

const list = (items: readonly string[]) => items.join(', ');

/** `50000.00–3000000.00 CNY`: how limits read in explanations and problem details. */
export function formatAmountRange(range: { min: Money; max: Money }): string {
  return `${formatMinor(range.min)}–${formatMinor(range.max)} ${range.max.currency}`;
}

const formatAmount = (amount: Money) => `${formatMinor(amount)} ${amount.currency}`;

/**
 * What a check needs of an offer that never changes between requests: parsed times and the
 * `expected` texts. Derived once per offer object (offers are immutable values), so matching a
 * catalogue does no date parsing or number formatting per offer per request.
 */
interface Derived {
  start?: number;
  end?: number;
  effectiveExpected?: string;
  scenariosExpected?: string;
  partnersExpected?: string;
  amountExpected?: string;
  termExpected?: string;
}
const derivedByOffer = new WeakMap<object, Derived>();
function derivedValue<K extends keyof Derived>(
  owner: object,
  key: K,
  compute: () => NonNullable<Derived[K]>,
): NonNullable<Derived[K]> {
  let d = derivedByOffer.get(owner);
  if (!d) {
    d = {};
    derivedByOffer.set(owner, d);
  }
  const known = d[key];
  if (known !== undefined) return known as NonNullable<Derived[K]>;
  const value = compute();
  d[key] = value;
  return value;
}

/** The effective window as epoch milliseconds, parsed once per offer. */
function windowOf(effective: Offer['effective']): { start: number; end: number } {
  return {
    start: derivedValue(effective, 'start', () => Date.parse(effective.from)),
    end: derivedValue(effective, 'end', () =>
      effective.until === undefined ? Number.POSITIVE_INFINITY : Date.parse(effective.until),
    ),
  };
}

/** Per-request texts (`observed`), computed once per context object rather than once per offer. */
interface Observed {
  now?: string;
  amount?: string | null;
  term?: string | null;
  productTypes?: string | null;
}
const observedByContext = new WeakMap<object, Observed>();

export function checkScenario(offer: Pick<Offer, 'scenarios'>, scenario: Scenario): CheckResult {
  return {
    check: 'scenario',
    met: offer.scenarios.includes(scenario),
    expected: derivedValue(offer, 'scenariosExpected', () => list(offer.scenarios)),
    observed: scenario,
  };
}

/** An offer without a partner list is offered through every partner. */
export function checkPartner(offer: Pick<Offer, 'partners'>, partnerId: string): CheckResult {
  return {
    check: 'partner',
    met: offer.partners === undefined || offer.partners.includes(partnerId),
    expected: derivedValue(offer, 'partnersExpected', () =>
      offer.partners === undefined ? 'any partner' : list(offer.partners),
    ),
    observed: partnerId,
  };
}

/** The effective window is half-open, [from, until): at `until` the offer has already ended. */
export function checkEffective(offer: Pick<Offer, 'effective'>, now: Date, nowText?: string): CheckResult {
  const { from, until } = offer.effective;
  const at = now.getTime();
  const { start, end } = windowOf(offer.effective);
  return {
    check: 'effective',
    // A timestamp that does not parse compares false both ways, so a broken window is never open.
    met: start <= at && at < end,
    expected: derivedValue(offer.effective, 'effectiveExpected', () =>
      until === undefined ? `from ${from}` : `from ${from} until ${until}`,
    ),
    observed: nowText ?? now.toISOString(),
  };
}

/** The request's product filter; no filter admits every product type. */
export function checkProductType(
  offer: Pick<Offer, 'productType'>,
  productTypes: readonly ProductType[] | undefined,
  observedText?: string | null,
): CheckResult {
  return {
    check: 'product_type',
    met: productTypes === undefined || productTypes.includes(offer.productType),
    expected: offer.productType,
    observed:
      observedText !== undefined ? observedText : productTypes === undefined ? null : list(productTypes),
  };
}

/** Amounts are never converted: a wish in another currency is a mismatch. No amount, nothing to mismatch. */
export function checkCurrency(offer: Pick<Offer, 'currency'>, amount: Money | undefined): CheckResult {
  return {
    check: 'currency',
    met: amount === undefined || amount.currency === offer.currency,
    expected: offer.currency,
    observed: amount === undefined ? null : amount.currency,
  };
}

/**
 * Whether an amount lies within the offer's limits, bounds included. An amount in another currency
 * is outside them too: limits in CNY say nothing about an amount in USD.
 */
export function amountWithin(range: { min: Money; max: Money }, amount: Money): boolean {
  return (
    amount.currency === range.min.currency &&
    amount.currency === range.max.currency &&
    range.min.value <= amount.value &&
    amount.value <= range.max.value
  );
}

/** A product without an amount range (an account, a card) takes any wished amount: there is no range to fall outside. */
export function checkAmount(
  offer: Pick<Offer, 'amount'>,
  amount: Money | undefined,
  observedText?: string | null,
): CheckResult {
  const range = offer.amount;
  return {
    check: 'amount',
    met: amount === undefined || range === undefined || amountWithin(range, amount),
    expected:
      range === undefined
        ? NO_AMOUNT_RANGE
        : derivedValue(range, 'amountExpected', () => formatAmountRange(range)),
    observed: observedText !== undefined ? observedText : amount === undefined ? null : formatAmount(amount),
  };
}

/** An offer without a term (an account, a card) takes any wished term: there is no term to fall outside. */
export function checkTerm(
  offer: Pick<Offer, 'termMonths'>,
  termMonths: number | undefined,
  observedText?: string | null,
): CheckResult {
  const range = offer.termMonths;
  return {
    check: 'term',
    met:
      termMonths === undefined ||
      range === undefined ||
      (Number.isInteger(termMonths) && range.min <= termMonths && termMonths <= range.max),
    expected: derivedValue(offer, 'termExpected', () =>
      range === undefined ? 'no fixed term' : `${range.min}–${range.max} months`,
    ),
    observed:
      observedText !== undefined ? observedText : termMonths === undefined ? null : `${termMonths} months`,
  };
}

export interface CheckContext {
  readonly scenario: Scenario;
  readonly partnerId: string;
  readonly now: Date;
  readonly amount?: Money | undefined;
  readonly termMonths?: number | undefined;
  readonly productTypes?: readonly ProductType[] | undefined;
  /** The investor's assessed level; rated products need one at or above their own. */
  readonly investorLevel?: InvestorRiskLevel | undefined;
  /** The bank's override policy and the user's recorded acknowledgements (absent: no override). */
  readonly override?: OverrideContext | undefined;
}

/**
 * Every non-criterion check of one offer, visibility checks first, in a fixed order; a product
 * with a risk level gets a `risk_level` check last.
 */
export function evaluateChecks(offer: Offer, context: CheckContext): CheckResult[] {
  let o = observedByContext.get(context);
  if (!o) {
    o = {
      now: context.now.toISOString(),
      amount: context.amount === undefined ? null : formatAmount(context.amount),
      term: context.termMonths === undefined ? null : `${context.termMonths} months`,
      productTypes: context.productTypes === undefined ? null : list(context.productTypes),
    };
    observedByContext.set(context, o);
  }
  const checks = [
    checkScenario(offer, context.scenario),
    checkPartner(offer, context.partnerId),
    checkEffective(offer, context.now, o.now),
    checkProductType(offer, context.productTypes, o.productTypes),
    checkCurrency(offer, context.amount),
    checkAmount(offer, context.amount, o.amount),
    checkTerm(offer, context.termMonths, o.term),
  ];
  const risk = checkRiskLevel(offer, context.investorLevel, context.override);
  if (risk !== undefined) checks.push(risk);
  return checks;
}

/** Whether the offer is for this session at all, decided without building any explanation. */
export function isVisibleFor(offer: Offer, context: CheckContext): boolean {
  const at = context.now.getTime();
  const { start, end } = windowOf(offer.effective);
  return (
    offer.scenarios.includes(context.scenario) &&
    (offer.partners === undefined || offer.partners.includes(context.partnerId)) &&
    start <= at &&
    at < end &&
    (context.productTypes === undefined || context.productTypes.includes(offer.productType))
  );
}

type LimitFields = Pick<Offer, 'currency' | 'amount' | 'termMonths'>;

function limitChecks(
  offer: LimitFields,
  amount: Money | undefined,
  termMonths: number | undefined,
): CheckResult[] {
  return [checkCurrency(offer, amount), checkAmount(offer, amount), checkTerm(offer, termMonths)];
}

/** True when the offer is meant for this session (see {@link VISIBILITY_CHECKS}). */
export function isVisible(checks: readonly CheckResult[]): boolean {
  return checks.every((c) => c.met || !VISIBILITY_CHECKS.includes(c.check));
}

export type ApplicationAmountDecision =
  | { readonly ok: true; readonly checks: CheckResult[] }
  | {
      readonly ok: false;
      readonly code: 'amount_out_of_range';
      /** One line per failed check, e.g. `amount: needs 1000.00–200000.00 CNY, got 5.00 CNY`. */
      readonly reason: string;
      readonly checks: CheckResult[];
    };

/**
 * Decides whether an application's amount (and term, when given) fits the offer, with the same
 * checks `matchOffers` explains to the user, so the widget and the gateway can never disagree.
 *
 * @example
 * const decision = checkApplicationAmount(offer, { value: 500, currency: 'CNY' }, 12);
 * if (!decision.ok) throw new HttpProblem(decision.code, { detail: decision.reason });
 */
export function checkApplicationAmount(
  offer: LimitFields,
  amount: Money,
  termMonths?: number | undefined,
): ApplicationAmountDecision {
  const checks = limitChecks(offer, amount, termMonths);
  const failed = checks.filter((c) => !c.met);
  if (failed.length === 0) return { ok: true, checks };
  return {
    ok: false,
    code: 'amount_out_of_range',
    reason: failed.map((c) => `${c.check}: needs ${c.expected}, got ${c.observed ?? 'nothing'}`).join('; '),
    checks,
  };
}
