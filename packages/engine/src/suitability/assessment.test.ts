import {
  InvestorRiskLevel,
  type RiskQuestionnaireContent,
  RiskQuestionnaireContent as RiskQuestionnaireContentSchema,
  riskRank,
} from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessmentExpiry,
  assessmentValid,
  levelForScore,
  type ScoredQuestionnaire,
  scoreAssessment,
} from './assessment.js';

const text = (en: string) => ({ 'zh-CN': `题目 ${en}`, en });

/** Valid questionnaires: distinct ids, bands from 0 upwards naming rising levels. */
const arbQuestionnaire: fc.Arbitrary<ScoredQuestionnaire> = fc
  .record({
    version: fc.integer({ min: 1, max: 50 }),
    questions: fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 5 }), {
      minLength: 1,
      maxLength: 8,
    }),
    levels: fc.subarray([...InvestorRiskLevel.options], { minLength: 1 }),
    steps: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ version, questions, levels, steps }) => {
    let start = 0;
    const bands = levels.map((level, i) => {
      if (i > 0) start += steps[i - 1] ?? 1;
      return { level, minScore: start };
    });
    const content: RiskQuestionnaireContent = {
      id: 'investor-risk',
      title: text('Risk'),
      validityDays: 365,
      bands,
      questions: questions.map((scores, i) => ({
        id: `q${i}`,
        text: text(`question ${i}`),
        options: scores.map((score, j) => ({ id: `o${j}`, label: text(`option ${j}`), score })),
      })),
    };
    return { ...RiskQuestionnaireContentSchema.parse(content), version };
  });

/** A questionnaire with a complete set of answers to it. */
const arbAnswered = arbQuestionnaire.chain((questionnaire) =>
  fc
    .tuple(...questionnaire.questions.map((q) => fc.constantFrom(...q.options.map((o) => o.id))))
    .map((picked) => ({
      questionnaire,
      answers: Object.fromEntries(questionnaire.questions.map((q, i) => [q.id, picked[i] as string])),
    })),
);

function scored(questionnaire: ScoredQuestionnaire, answers: Record<string, string>) {
  const outcome = scoreAssessment(questionnaire, answers);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.assessment;
}

describe('scoreAssessment', () => {
  it('is monotone: a more risk-tolerant answer never lowers the level', () => {
    fc.assert(
      fc.property(arbAnswered, fc.nat(), fc.nat(), ({ questionnaire, answers }, qi, oi) => {
        const question = questionnaire.questions[qi % questionnaire.questions.length]!;
        const current = question.options.find((o) => o.id === answers[question.id])!;
        const other = question.options[oi % question.options.length]!;
        const before = scored(questionnaire, answers);
        const after = scored(questionnaire, { ...answers, [question.id]: other.id });
        if (other.score >= current.score)
          expect(riskRank(after.level)).toBeGreaterThanOrEqual(riskRank(before.level));
        else expect(riskRank(after.level)).toBeLessThanOrEqual(riskRank(before.level));
      }),
    );
  });

  it('is deterministic: the same answers in any order give the same result', () => {
    fc.assert(
      fc.property(arbAnswered, ({ questionnaire, answers }) => {
        const reversed = Object.fromEntries(Object.entries(answers).reverse());
        expect(scoreAssessment(questionnaire, reversed)).toEqual(scoreAssessment(questionnaire, answers));
        expect(scoreAssessment(questionnaire, answers)).toEqual(scoreAssessment(questionnaire, answers));
      }),
    );
  });

  it('is versioned: the result names the questionnaire id and version, and every answer it scored', () => {
    fc.assert(
      fc.property(arbAnswered, ({ questionnaire, answers }) => {
        const result = scored(questionnaire, answers);
        expect(result.questionnaireId).toBe(questionnaire.id);
        expect(result.questionnaireVersion).toBe(questionnaire.version);
        expect(result.answers.map((a) => [a.questionId, a.optionId])).toEqual(
          questionnaire.questions.map((q) => [q.id, answers[q.id]]),
        );
        expect(result.score).toBe(result.answers.reduce((s, a) => s + a.score, 0));
      }),
    );
  });

  it('puts the score in the band it reaches and below the next', () => {
    fc.assert(
      fc.property(arbAnswered, ({ questionnaire, answers }) => {
        const { score, level } = scored(questionnaire, answers);
        const index = questionnaire.bands.findIndex((b) => b.level === level);
        expect(score).toBeGreaterThanOrEqual(questionnaire.bands[index]!.minScore);
        const next = questionnaire.bands[index + 1];
        if (next) expect(score).toBeLessThan(next.minScore);
      }),
    );
  });

  it('refuses a missing answer, an unknown question and an unknown option, each with its reason', () => {
    fc.assert(
      fc.property(arbAnswered, fc.nat(), ({ questionnaire, answers }, qi) => {
        const question = questionnaire.questions[qi % questionnaire.questions.length]!;
        const { [question.id]: _dropped, ...missing } = answers;
        expect(scoreAssessment(questionnaire, missing)).toEqual({
          ok: false,
          issues: [
            { questionId: question.id, code: 'missing', message: `question ${question.id} is not answered` },
          ],
        });
        const wrongOption = scoreAssessment(questionnaire, { ...answers, [question.id]: 'no-such-option' });
        expect(wrongOption).toMatchObject({
          ok: false,
          issues: [{ questionId: question.id, code: 'unknown_option' }],
        });
        const extra = scoreAssessment(questionnaire, { ...answers, 'no-such-question': 'o0' });
        expect(extra).toMatchObject({
          ok: false,
          issues: [{ questionId: 'no-such-question', code: 'unknown_question' }],
        });
      }),
    );
  });

  it('does not read answers from the prototype', () => {
    const questionnaire: ScoredQuestionnaire = {
      id: 'one-question',
      version: 1,
      bands: [{ level: 'C1', minScore: 0 }],
      questions: [
        {
          id: 'q0',
          text: text('q0'),
          options: [
            { id: 'o0', label: text('o0'), score: 0 },
            { id: 'o1', label: text('o1'), score: 1 },
          ],
        },
      ],
    };
    expect(scoreAssessment(questionnaire, { q0: 'o1' })).toMatchObject({ ok: true });
    const inherited = Object.create({ q0: 'o0' }) as Record<string, string>;
    expect(scoreAssessment(questionnaire, inherited)).toMatchObject({
      ok: false,
      issues: [{ code: 'missing' }],
    });
  });
});

describe('levelForScore', () => {
  it('maps each band from its minimum up', () => {
    const bands = [
      { level: 'C1', minScore: 0 },
      { level: 'C2', minScore: 10 },
      { level: 'C4', minScore: 20 },
    ] as const;
    expect([0, 9, 10, 19, 20, 99].map((s) => levelForScore([...bands], s))).toEqual([
      'C1',
      'C1',
      'C2',
      'C2',
      'C4',
      'C4',
    ]);
  });
});

describe('assessment expiry', () => {
  it('counts validity days from the assessment and stops counting at the expiry instant', () => {
    const at = new Date('2026-03-01T08:00:00.000Z');
    const expiresAt = assessmentExpiry(at, 365);
    expect(expiresAt.toISOString()).toBe('2027-03-01T08:00:00.000Z');
    const record = { expiresAt: expiresAt.toISOString() };
    expect(assessmentValid(record, new Date(expiresAt.getTime() - 1))).toBe(true);
    expect(assessmentValid(record, expiresAt)).toBe(false);
  });
});
