import type { CurrencyCode } from '@finlet/contracts';
import { lowest, ONE, parseDecimal, type Rational } from './rational.js';

/** The FX data a quote needs: mid rates observed at `asOf`, usable for `maxAgeSeconds`. */
export interface FxInput {
  readonly id: string;
  readonly version: number;
  readonly asOf: string;
  readonly maxAgeSeconds: number;
  readonly rates: ReadonlyArray<{
    readonly base: CurrencyCode;
    readonly quote: CurrencyCode;
    readonly mid: string;
  }>;
}

/**
 * Mid rates between any two currencies the table connects. Cross rates go through one reference
 * tree (breadth-first from the first listed base currency, rates in table order), so that every
 * pair has one consistent mid and there is no triangular arbitrage: A→B→C always equals A→C.
 * A table listing more pairs than the tree needs uses the first one that reaches each currency.
 */
export class FxBook {
  /** Value of one major unit of each currency in the reference currency. */
  private readonly value = new Map<CurrencyCode, Rational>();
  private readonly group = new Map<CurrencyCode, CurrencyCode>();
  private readonly cache = new Map<string, Rational | undefined>();

  constructor(readonly table: FxInput) {
    const edges = new Map<CurrencyCode, Array<{ to: CurrencyCode; rate: Rational }>>();
    const add = (from: CurrencyCode, to: CurrencyCode, rate: Rational) => {
      const list = edges.get(from);
      if (list) list.push({ to, rate });
      else edges.set(from, [{ to, rate }]);
    };
    for (const r of table.rates) {
      const mid = parseDecimal(r.mid);
      // 1 base = mid quote  ⇒  value(quote) = value(base) / mid
      add(r.base, r.quote, { n: mid.d, d: mid.n });
      add(r.quote, r.base, mid);
    }
    const first = table.rates[0]?.base;
    const roots = first ? [first, ...edges.keys()] : [];
    // Currencies not connected to the first base get their own reference; `mid` refuses pairs
    // across such groups rather than inventing a rate.
    for (const root of roots) {
      if (this.value.has(root)) continue;
      this.value.set(root, ONE);
      this.group.set(root, root);
      const queue: CurrencyCode[] = [root];
      for (let i = 0; i < queue.length; i++) {
        const c = queue[i]!;
        const v = this.value.get(c)!;
        for (const e of edges.get(c) ?? []) {
          if (this.value.has(e.to)) continue;
          this.value.set(e.to, { n: v.n * e.rate.n, d: v.d * e.rate.d });
          this.group.set(e.to, root);
          queue.push(e.to);
        }
      }
    }
  }

  /** Units of `to` per one unit of `from` (major units), or undefined when the table cannot say. */
  mid(from: CurrencyCode, to: CurrencyCode): Rational | undefined {
    if (from === to) return ONE;
    const key = `${from}${to}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const a = this.value.get(from);
    const b = this.value.get(to);
    const rate =
      a && b && this.group.get(from) === this.group.get(to)
        ? lowest({ n: a.n * b.d, d: a.d * b.n })
        : undefined;
    this.cache.set(key, rate);
    return rate;
  }

  /** Age of the rates at `now`, in whole seconds (negative when `asOf` is in the future). */
  ageSeconds(now: Date): number {
    return Math.floor((now.getTime() - Date.parse(this.table.asOf)) / 1000);
  }

  isStale(now: Date): boolean {
    return this.ageSeconds(now) > this.table.maxAgeSeconds;
  }
}
