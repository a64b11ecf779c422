import {
  type ChatPart,
  formatMinor,
  type Locale,
  type Money,
  type ProductType,
  type PublicOffer,
} from '@finlet/contracts';
import { disclaimersFor, promisesReturns } from './compliance.js';
import { figuresFrom } from './figures.js';
import type { Passage } from './retrieval.js';

/** The parts the advisor composes; the gateway adds `done` and fills hand-off ids. */
export type AnswerPart = Exclude<ChatPart, { type: 'done' } | { type: 'error' } | { type: 'replace' }>;

/** 20000000 CNY → "200,000.00 CNY" (string arithmetic: no binary floats). */
export function formatMoney(amount: Money): string {
  const [whole, fraction] = formatMinor(amount).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped}${fraction ? `.${fraction}` : ''} ${amount.currency}`;
}

/** 365 bp → "3.65%". */
export function formatBps(bps: number): string {
  return `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, '0')}%`;
}

/** Builds an answer: every factual sentence cites its source, each source once. */
export class Composer {
  readonly parts: AnswerPart[] = [];
  readonly productTypes = new Set<ProductType>();
  readonly #refs = new Map<string, number>();
  readonly #passages = new Map<number, string>();
  constructor(readonly locale: Locale) {}

  /** Registers a source passage once and returns its citation number. */
  cite(
    sourceKind: 'document' | 'offer',
    id: string,
    version: number,
    title: string,
    passage: string,
    lang?: Locale,
  ): number {
    const key = `${sourceKind}:${id}:${version}:${passage}`;
    let ref = this.#refs.get(key);
    if (ref === undefined) {
      ref = this.#refs.size + 1;
      this.#refs.set(key, ref);
      this.#passages.set(ref, passage);
      this.parts.push({
        type: 'citation',
        ref,
        sourceKind,
        id,
        version,
        title,
        passage,
        // A passage quoted from a document written only in the other language says so.
        ...(lang && lang !== this.locale ? { lang } : {}),
      });
    }
    return ref;
  }

  citePassage(p: Passage): number {
    for (const t of p.productTypes) this.productTypes.add(t);
    return this.cite(p.sourceKind, p.sourceId, p.version, p.title, p.text, p.locale);
  }

  citeOffer(offer: PublicOffer, passage: string): number {
    this.productTypes.add(offer.productType);
    return this.cite('offer', offer.id, offer.version, offer.texts[this.locale].name, passage);
  }

  /**
   * A sentence that states a fact: it must name its source, and every figure it states (an amount,
   * a percentage, a time of day, a date) must be stated by the passage it cites; otherwise it is
   * left out. Returns whether it was kept.
   */
  fact(sentence: string, ref: number): boolean {
    if (promisesReturns(sentence)) return false;
    if (!figuresFrom(sentence, this.#passages.get(ref) ?? '')) return false;
    this.parts.push({ type: 'text', delta: sentence, cites: [ref] });
    return true;
  }

  /** Framing that states no fact (greetings, questions back, refusals). */
  say(sentence: string): void {
    this.parts.push({ type: 'text', delta: sentence });
  }

  disclaimers(extra: readonly string[] = []): void {
    for (const d of [...disclaimersFor(this.productTypes, this.locale), ...extra]) {
      this.parts.push({ type: 'text', delta: d, disclaimer: true });
    }
  }

  get cited(): boolean {
    return this.#refs.size > 0;
  }
}
