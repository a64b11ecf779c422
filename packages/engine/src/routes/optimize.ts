import {
  CURRENCY_MINOR_UNITS,
  type CurrencyCode,
  type Money,
  type PartyType,
  type RouteOption,
  type RouteQuoteRequest,
  type RouteUrgency,
  type TransferPurpose,
} from '@finlet/contracts';
import {
  backward,
  formatMoney,
  forward,
  type LegAmounts,
  type LegRefusal,
  type LegTerms,
  legTerms,
  minorRate,
  mulHalfUp,
} from './arithmetic.js';
import { acceptance } from './calendar.js';
import { explainOption, type RouteCandidate } from './explain.js';
import { FxBook, type FxInput } from './fx.js';
import {
  buildRouteNetwork,
  distancesTo,
  type NetworkLeg,
  nodeKey,
  type RailTableInput,
  type RouteNetwork,
} from './network.js';
import { type Rational, toDecimalString } from './rational.js';

export const MAX_ROUTE_LEGS = 3;
const MINUTE = 60_000;

export interface QuoteRoutesInput {
  /** A network built once with `buildRouteNetwork`, or the published tables. */
  readonly network: RouteNetwork | readonly RailTableInput[];
  readonly fx: FxBook | FxInput;
  readonly request: RouteQuoteRequest;
  /** The moment of the quote: arrival times count from it, FX age is measured at it. */
  readonly now: Date;
  /** Longest path, in legs (default 3). */
  readonly maxLegs?: number;
}

export interface AmountLimitFailure {
  readonly path: string;
  readonly legId: string;
  readonly bound: 'min' | 'max' | 'fees';
  readonly limit: Money;
  readonly amount: Money;
}

/** Why no route could be quoted; `message` says which constraint failed, in English. */
export type RouteFailure =
  | {
      readonly reason: 'fx_stale';
      readonly message: string;
      readonly asOf: string;
      readonly maxAgeSeconds: number;
      readonly ageSeconds: number;
    }
  | { readonly reason: 'corridor'; readonly message: string; readonly missingRates: readonly string[] }
  | {
      readonly reason: 'purpose';
      readonly message: string;
      readonly purpose: TransferPurpose;
      readonly allowed: readonly TransferPurpose[];
    }
  | {
      readonly reason: 'party';
      readonly message: string;
      readonly payerType: PartyType;
      readonly payeeType: PartyType;
    }
  | { readonly reason: 'amount'; readonly message: string; readonly failures: readonly AmountLimitFailure[] };

export type QuoteRoutesResult =
  | {
      readonly ok: true;
      readonly options: RouteOption[];
      readonly fx: { readonly id: string; readonly version: number; readonly asOf: string };
    }
  | { readonly ok: false; readonly failure: RouteFailure };

interface Context {
  readonly terms: Array<LegTerms | { missing: string } | undefined>;
  readonly fx: FxBook;
}

/**
 * Every feasible route of up to three legs for a transfer, reduced to the Pareto front over
 * (total cost, arrival), with the cheapest, the fastest and a recommendation for the stated
 * urgency, each explained in zh-CN and en. Pure: `now` is an input.
 *
 * @example
 * const result = quoteRoutes({ network, fx, request, now: new Date() });
 * if (result.ok) result.options.find((o) => o.recommended);
 */
export function quoteRoutes(input: QuoteRoutesInput): QuoteRoutesResult {
  const fx = input.fx instanceof FxBook ? input.fx : new FxBook(input.fx);
  const now = input.now;
  if (fx.isStale(now)) {
    const age = fx.ageSeconds(now);
    return {
      ok: false,
      failure: {
        reason: 'fx_stale',
        asOf: fx.table.asOf,
        maxAgeSeconds: fx.table.maxAgeSeconds,
        ageSeconds: age,
        message: `FX table ${fx.table.id} v${fx.table.version} is from ${fx.table.asOf}, ${age} s old; quotes need rates at most ${fx.table.maxAgeSeconds} s old.`,
      },
    };
  }
  const network = Array.isArray(input.network)
    ? buildRouteNetwork(input.network as readonly RailTableInput[])
    : (input.network as RouteNetwork);
  const search = searchRoutes(network, fx, input.request, now, input.maxLegs ?? MAX_ROUTE_LEGS);
  if (search.candidates.length === 0) return { ok: false, failure: search.failure(input.request) };
  const front = paretoFront(search.candidates);
  const options = dressOptions(front, input.request, fx);
  return { ok: true, options, fx: { id: fx.table.id, version: fx.table.version, asOf: fx.table.asOf } };
}

interface SearchResult {
  readonly candidates: RouteCandidate[];
  failure(request: RouteQuoteRequest): RouteFailure;
}

/** Depth-first search over chained legs; constraints are counted so a refusal can say which failed. */
export function searchRoutes(
  network: RouteNetwork,
  fx: FxBook,
  request: RouteQuoteRequest,
  now: Date,
  maxLegs: number,
): SearchResult {
  const src = nodeKey(request.fromCountry, request.fromCurrency);
  const dst = nodeKey(request.toCountry, request.toCurrency);
  const dist = distancesTo(network, dst, maxLegs);
  const ctx: Context = { terms: new Array(network.legs.length), fx };
  const sender = request.fromCurrency;
  const toSender = new Map<CurrencyCode, Rational | undefined>();
  const senderRate = (c: CurrencyCode) => {
    if (!toSender.has(c)) toSender.set(c, minorRate(fx, c, sender));
    return toSender.get(c);
  };

  let structural = 0;
  let rated = 0;
  let purposeOk = 0;
  let partyOk = 0;
  const missingRates = new Set<string>();
  const allowedPurposes = new Set<TransferPurpose>();
  const amountFailures: AmountLimitFailure[] = [];
  const candidates: RouteCandidate[] = [];
  const startMs = now.getTime();

  // Per leg, computed once: 1 rate known, 2 purpose allowed, 4 payer type allowed, 16 payee type
  // allowed, 32 computed. The payer type binds the first leg, the payee type the last: legs in
  // between carry the payment between banks.
  const legState = new Uint8Array(network.legs.length);
  const stateOf = (l: NetworkLeg): number => {
    let s = legState[l.index]!;
    if (s & 32) return s;
    s = 32;
    const t = legTerms(l.leg, fx);
    ctx.terms[l.index] = t;
    if ('missing' in t) missingRates.add(t.missing);
    else s |= 1;
    if (l.leg.purposes.includes(request.purpose)) s |= 2;
    if (l.leg.payerTypes.includes(request.payerType)) s |= 4;
    if (l.leg.payeeTypes.includes(request.payeeType)) s |= 16;
    legState[l.index] = s;
    return s;
  };

  const path: NetworkLeg[] = [];
  const visited: string[] = [src];
  const used = new Set<number>();
  const sending = request.direction === 'send';
  const amount = BigInt(request.amount.value);

  // Send mode carries amounts and times down the search, so shared prefixes are computed once.
  const amounts: LegAmounts[] = [];
  const accepted: number[] = [];
  const arrivals: number[] = [];
  const worst: number[] = [];
  const waited: boolean[] = [];

  const pathLabel = () => path.map((l) => l.leg.id).join('+');

  // Mask bits: 1 rates known, 2 purpose allowed, 4 payer/payee allowed, 8 amount within limits.
  const record = (mask: number) => {
    structural++;
    if ((mask & 1) === 0) return;
    rated++;
    if ((mask & 2) === 0) {
      // Purposes every leg of the path accepts.
      for (const p of path[0]!.leg.purposes)
        if (path.every((m) => m.leg.purposes.includes(p))) allowedPurposes.add(p);
      return;
    }
    purposeOk++;
    if ((mask & 4) === 0) return;
    partyOk++;
    if ((mask & 8) === 0) return;
    const n = path.length;
    if (sending) {
      candidates.push(
        finish(
          path.slice(),
          amounts.slice(0, n),
          accepted.slice(0, n),
          arrivals.slice(0, n),
          worst.slice(0, n),
          waited.slice(0, n),
          amount,
          amounts[n - 1]!.received,
        ),
      );
      return;
    }
    // Receive mode: solve amounts backwards from the recipient, then times forwards.
    const back: LegAmounts[] = new Array(path.length);
    let need = amount;
    for (let i = path.length - 1; i >= 0; i--) {
      const t = ctx.terms[path[i]!.index] as LegTerms;
      const r = backward(t, need);
      if (typeof r === 'string') {
        const unbounded = backward({ ...t, min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) }, need);
        noteFailure(path[i]!, r, typeof unbounded === 'string' ? need : unbounded.sent);
        return;
      }
      back[i] = r;
      need = r.sent;
    }
    const acc: number[] = [];
    const arr: number[] = [];
    const wst: number[] = [];
    const wt: boolean[] = [];
    let t = startMs;
    let tw = startMs;
    for (const l of path) {
      const a = acceptance(l.schedule, t);
      const aw = acceptance(l.schedule, tw);
      acc.push(a.at);
      wt.push(a.waited);
      t = a.at + l.leg.settlement.typicalMinutes * MINUTE;
      tw = aw.at + l.leg.settlement.worstMinutes * MINUTE;
      arr.push(t);
      wst.push(tw);
    }
    candidates.push(finish(path.slice(), back, acc, arr, wst, wt, back[0]!.sent, amount));
  };

  const finish = (
    legs: NetworkLeg[],
    legAmounts: LegAmounts[],
    acc: number[],
    arr: number[],
    wst: number[],
    wt: boolean[],
    pays: bigint,
    gets: bigint,
  ): RouteCandidate => {
    const lastCurrency = legs[legs.length - 1]!.leg.to.currency;
    const value = senderRate(lastCurrency)!;
    const cost = pays - (gets * value.n) / value.d;
    return {
      legs,
      amounts: legAmounts,
      accepted: acc,
      arrivals: arr,
      worstArrivals: wst,
      waited: wt,
      cost,
      arrival: arr[arr.length - 1]!,
    };
  };

  const noteFailure = (l: NetworkLeg, bound: LegRefusal, value: bigint) => {
    if (amountFailures.length >= 20) return;
    const leg = l.leg;
    const limit = bound === 'max' ? leg.limits.max : leg.limits.min;
    const currency = leg.from.currency;
    amountFailures.push({
      path: pathLabel(),
      legId: leg.id,
      bound,
      limit,
      amount: {
        value: Number(value > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : value),
        currency,
      },
    });
  };

  const dfs = (node: string, depth: number, mask: number) => {
    const remaining = maxLegs - depth;
    if (remaining <= 0) return;
    // On the last leg only legs into the target qualify: take them from the pair index.
    const out = remaining === 1 ? network.byPair.get(`${node}>${dst}`) : network.bySource.get(node);
    if (!out) return;
    for (const l of out) {
      if (used.has(l.index)) continue;
      const d = dist.get(l.to);
      if (d === undefined || d > remaining - 1) continue;
      // A path never returns to a node it has left (a domestic leg stays on its node).
      if (l.to !== node && visited.includes(l.to)) continue;
      const state = stateOf(l);
      let m = mask & ((state & 3) | (depth === 0 ? state & 4 : 4) | 8);
      // A prefix that can no longer be quoted is followed only to explain a refusal, and only
      // while nothing is quotable: once a route exists, no refusal will be needed.
      if (m !== 15 && candidates.length > 0) continue;
      if (sending && m === 15) {
        const t = ctx.terms[l.index] as LegTerms;
        const incoming = depth === 0 ? amount : amounts[depth - 1]!.received;
        const r = forward(t, incoming);
        if (typeof r === 'string') {
          path.push(l);
          noteFailure(l, r, incoming);
          path.pop();
          m &= 7;
        } else {
          const a = acceptance(l.schedule, depth === 0 ? startMs : arrivals[depth - 1]!);
          const aw = acceptance(l.schedule, depth === 0 ? startMs : worst[depth - 1]!);
          amounts[depth] = r;
          accepted[depth] = a.at;
          waited[depth] = a.waited;
          arrivals[depth] = a.at + l.leg.settlement.typicalMinutes * MINUTE;
          worst[depth] = aw.at + l.leg.settlement.worstMinutes * MINUTE;
        }
      }
      path.push(l);
      used.add(l.index);
      const pushedNode = l.to !== node;
      if (pushedNode) visited.push(l.to);
      if (l.to === dst) record(state & 16 ? m : m & ~4);
      dfs(l.to, depth + 1, m);
      if (pushedNode) visited.pop();
      used.delete(l.index);
      path.pop();
    }
  };
  dfs(src, 0, 15);

  return {
    candidates,
    failure(req: RouteQuoteRequest): RouteFailure {
      const corridor = `${req.fromCountry} (${req.fromCurrency}) to ${req.toCountry} (${req.toCurrency})`;
      if (structural === 0) {
        return {
          reason: 'corridor',
          missingRates: [],
          message: `No rail connects ${corridor} within ${maxLegs} legs.`,
        };
      }
      if (rated === 0) {
        const missing = [...missingRates].sort();
        return {
          reason: 'corridor',
          missingRates: missing,
          message: `Rails connect ${corridor}, but the FX table has no rate for ${missing.join(', ')}.`,
        };
      }
      if (purposeOk === 0) {
        const allowed = [...allowedPurposes].sort();
        return {
          reason: 'purpose',
          purpose: req.purpose,
          allowed,
          message: `No route from ${corridor} accepts purpose "${req.purpose}"; accepted: ${allowed.join(', ') || 'none'}.`,
        };
      }
      if (partyOk === 0) {
        return {
          reason: 'party',
          payerType: req.payerType,
          payeeType: req.payeeType,
          message: `No route from ${corridor} serves a ${req.payerType} payer paying a ${req.payeeType} payee.`,
        };
      }
      const shown = amountFailures.slice(0, 3).map(describeFailure).join('; ');
      return {
        reason: 'amount',
        failures: amountFailures,
        message: `The amount ${formatMoney(req.amount)} is outside the limits of every rail from ${corridor}: ${shown}.`,
      };
    },
  };
}

function describeFailure(f: AmountLimitFailure): string {
  if (f.bound === 'fees') return `on ${f.legId} the fees would exceed ${formatMoney(f.amount)}`;
  return `${f.legId} takes ${f.bound === 'min' ? 'at least' : 'at most'} ${formatMoney(f.limit)} and would get ${formatMoney(f.amount)}`;
}

/**
 * The options no other one beats on both cost and arrival. Sorted by cost, then arrival; of
 * options equal on both, the one with fewer legs (then the smaller id) stays.
 */
export function paretoFront<T extends { cost: bigint; arrival: number; legs: readonly NetworkLeg[] }>(
  candidates: readonly T[],
): T[] {
  const sorted = [...candidates].sort(
    (a, b) =>
      (a.cost < b.cost ? -1 : a.cost > b.cost ? 1 : 0) ||
      a.arrival - b.arrival ||
      a.legs.length - b.legs.length ||
      (idOf(a.legs) < idOf(b.legs) ? -1 : idOf(a.legs) > idOf(b.legs) ? 1 : 0),
  );
  const front: T[] = [];
  let best = Number.POSITIVE_INFINITY;
  for (const c of sorted) {
    if (c.arrival < best) {
      front.push(c);
      best = c.arrival;
    }
  }
  return front;
}

const idOf = (legs: readonly NetworkLeg[]) => legs.map((l) => l.leg.id).join('+');

/** Index of the recommended option: the stated urgency, or for `balanced` the best normalised sum. */
export function recommend(
  front: ReadonlyArray<{ cost: bigint; arrival: number }>,
  urgency: RouteUrgency,
): number {
  if (front.length === 0) return -1;
  if (urgency === 'cheapest') return 0;
  if (urgency === 'fastest') return front.length - 1;
  const c0 = front[0]!.cost;
  const cSpan = front[front.length - 1]!.cost - c0;
  const a0 = front[front.length - 1]!.arrival;
  const aSpan = front[0]!.arrival - a0;
  let bestIndex = 0;
  let bestScore = Number.POSITIVE_INFINITY;
  front.forEach((o, i) => {
    // Scores choose between options; they never become amounts, so a float is fine here.
    const cost = cSpan > 0n ? Number(((o.cost - c0) * 1_000_000n) / cSpan) / 1_000_000 : 0;
    const time = aSpan > 0 ? (o.arrival - a0) / aSpan : 0;
    const score = cost + time;
    if (score < bestScore - 1e-9) {
      bestScore = score;
      bestIndex = i;
    }
  });
  return bestIndex;
}

function dressOptions(front: RouteCandidate[], request: RouteQuoteRequest, fx: FxBook): RouteOption[] {
  const sender = request.fromCurrency;
  const recommended = recommend(front, request.urgency);
  const toSender = (c: CurrencyCode) => minorRate(fx, c, sender)!;
  const options = front.map((c, i): RouteOption => {
    let fees = 0n;
    let spread = 0n;
    const legs = c.legs.map((l, k) => {
      const a = c.amounts[k]!;
      const t = legTerms(l.leg, fx) as LegTerms;
      const r = toSender(l.leg.from.currency);
      const feeS = mulHalfUp(a.fee, r);
      const spreadS = mulHalfUp(a.converted * t.spreadBps, { n: r.n, d: r.d * 10_000n });
      fees += feeS;
      spread += spreadS;
      const applied = { n: t.midMajor.n * (10_000n - t.spreadBps), d: t.midMajor.d * 10_000n };
      return {
        legId: l.leg.id,
        railTable: { id: l.table.id, version: l.table.version },
        network: l.leg.network,
        networkName: l.leg.networkName,
        name: l.leg.name,
        from: l.leg.from,
        to: l.leg.to,
        sent: money(a.sent, l.leg.from.currency),
        fee: money(a.fee, l.leg.from.currency),
        converted: money(a.converted, l.leg.from.currency),
        received: money(a.received, l.leg.to.currency),
        midRate: toDecimalString(t.midMajor),
        appliedRate: toDecimalString(applied),
        spreadBps: l.leg.fxSpreadBps,
        feeInSenderCurrency: money(feeS, sender),
        spreadInSenderCurrency: money(spreadS, sender),
        acceptedAt: iso(c.accepted[k]!),
        arrivesAt: iso(c.arrivals[k]!),
        arrivesAtWorst: iso(c.worstArrivals[k]!),
        waitedForCutoff: c.waited[k]!,
        documents: l.leg.documents.filter((d) => a.sent >= BigInt(d.above.value)).flatMap((d) => d.documents),
      };
    });
    const first = c.amounts[0]!;
    const last = c.amounts[c.amounts.length - 1]!;
    const toCurrency = c.legs[c.legs.length - 1]!.leg.to.currency;
    const pays = money(first.sent, sender);
    const gets = money(last.received, toCurrency);
    const rate = {
      n: last.received * 10n ** BigInt(minor(sender)),
      d: first.sent * 10n ** BigInt(minor(toCurrency)),
    };
    return {
      id: idOf(c.legs),
      legs,
      senderPays: pays,
      recipientGets: gets,
      totalCost: money(c.cost, sender),
      costBreakdown: {
        fees: money(fees, sender),
        spread: money(spread, sender),
        roundingMinor: Number(c.cost - fees - spread),
      },
      effectiveRate: toDecimalString(rate),
      arrivesAt: iso(c.arrival),
      arrivesAtWorst: iso(c.worstArrivals[c.worstArrivals.length - 1]!),
      cheapest: i === 0,
      fastest: i === front.length - 1,
      recommended: i === recommended,
      explanation: [],
    };
  });
  options.forEach((o, i) => {
    o.explanation = explainOption(o, i, options, front[i]!);
  });
  return options;
}

const minor = (c: CurrencyCode) => CURRENCY_MINOR_UNITS[c];
const money = (value: bigint, currency: CurrencyCode): Money => ({ value: Number(value), currency });
const iso = (ms: number) => new Date(ms).toISOString();

/** Re-exported for tests that check a candidate against the leg arithmetic. */
export type { LegAmounts, LegTerms, RouteCandidate };
