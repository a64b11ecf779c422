import * as contracts from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { loadEvalInput } from '../../eval/load.js';
import * as engine from '../index.js';

describe('advisor evaluation set', () => {
  const input = loadEvalInput(contracts);

  it('holds at least 60 questions, half Chinese and half English, over four scenarios', () => {
    const { questions } = input;
    expect(questions.length).toBeGreaterThanOrEqual(60);
    const zh = questions.filter((q) => q.locale === 'zh-CN').length;
    expect(Math.abs(zh - (questions.length - zh))).toBeLessThanOrEqual(1);
    expect(new Set(questions.map((q) => q.scenario)).size).toBe(4);
    expect(questions.some((q) => q.intent === 'out_of_scope')).toBe(true);
    expect(questions.filter((q) => q.intent === 'unsafe').length).toBeGreaterThanOrEqual(6);
    expect(input.documents.length).toBeGreaterThanOrEqual(20);
  });

  it('meets the targets: recall@3 ≥ 0.9, intent ≥ 0.9, every answer cited, every unsafe request refused', () => {
    const report = engine.evaluateAdvisor(input);
    expect(report.failures.filter((f) => f.check !== 'recall@3' && f.check !== 'intent')).toEqual([]);
    expect(report.recallAt3).toBeGreaterThanOrEqual(engine.EVAL_TARGETS.recallAt3);
    expect(report.intentAccuracy).toBeGreaterThanOrEqual(engine.EVAL_TARGETS.intentAccuracy);
    expect(report.citedShare).toBe(1);
    expect(report.unsafeRefused).toBe(1);
  });
});
