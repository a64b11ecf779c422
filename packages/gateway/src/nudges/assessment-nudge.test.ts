import { NudgeList } from '@finlet/contracts';
import {
  cashWealthOffer,
  DIALECTS,
  ORIGIN_A,
  publishTable,
  RISK_ANSWERS_C2,
  riskQuestionnaire,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DAY_MS = 86_400_000;

describe.each(DIALECTS)(
  'a signal pointing to a rated product, for a user without a valid assessment, on %s',
  (dialect) => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await startTestGateway(dialect);
      await publishTable(gw, 'risk-questionnaires', riskQuestionnaire);
      await gw.publish({
        ...cashWealthOffer,
        triggers: [
          {
            id: 'gmv-high',
            when: [{ kind: 'threshold', signal: 'orders.monthly_gmv', op: 'gte', value: 1_000_000 }],
          },
        ],
      });
    });
    afterAll(async () => gw?.close());

    const session = (userId: string) =>
      gw.session(gw.partnerA, { userId, scenario: 'consumption', signals: {} });
    const sales = (id: string, subject: string) => ({
      id,
      type: 'orders.monthly_gmv',
      subject,
      occurredAt: gw.clock.now.toISOString(),
      data: { amount: { value: 20_000_000, currency: 'CNY' } },
    });
    const send = async (signal: ReturnType<typeof sales>) => {
      const sent = await gw.api('POST', '/v1/signals', {
        auth: gw.partnerA.secretKey,
        body: { signals: [signal] },
      });
      expect(sent.status, sent.text).toBe(200);
      const listed = await gw.api('GET', '/v1/nudges', {
        auth: await session(signal.subject),
        headers: { origin: ORIGIN_A },
      });
      expect(listed.status, listed.text).toBe(200);
      return NudgeList.parse(listed.body).nudges;
    };
    const assess = async (userId: string, key: string) => {
      const taken = await gw.api('POST', '/v1/suitability/assessments', {
        auth: await session(userId),
        headers: { origin: ORIGIN_A, 'idempotency-key': key },
        body: { questionnaireId: riskQuestionnaire.id, questionnaireVersion: 1, answers: RISK_ANSWERS_C2 },
      });
      expect(taken.status, taken.text).toBe(201);
    };

    it('raises one "take the risk assessment" nudge naming the product, never the product itself', async () => {
      const nudges = await send(sales('gmv-none-1', 'u-none'));
      expect(nudges).toHaveLength(1);
      expect(nudges[0]).toMatchObject({
        offer: { id: cashWealthOffer.id },
        amount: null,
        suitability: { required: true, reason: 'no_assessment' },
      });
      expect(nudges[0]?.explanation['zh-CN']).toContain('风险测评');
      expect(nudges[0]?.explanation.en).toContain('risk assessment');
      // The same product's cool-down holds: a second signal asks nothing more.
      expect(await send(sales('gmv-none-2', 'u-none'))).toHaveLength(1);
    });

    it('asks again when the assessment has expired, and nudges the product itself while it is valid', async () => {
      await assess('u-valid', 'a-valid');
      const valid = await send(sales('gmv-valid-1', 'u-valid'));
      expect(valid).toHaveLength(1);
      expect(valid[0]?.suitability).toBeUndefined();
      expect(valid[0]?.offer.id).toBe(cashWealthOffer.id);

      await assess('u-lapsed', 'a-lapsed');
      const start = gw.clock.now;
      gw.clock.now = new Date(start.getTime() + 366 * DAY_MS);
      try {
        const lapsed = await send(sales('gmv-lapsed-1', 'u-lapsed'));
        expect(lapsed).toHaveLength(1);
        expect(lapsed[0]).toMatchObject({ suitability: { required: true, reason: 'assessment_expired' } });
        expect(lapsed[0]?.explanation.en).toContain('expired');
      } finally {
        gw.clock.now = start;
      }
    });
  },
);
