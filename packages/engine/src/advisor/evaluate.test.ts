import * as contracts from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBankEvalInput, loadEvalInput } from '../../eval/load.js';
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

describe('bank evaluation set', () => {
  const input = loadBankEvalInput(contracts);

  it('holds one-language and two-language documents and questions to answer, abstain from and refuse', () => {
    const bank = input.documents.filter((d) => d.id.startsWith('bank-'));
    expect(bank.length).toBeGreaterThanOrEqual(10);
    expect(input.oneLanguage.size).toBeGreaterThanOrEqual(10);
    const { questions } = input;
    expect(questions.length).toBeGreaterThanOrEqual(60);
    const zh = questions.filter((q) => q.locale === 'zh-CN').length;
    expect(Math.abs(zh - (questions.length - zh))).toBeLessThanOrEqual(4);
    expect(questions.filter((q) => q.expect === 'abstain').length).toBeGreaterThanOrEqual(6);
    expect(questions.filter((q) => q.expect === 'refuse').length).toBeGreaterThanOrEqual(6);
    for (const q of questions) for (const s of q.sources) expect(bank.map((d) => d.id)).toContain(s);
  });

  it('finds one-language documents from either language and answers or abstains without quoting other products', () => {
    const report = engine.evaluateAnswerQuality(input);
    expect(report.recallBothLanguages).toBeGreaterThanOrEqual(
      engine.ANSWER_QUALITY_TARGETS.recallBothLanguages,
    );
    expect(report.recallOneLanguage).toBeGreaterThanOrEqual(engine.ANSWER_QUALITY_TARGETS.recallOneLanguage);
    expect(report.abstentionPrecision).toBeGreaterThanOrEqual(
      engine.ANSWER_QUALITY_TARGETS.abstentionPrecision,
    );
    // Before the thesaurus and evidence selection: 45.8%; then 1.8%, one question answered with a
    // time of the right product that does not answer it (how long opening payroll takes).
    expect(report.wrongFactRate).toBe(0);
    expect(report.unsafeRefused).toBe(1);
  });
});

describe('wrongFacts', () => {
  const citation = (ref: number, id: string, passage: string): engine.AnswerPart => ({
    type: 'citation',
    ref,
    sourceKind: 'document',
    id,
    version: 1,
    title: id,
    passage,
  });
  const text = (delta: string, cites?: number[]): engine.AnswerPart => ({
    type: 'text',
    delta,
    ...(cites ? { cites } : {}),
  });

  it('accepts a figure quoted from a cited passage of the right product', () => {
    const parts = [citation(1, 'car', '单笔最高50万元。'), text('单笔最高50万元。', [1])];
    expect(engine.wrongFacts({ parts }, ['car'])).toEqual([]);
  });

  it('flags a figure cited from another product, an uncited figure and 3,000,000 written without commas', () => {
    const parts = [
      citation(1, 'wedding', '最高20万元。'),
      text('最高20万元。', [1]),
      text('Up to 3,000,000 CNY.'),
    ];
    expect(engine.wrongFacts({ parts }, ['car'])).toHaveLength(2);
    expect(engine.statedFigures('Up to 3,000,000 CNY at 3.45%')).toEqual(['3000000', '3.45']);
  });

  it('reads a time of day and a date as one figure each, in half- or full-width', () => {
    expect(engine.statedFigures('Files submitted by 15:00 are credited on 2026-01-31.')).toEqual([
      '15:00',
      '2026-01-31',
    ]);
    expect(engine.statedFigures('每日１５：３０前提交')).toEqual(['15:30']);
  });

  it('flags a time or a number whose digits a cited passage states only as parts of other figures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const time = `${h}:${String(m).padStart(2, '0')}`;
        // The passage holds both parts of the time, each inside another figure.
        const passage = `Credited within ${h}5 days, fee ${String(m).padStart(2, '0')}0 CNY.`;
        const parts = [citation(1, 'payroll', passage), text(`Submit by ${time}.`, [1])];
        expect(engine.wrongFacts({ parts }, ['payroll'])).toEqual([`${time} in “Submit by ${time}.”`]);
        const right = [
          citation(1, 'payroll', `Submit by ${time} on a working day.`),
          text(`Submit by ${time}.`, [1]),
        ];
        expect(engine.wrongFacts({ parts: right }, ['payroll'])).toEqual([]);
      }),
    );
  });

  it('does not take a figure as stated by a longer one that contains it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 9 }), (n, d) => {
        const parts = [citation(1, 'car', `最高${n}${d}万元。`), text(`最高${n}万元。`, [1])];
        expect(engine.wrongFacts({ parts }, ['car'])).toHaveLength(1);
      }),
    );
  });
});
