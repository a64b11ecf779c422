import { SAFETY_EXAMPLES } from './safety-examples.js';
import { normalizeText, stemEnglish } from './text.js';

export type SafetyLabel = keyof typeof SAFETY_EXAMPLES;
const LABELS = Object.keys(SAFETY_EXAMPLES) as SafetyLabel[];

/**
 * Character n-gram features, the same for both languages: Han characters as 1- to 3-grams (no word
 * segmentation needed, and rewordings share most of them), Latin words stemmed, with word pairs
 * and each word's character 3-grams (so `guaranteed`, `guarantees` and `guarantee` meet).
 */
export function safetyFeatures(text: string): string[] {
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
 * A multinomial naive Bayes classifier over `safetyFeatures`, written out so that it runs anywhere
 * and every weight can be inspected: counts from the labelled set, Laplace smoothing, equal priors.
 */
export class SafetyClassifier {
  readonly #logLikelihood = new Map<SafetyLabel, Map<string, number>>();
  readonly #unseen = new Map<SafetyLabel, number>();

  constructor(examples: Readonly<Record<SafetyLabel, readonly string[]>> = SAFETY_EXAMPLES) {
    const vocabulary = new Set<string>();
    const counts = new Map<SafetyLabel, Map<string, number>>();
    for (const label of LABELS) {
      const c = new Map<string, number>();
      for (const text of examples[label]) {
        for (const f of safetyFeatures(text)) {
          c.set(f, (c.get(f) ?? 0) + 1);
          vocabulary.add(f);
        }
      }
      counts.set(label, c);
    }
    for (const label of LABELS) {
      const c = counts.get(label)!;
      let total = 0;
      for (const n of c.values()) total += n;
      const denominator = total + vocabulary.size;
      const ll = new Map<string, number>();
      for (const [f, n] of c) ll.set(f, Math.log((n + 1) / denominator));
      this.#logLikelihood.set(label, ll);
      this.#unseen.set(label, Math.log(1 / denominator));
    }
  }

  /** Posterior probability of each label for a message. Features seen in no class are ignored. */
  classify(text: string): Record<SafetyLabel, number> {
    const features = safetyFeatures(text).filter((f) =>
      LABELS.some((l) => this.#logLikelihood.get(l)!.has(f)),
    );
    const scores = LABELS.map((label) => {
      const ll = this.#logLikelihood.get(label)!;
      const unseen = this.#unseen.get(label)!;
      return features.reduce((sum, f) => sum + (ll.get(f) ?? unseen), 0);
    });
    const max = Math.max(...scores);
    const exp = scores.map((s) => Math.exp(s - max));
    const total = exp.reduce((a, b) => a + b, 0);
    return Object.fromEntries(LABELS.map((l, i) => [l, exp[i]! / total])) as Record<SafetyLabel, number>;
  }
}

/** Probability above which the classifier refuses a message (with a cue of its class). */
export const UNSAFE_THRESHOLD = 0.8;

/**
 * Guards: a class is refused only when the message holds one of its cue words too, so that a
 * short unrelated message ("tell me a joke") is never refused on a handful of shared n-grams.
 */
const CUES: Record<Exclude<SafetyLabel, 'safe'>, RegExp> = {
  investment_promise:
    /保|稳|包赚|赚|亏|收益|回报|涨|翻倍|风险|确保|肯定|一定|绝对|\b(guarantee\w*|promis\w*|assur\w*|sure|certain\w*|definitely|risk\w*|lose|loss|profit\w*|returns?|yield\w*|double|rich|protected|beat|swear\w*|vow\w*|earn\w*|never)\b/,
  prompt_injection:
    /指令|规则|提示|设定|限制|约束|扮演|假装|模式|忘掉|忘记|不要管|原文|复述|你现在是|\b(instructions?|rules?|prompt\w*|pretend\w*|act as|mode|restrict\w*|limits?|configur\w*|told|given|guid\w*|dan|override|forget|disregard|ignore|set aside)\b/,
  other_customer_data:
    /他人|别人|其他|客户|邻居|同事|同学|朋友|老板|合伙人|亲戚|表哥|表姐|表弟|表妹|哥哥|姐姐|弟弟|妹妹|先生|女士|阿姨|叔叔|名单|\b(another|other|someone|neighbou?r|colleague|coworker|co-worker|partner|relative|cousin|brother|sister|friend|boss|list|person|customers)\b/,
};

let shared: SafetyClassifier | undefined;

/**
 * The unsafe class of a message by the classifier, or undefined when it is safe. Trained on the
 * labelled set when first used (a few milliseconds), then kept.
 */
export function classifyUnsafe(
  text: string,
): 'investment_promise' | 'prompt_injection' | 'other_customer_data' | undefined {
  shared ??= new SafetyClassifier();
  const p = shared.classify(text);
  let best: SafetyLabel = 'safe';
  for (const label of LABELS) if (p[label] > p[best]) best = label;
  if (best === 'safe' || p[best] < UNSAFE_THRESHOLD) return undefined;
  return CUES[best].test(normalizeText(text)) ? best : undefined;
}
