import { type Classified, NaiveBayes, textFeatures, trainNaiveBayes } from './classifier.js';
import { SAFETY_MODEL } from './models.generated.js';
import type { SAFETY_EXAMPLES } from './safety-examples.js';
import { normalizeText } from './text.js';

export type SafetyLabel = keyof typeof SAFETY_EXAMPLES;

/** The features the safety classifier reads: `textFeatures`, shared with the intent classifier. */
export const safetyFeatures = textFeatures;

/**
 * The safety classifier: the shared naive Bayes over the safety model, trained at build time on
 * safety-examples.ts (models.generated.ts). Given examples, it is trained on them instead, there
 * and then (for tests and for trying out a new example before retraining).
 */
export class SafetyClassifier {
  readonly #model: NaiveBayes<SafetyLabel>;

  constructor(examples?: Readonly<Record<SafetyLabel, readonly string[]>>) {
    this.#model = new NaiveBayes(examples ? trainNaiveBayes(examples) : SAFETY_MODEL);
  }

  /** Posterior probability of each label for a message. Features seen in no class are ignored. */
  classify(text: string): Record<SafetyLabel, number> {
    return this.#model.probabilities(text);
  }

  /** The most probable label and its probability. */
  best(text: string): Classified<SafetyLabel> {
    return this.#model.classify(text);
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
    /保|稳|包赚|赚|亏|收益|回报|涨|翻倍|风险|确保|肯定|一定|绝对|\b(guarantee\w*|promis\w*|assur\w*|sure|certain\w*|definitely|risk\w*|lose|loss|profit\w*|returns?|yield\w*|double|rich|protected|beat|swear\w*|vow\w*|earn\w*|never|always|bet)\b/,
  prompt_injection:
    /指令|规则|提示|设定|限制|约束|扮演|假装|模式|忘掉|忘记|不要管|原文|复述|你现在是|\b(instructions?|rules?|prompt\w*|pretend\w*|act as|mode|restrict\w*|limits?|configur\w*|told|given|guid\w*|dan|override|forget|disregard|ignore|set aside)\b/,
  other_customer_data:
    /他人|别人|其他|客户|邻居|同事|同学|朋友|老板|合伙人|亲戚|表哥|表姐|表弟|表妹|哥哥|姐姐|弟弟|妹妹|先生|女士|阿姨|叔叔|名单|\b(another|other|someone|neighbou?r|colleague|coworker|co-worker|partner|relative|cousin|brother|sister|friend|boss|list|person|customers)\b/,
};

let shared: SafetyClassifier | undefined;

/**
 * The unsafe class of a message by the classifier, or undefined when it is safe. The model's
 * counts become log-probabilities when first used (a few milliseconds), then kept.
 */
export function classifyUnsafe(
  text: string,
): 'investment_promise' | 'prompt_injection' | 'other_customer_data' | undefined {
  shared ??= new SafetyClassifier();
  const { label, probability } = shared.best(text);
  if (label === 'safe' || probability < UNSAFE_THRESHOLD) return undefined;
  return CUES[label].test(normalizeText(text)) ? label : undefined;
}
