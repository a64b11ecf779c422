import type { PublishedRiskQuestionnaire, RiskAssessment } from '@finlet/contracts';
import {
  publishTable,
  RISK_ANSWERS_C2,
  riskQuestionnaire,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createClient } from './client.js';
import { FinletApiError } from './errors.js';

describe('client.suitability against a real gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
    await publishTable(gw, 'risk-questionnaires', riskQuestionnaire);
  });
  afterAll(async () => gw?.close());

  it('reads the questionnaire, submits answers once per key, and reads the current level back', async () => {
    const token = await gw.session(gw.partnerA, { userId: 'investor-7', scenario: 'consumption' });
    const client = createClient({ gateway: gw.url, token });
    const none = await client.suitability.current().catch((e: unknown) => e);
    expect(none).toBeInstanceOf(FinletApiError);
    expect((none as FinletApiError).code).toBe('no_risk_assessment');

    const questionnaire = await client.suitability.questionnaire();
    expectTypeOf(questionnaire).toEqualTypeOf<PublishedRiskQuestionnaire>();
    expect(questionnaire.questions).toHaveLength(4);
    const input = {
      questionnaireId: questionnaire.id,
      questionnaireVersion: questionnaire.version,
      answers: RISK_ANSWERS_C2,
    };
    const assessed = await client.suitability.assess(input, { idempotencyKey: 'once' });
    expectTypeOf(assessed).toEqualTypeOf<RiskAssessment>();
    expect(assessed.level).toBe('C2');
    expect((await client.suitability.assess(input, { idempotencyKey: 'once' })).id).toBe(assessed.id);
    expect(await client.suitability.current()).toEqual(assessed);

    const refused = await client.suitability
      .assess({ ...input, answers: { horizon: 'over-5-years' } })
      .catch((e: unknown) => e);
    expect((refused as FinletApiError).code).toBe('risk_answers_invalid');
  });
});
