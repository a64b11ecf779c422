import { describe, expect, it } from 'vitest';
import { InvestorRiskLevel, ProductRiskLevel, RiskQuestionnaireContent, suits } from './suitability.js';

describe('suitability levels', () => {
  it('an investor suits every product at or below their level and none above', () => {
    for (const investor of InvestorRiskLevel.options)
      for (const product of ProductRiskLevel.options)
        expect(suits(investor, product)).toBe(Number(product[1]) <= Number(investor[1]));
    expect(suits('C2', 'R2')).toBe(true);
    expect(suits('C2', 'R3')).toBe(false);
  });
});

describe('RiskQuestionnaireContent', () => {
  const text = { 'zh-CN': '题', en: 'Question' };
  const option = (id: string, score: number) => ({ id, label: text, score });
  const valid = {
    id: 'investor-risk',
    title: text,
    validityDays: 365,
    bands: [
      { level: 'C1', minScore: 0 },
      { level: 'C3', minScore: 5 },
    ],
    questions: [{ id: 'horizon', text, options: [option('short', 0), option('long', 5)] }],
  };
  const issues = (content: unknown) =>
    RiskQuestionnaireContent.safeParse(content).error?.issues.map(
      (i) => `${i.path.join('.')}: ${i.message}`,
    ) ?? [];

  it('accepts bands rising from 0 and distinct ids', () => {
    expect(issues(valid)).toEqual([]);
  });

  it('refuses bands that do not start at 0, do not rise, or name a lower level', () => {
    expect(issues({ ...valid, bands: [{ level: 'C1', minScore: 1 }] })).toEqual([
      'bands.0.minScore: the first band must start at 0',
    ]);
    expect(
      issues({
        ...valid,
        bands: [
          { level: 'C2', minScore: 0 },
          { level: 'C1', minScore: 0 },
        ],
      }),
    ).toEqual([
      'bands.1.minScore: each band must start above the previous one',
      'bands.1.level: each band must name a higher level than the previous one',
    ]);
  });

  it('refuses duplicate question and option ids, and unknown fields', () => {
    const question = valid.questions[0]!;
    expect(
      issues({
        ...valid,
        questions: [{ ...question, options: [option('same', 0), option('same', 1)] }, question],
      }),
    ).toEqual([
      'questions.0.options.1.id: duplicate option id same',
      'questions.1.id: duplicate question id horizon',
    ]);
    expect(issues({ ...valid, passScore: 3 })[0]).toContain('passScore');
  });
});
