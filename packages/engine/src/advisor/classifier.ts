import { normalizeText, stemEnglish } from './text.js';

/**
 * Character n-gram features, the same for both languages: Han characters as 1- to 3-grams (no word
 * segmentation needed, and rewordings share most of them), Latin words stemmed, with word pairs
 * and each word's character 3-grams (so `guaranteed`, `guarantees` and `guarantee` meet). Full-width
 * forms are folded first (`ＡＰＲ` is `apr`).
 */
export function textFeatures(text: string): string[] {
  const norm = normalizeText(text);
  const out: string[] = [];
  for (const run of norm.match(/\p{Script=Han}+/gu) ?? []) {
    for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= run.length; i++) out.push(run.slice(i, i + n));
  }
  const words = (norm.replace(/\p{Script=Han}+/gu, ' ').match(/[a-z0-9]+/g) ?? []).map(stemEnglish);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    out.push(`w:${w}`);
    if (i + 1 < words.length) out.push(`w:${w}_${words[i + 1]}`);
    const padded = `<${w}>`;
    for (let k = 0; k + 3 <= padded.length; k++) out.push(`c:${padded.slice(k, k + 3)}`);
  }
  return out;
}

/**
 * A trained multinomial naive Bayes model: its sufficient statistics, as integers, so that the
 * file the build writes is exact, compact and reviewable in a diff. `features` holds one line per
 * feature, `feature<TAB>count,count,…` with one count per label (empty for 0), sorted.
 */
export interface NaiveBayesModel<L extends string> {
  readonly labels: readonly L[];
  /** Feature occurrences per label, in the order of `labels`. */
  readonly totals: readonly number[];
  readonly features: string;
}

/**
 * Counts the features of each label's examples: the whole training of a naive Bayes classifier.
 * Deterministic: the same examples give the same model, byte for byte.
 */
export function trainNaiveBayes<L extends string>(
  examples: Readonly<Record<L, readonly string[]>>,
): NaiveBayesModel<L> {
  const labels = Object.keys(examples) as L[];
  const counts = new Map<string, number[]>();
  const totals = labels.map(() => 0);
  labels.forEach((label, li) => {
    for (const text of examples[label]) {
      for (const f of new Set(textFeatures(text))) {
        const c = counts.get(f) ?? labels.map(() => 0);
        counts.set(f, c);
        c[li]!++;
        totals[li]!++;
      }
    }
  });
  const features = [...counts.keys()]
    .sort()
    .map(
      (f) =>
        `${f}\t${counts
          .get(f)!
          .map((n) => (n === 0 ? '' : String(n)))
          .join(',')}`,
    )
    .join('\n');
  return { labels, totals, features };
}

/** A label and its posterior probability. */
export interface Classified<L extends string> {
  readonly label: L;
  readonly probability: number;
}

/**
 * A multinomial naive Bayes classifier over `textFeatures`, written out so that it runs anywhere
 * and every weight can be inspected: Laplace smoothing, equal priors. The model's counts become
 * log-probabilities once, when the classifier is made: then a message costs one `Map` lookup per
 * feature and one addition per label.
 */
export class NaiveBayes<L extends string> {
  readonly labels: readonly L[];
  readonly #logLikelihood = new Map<string, Float64Array>();

  constructor(model: NaiveBayesModel<L>) {
    this.labels = model.labels;
    const lines = model.features === '' ? [] : model.features.split('\n');
    const denominators = model.totals.map((total) => total + lines.length);
    for (const line of lines) {
      const tab = line.lastIndexOf('\t');
      const counts = line.slice(tab + 1).split(',');
      this.#logLikelihood.set(
        line.slice(0, tab),
        Float64Array.from(denominators, (d, i) => Math.log((Number(counts[i] || 0) + 1) / d)),
      );
    }
  }

  /** Posterior probability of each label for a message. Features seen in no label are ignored. */
  probabilities(text: string): Record<L, number> {
    const scores = this.#scores(text);
    let max = Number.NEGATIVE_INFINITY;
    for (const s of scores) if (s > max) max = s;
    let total = 0;
    for (let i = 0; i < scores.length; i++) {
      scores[i] = Math.exp(scores[i]! - max);
      total += scores[i]!;
    }
    const out = {} as Record<L, number>;
    this.labels.forEach((label, i) => {
      out[label] = scores[i]! / total;
    });
    return out;
  }

  /** The most probable label and its probability. */
  classify(text: string): Classified<L> {
    const p = this.probabilities(text);
    let label = this.labels[0]!;
    for (const l of this.labels) if (p[l] > p[label]) label = l;
    return { label, probability: p[label] };
  }

  #scores(text: string): Float64Array {
    const scores = new Float64Array(this.labels.length);
    for (const f of new Set(textFeatures(text))) {
      const ll = this.#logLikelihood.get(f);
      if (ll) for (let i = 0; i < ll.length; i++) scores[i]! += ll[i]!;
    }
    return scores;
  }
}
