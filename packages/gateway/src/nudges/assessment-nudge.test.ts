import {
  cashWealthOffer,
  DIALECTS,
  nudgesAfter,
  publishTable,
  riskAnswers,
  riskQuestionnaire,
  salesSignal,
  startTestGateway,
  type TestGateway,
  takeAssessment,
  userSession,
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

    const send = (signal: ReturnType<typeof salesSignal>) => nudgesAfter(gw, signal);
    const sales = (id: string, subject: string) => salesSignal(gw, id, subject);
    const assess = async (userId: string, key: string) => {
      const taken = await takeAssessment(gw, await userSession(gw, userId), riskAnswers(), { key });
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
