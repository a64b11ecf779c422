import { NudgeAccepted, NudgeList } from '@finlet/contracts';
import {
  cashWealthOffer,
  DIALECTS,
  equityFundOffer,
  nudgesAfter,
  ORIGIN_A,
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
      await gw.publish({
        ...equityFundOffer,
        triggers: [
          {
            id: 'receivables-high',
            when: [{ kind: 'threshold', signal: 'receivables.outstanding', op: 'gte', value: 1_000_000 }],
          },
        ],
      });
    });
    afterAll(async () => gw?.close());

    const session = (userId: string) => userSession(gw, userId);
    const sales = (id: string, subject: string, type = 'orders.monthly_gmv') => ({
      ...salesSignal(gw, id, subject),
      type,
    });
    const send = (signal: ReturnType<typeof sales>) => nudgesAfter(gw, signal);
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

    const accept = async (userId: string, nudgeId: string) =>
      gw.api('POST', `/v1/nudges/${nudgeId}/accept`, {
        auth: await session(userId),
        headers: { origin: ORIGIN_A },
      });

    it('accepting a "take the risk assessment" nudge answers the assessment as the next step, never an application', async () => {
      const [nudge] = await send(sales('gmv-accept-1', 'u-accept'));
      expect(nudge?.suitability).toEqual({ required: true, reason: 'no_assessment' });
      const accepted = await accept('u-accept', nudge?.id ?? '');
      expect(accepted.status, accepted.text).toBe(200);
      const answer = NudgeAccepted.parse(accepted.body);
      expect(answer).toMatchObject({
        next: 'risk_assessment',
        nudge: { id: nudge?.id, status: 'accepted' },
        assessment: { required: true, reason: 'no_assessment' },
      });
      expect(accepted.body).not.toHaveProperty('apply');
      // After the assessment the product fits the level (R1 for C2): the normal offer path works.
      await assess('u-accept', 'a-accept');
      const matched = await gw.api('POST', '/v1/offers/match', {
        auth: await session('u-accept'),
        headers: { origin: ORIGIN_A },
        body: {},
      });
      expect(matched.status, matched.text).toBe(200);
      const body = matched.body as {
        matches: { offer: { id: string }; eligible: boolean }[];
        suitability?: unknown;
      };
      expect(body.suitability).toBeUndefined();
      expect(body.matches.find((m) => m.offer.id === cashWealthOffer.id)?.eligible).toBe(true);
    });

    it('a nudge accepted once the user has a level within the product pre-fills the application as usual', async () => {
      const [nudge] = await send(sales('gmv-later-1', 'u-later'));
      expect(nudge?.suitability?.reason).toBe('no_assessment');
      await assess('u-later', 'a-later');
      const accepted = await accept('u-later', nudge?.id ?? '');
      expect(accepted.status, accepted.text).toBe(200);
      expect(NudgeAccepted.parse(accepted.body)).toMatchObject({
        next: 'apply',
        apply: { offerId: cashWealthOffer.id, offerVersion: 1 },
      });
    });

    it('a product above the level taken since is refused with a stable code and the nudge stays active', async () => {
      const [nudge] = await send(sales('recv-above-1', 'u-above', 'receivables.outstanding'));
      expect(nudge).toMatchObject({ offer: { id: equityFundOffer.id }, suitability: { required: true } });
      await assess('u-above', 'a-above');
      const refused = await accept('u-above', nudge?.id ?? '');
      expect(refused.status, refused.text).toBe(422);
      expect(refused.body).toMatchObject({ code: 'above_risk_level' });
      const listed = await gw.api('GET', '/v1/nudges', {
        auth: await session('u-above'),
        headers: { origin: ORIGIN_A },
      });
      expect(NudgeList.parse(listed.body).nudges.map((n) => [n.id, n.status])).toEqual([
        [nudge?.id, 'active'],
      ]);
    });

    it('a lapsed assessment asks for it again on accept, with the reason', async () => {
      await assess('u-lapse2', 'a-lapse2');
      const start = gw.clock.now;
      gw.clock.now = new Date(start.getTime() + 366 * DAY_MS);
      try {
        const [nudge] = await send(sales('gmv-lapse2-1', 'u-lapse2'));
        const accepted = await accept('u-lapse2', nudge?.id ?? '');
        expect(accepted.status, accepted.text).toBe(200);
        expect(NudgeAccepted.parse(accepted.body)).toMatchObject({
          next: 'risk_assessment',
          assessment: { reason: 'assessment_expired' },
        });
      } finally {
        gw.clock.now = start;
      }
    });
  },
);
