import type { Locale } from '@finlet/contracts';
import { FINANCE_TERMS } from './finance-terms.js';
import { normalizeText, stemEnglish } from './text.js';

/** What a concept names: a product or service, something asked about one, or anything else. */
export type ConceptKind = 'product' | 'attribute' | 'term';

/** One concept of the thesaurus: the words for it in each language. */
export interface ThesaurusEntry {
  /** Stable id, lower-case with hyphens (`fx-forward`). */
  readonly id: string;
  readonly kind: ConceptKind;
  readonly terms: { readonly [L in Locale]?: readonly string[] | undefined };
}

/** A concept found in a text. */
export interface ConceptMatch {
  readonly id: string;
  readonly kind: ConceptKind;
}

/** Parses the `id | kind | zh terms | en terms` lines of a thesaurus. */
export function parseThesaurus(source: string): ThesaurusEntry[] {
  return source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const [id, kind, zh, en] = line.split('|').map((f) => f.trim());
      const list = (f: string | undefined) =>
        (f ?? '')
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t.length > 0);
      return { id: id!, kind: kind as ConceptKind, terms: { 'zh-CN': list(zh), en: list(en) } };
    });
}

/** The finance thesaurus the engine ships; banks add their own entries through `KnowledgeInput.thesaurus`. */
export const FINANCE_THESAURUS: readonly ThesaurusEntry[] = parseThesaurus(FINANCE_TERMS);

const BUILT_IN_KINDS = new Map(FINANCE_THESAURUS.map((e) => [e.id, e.kind]));

/**
 * Why a bank's entry cannot join the thesaurus as written, or undefined when it can. An entry with
 * a built-in id adds its terms to that concept; it cannot change what the concept is (its kind),
 * which would otherwise be ignored without a word.
 */
export function bankEntryConflict(entry: Pick<ThesaurusEntry, 'id' | 'kind'>): string | undefined {
  const builtIn = BUILT_IN_KINDS.get(entry.id);
  if (builtIn === undefined || builtIn === entry.kind) return undefined;
  return `"${entry.id}" is a built-in ${builtIn} concept: its terms can be extended, its kind stays ${builtIn}; use kind ${builtIn} or another id`;
}

const LATIN_WORD = /[a-z0-9]+(?:'[a-z]+)?/g;
const HAN = /\p{Script=Han}/u;

/** The token a concept is indexed and searched under: no tokeniser produces it from text. */
export function conceptToken(id: string): string {
  return `~${id}`;
}

interface Phrase {
  readonly id: string;
  readonly kind: ConceptKind;
  readonly words: readonly string[];
}

/**
 * Finds the concepts of a text: Chinese terms as substrings, English terms as stemmed word
 * sequences (`lock in the exchange rates` meets `lock in the exchange rate`). Built once per index.
 */
export class Thesaurus {
  readonly #han: { id: string; kind: ConceptKind; term: string }[] = [];
  readonly #latinByFirst = new Map<string, Phrase[]>();
  readonly #kinds = new Map<string, ConceptKind>();
  readonly #memo = new Map<string, { concepts: ConceptMatch[]; rest: string }>();

  constructor(entries: readonly ThesaurusEntry[]) {
    for (const e of entries) {
      // A bank's entry with a known id extends the shipped concept: its terms join it.
      if (!this.#kinds.has(e.id)) this.#kinds.set(e.id, e.kind);
      const kind = this.#kinds.get(e.id)!;
      for (const raw of [...(e.terms['zh-CN'] ?? []), ...(e.terms.en ?? [])]) {
        const term = normalizeText(raw).trim();
        if (term.length === 0) continue;
        if (HAN.test(term)) {
          this.#han.push({ id: e.id, kind, term });
          continue;
        }
        const words = (term.match(LATIN_WORD) ?? []).map(stemEnglish);
        if (words.length === 0) continue;
        const list = this.#latinByFirst.get(words[0]!) ?? [];
        list.push({ id: e.id, kind, words });
        this.#latinByFirst.set(words[0]!, list);
      }
    }
    // Longer terms first, so that a span is claimed by the most specific concept.
    this.#han.sort((a, b) => b.term.length - a.term.length);
  }

  kindOf(id: string): ConceptKind | undefined {
    return this.#kinds.get(id);
  }

  /**
   * The concepts of a text and the text left when their terms are blanked out (what the
   * concepts do not already say, for ordinary tokens).
   */
  analyze(text: string): { concepts: ConceptMatch[]; rest: string } {
    const cached = this.#memo.get(text);
    if (cached) return cached;
    const result = this.#analyze(text);
    // Evidence selection reads the same passages' sentences for every question: keep them.
    if (this.#memo.size >= 20_000) this.#memo.delete(this.#memo.keys().next().value!);
    this.#memo.set(text, result);
    return result;
  }

  #analyze(text: string): { concepts: ConceptMatch[]; rest: string } {
    const norm = normalizeText(text);
    const found = new Map<string, ConceptKind>();
    const blank = new Array<boolean>(norm.length).fill(false);
    for (const h of this.#han) {
      let at = norm.indexOf(h.term);
      while (at >= 0) {
        found.set(h.id, h.kind);
        for (let i = at; i < at + h.term.length; i++) blank[i] = true;
        at = norm.indexOf(h.term, at + h.term.length);
      }
    }
    const words = [...norm.matchAll(LATIN_WORD)].map((m) => ({
      stem: stemEnglish(m[0].replace(/'s$/, '')),
      start: m.index!,
      end: m.index! + m[0].length,
    }));
    for (let i = 0; i < words.length; i++) {
      for (const p of this.#latinByFirst.get(words[i]!.stem) ?? []) {
        if (i + p.words.length > words.length) continue;
        if (!p.words.every((w, k) => words[i + k]!.stem === w)) continue;
        found.set(p.id, p.kind);
        for (let c = words[i]!.start; c < words[i + p.words.length - 1]!.end; c++) blank[c] = true;
      }
    }
    let rest = '';
    for (let i = 0; i < norm.length; i++) rest += blank[i] ? ' ' : norm[i];
    return { concepts: [...found].map(([id, kind]) => ({ id, kind })), rest };
  }
}
