import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NaiveBayes, textFeatures, trainNaiveBayes } from './classifier.js';
import { INTENT_MODEL, SAFETY_MODEL } from './models.generated.js';
import { modelsModuleSource } from './train.js';

const EXAMPLES = {
  fee: ['年费多少', 'what is the annual fee', '手续费怎么收'],
  transfer: ['汇款到越南', 'send money to Vietnam', '跨境转账'],
};

describe('naive Bayes classifier', () => {
  it('uses character n-grams for Chinese and stemmed words with character 3-grams for English', () => {
    expect(textFeatures('保本')).toEqual(['保', '本', '保本']);
    expect(textFeatures('guarantees')).toContain('w:guarante');
    // Full-width forms are folded: the same features as the ASCII text.
    expect(textFeatures('ＡＰＲ')).toEqual(textFeatures('apr'));
  });

  it('trains to integer counts per feature and label, the same every time', () => {
    const model = trainNaiveBayes(EXAMPLES);
    expect(model.labels).toEqual(['fee', 'transfer']);
    expect(model).toEqual(trainNaiveBayes(EXAMPLES));
    // 年费多少 and 手续费怎么收 both hold 费; no transfer example does.
    expect(model.features.split('\n')).toContain('费\t2,');
  });

  it('reads a message by the labelled examples it was trained on', () => {
    const nb = new NaiveBayes(trainNaiveBayes(EXAMPLES));
    expect(nb.classify('信用卡年费是多少').label).toBe('fee');
    expect(nb.classify('wire money to Thailand').label).toBe('transfer');
    const p = nb.probabilities('汇款手续费');
    expect(p.fee + p.transfer).toBeCloseTo(1, 10);
    // Nothing it has seen: every label equally likely.
    expect(nb.classify('🙂').probability).toBeCloseTo(0.5, 10);
  });

  it('ships models that are what the labelled sets train today (run `pnpm --filter @finlet/engine train`)', () => {
    const committed = readFileSync(new URL('./models.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe(modelsModuleSource());
    expect(SAFETY_MODEL.labels).toEqual([
      'investment_promise',
      'prompt_injection',
      'other_customer_data',
      'safe',
    ]);
    expect([...INTENT_MODEL.labels].sort()).toEqual([
      'apply',
      'compare',
      'cross_border',
      'eligibility',
      'greeting',
      'human',
      'out_of_scope',
      'portfolio_check',
      'product_question',
    ]);
  });
});
