import {
  type Problem,
  PublishedRiskQuestionnaire,
  RiskAssessment,
  RiskAssessmentList,
} from '@finlet/contracts';
import {
  cashWealthOffer,
  DIALECTS,
  equityFundOffer,
  matchOffers,
  nudgesAfter,
  ORIGIN_A,
  ORIGIN_B,
  publishTable,
  RISK_ANSWERS_C2,
  RISK_ANSWERS_C5,
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

describe.each(DIALECTS)('the bank’s risk questionnaire and assessed level on %s', (dialect) => {
  let gw: TestGateway;
  let keys = 0;
  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    for (const offer of [cashWealthOffer, equityFundOffer]) await gw.publish(offer);
  });
  afterAll(async () => gw?.close());

  const session = (userId: string, signals: Record<string, unknown> = {}, partner = gw.partnerA) =>
    userSession(gw, userId, signals, partner);
  const assess = (token: string, body: Record<string, unknown>, key = `k-${++keys}`, origin = ORIGIN_A) =>
    takeAssessment(gw, token, body, { key, origin });
  const answers = (version: number, chosen: Record<string, string>) => riskAnswers(chosen, version);
  const verdicts = async (token: string) =>
    Object.fromEntries(
      (await matchOffers(gw, token, { includeIneligible: true })).matches.map((m) => [
        m.offer.id,
        m.eligible ? 'ok' : (m.checks.find((c) => !c.met)?.code ?? 'unmet'),
      ]),
    );

  it('answers 404 no_risk_questionnaire until one is published, then serves it without scores', async () => {
    const token = await session('u-before');
    const none = await gw.api('GET', '/v1/suitability/questionnaire', {
      auth: token,
      headers: { origin: ORIGIN_A },
    });
    expect(none.status).toBe(404);
    expect((none.body as Problem).code).toBe('no_risk_questionnaire');
    expect((await assess(token, answers(1, RISK_ANSWERS_C2))).body).toMatchObject({
      code: 'no_risk_questionnaire',
    });

    await publishTable(gw, 'risk-questionnaires', riskQuestionnaire);
    const got = await gw.api('GET', '/v1/suitability/questionnaire', {
      auth: token,
      headers: { origin: ORIGIN_A },
    });
    expect(got.status, got.text).toBe(200);
    const published = PublishedRiskQuestionnaire.parse(got.body);
    expect(published).toMatchObject({ id: 'investor-risk', version: 1, validityDays: 365 });
    expect(published.questions.map((q) => q.id)).toEqual(['horizon', 'loss', 'experience', 'income']);
    expect(got.text).not.toContain('score');
    expect(got.text).not.toContain('bands');
  });

  it('scores the answers, stores them with the version, and replays the same answer for the same key', async () => {
    const token = await session('u-c2');
    const created = await assess(token, answers(1, RISK_ANSWERS_C2), 'same-key');
    expect(created.status, created.text).toBe(201);
    const assessment = RiskAssessment.parse(created.body);
    expect(assessment).toMatchObject({
      userId: 'u-c2',
      partnerId: gw.partnerA.partner.id,
      questionnaireId: 'investor-risk',
      questionnaireVersion: 1,
      score: 4,
      level: 'C2',
      assessedAt: gw.clock.now.toISOString(),
      expiresAt: new Date(gw.clock.now.getTime() + 365 * DAY_MS).toISOString(),
    });
    expect(assessment.answers).toContainEqual({ questionId: 'loss', optionId: 'up-to-5', score: 1 });
    const replay = await assess(token, answers(1, RISK_ANSWERS_C2), 'same-key');
    expect(replay.status).toBe(201);
    expect((replay.body as RiskAssessment).id).toBe(assessment.id);

    const current = await gw.api('GET', '/v1/suitability/assessment', {
      auth: token,
      headers: { origin: ORIGIN_A },
    });
    expect(current.status, current.text).toBe(200);
    expect(current.body).toEqual(assessment);
  });

  it('nudges a rated product from partner signals only within the level of the user’s own valid assessment', async () => {
    // The R1 product watches monthly sales; the R4 fund watches them too.
    const watching = {
      id: 'gmv-high',
      when: [{ kind: 'threshold', signal: 'orders.monthly_gmv', op: 'gte', value: 1_000_000 }],
    } as const;
    await gw.publish({
      ...cashWealthOffer,
      id: 'cash-plus-nudged',
      triggers: [{ ...watching, when: [...watching.when] }],
    });
    await gw.publish({
      ...equityFundOffer,
      id: 'equity-fund-nudged',
      triggers: [{ ...watching, when: [...watching.when] }],
    });
    const sales = (id: string, subject: string) => salesSignal(gw, id, subject);
    // The products nudged; a "take the risk assessment" nudge recommends none.
    const send = async (signal: ReturnType<typeof sales>) =>
      (await nudgesAfter(gw, signal))
        .filter((n) => !n.suitability)
        .map((n) => n.offer.id)
        .sort();
    // No assessment: no rated product is nudged.
    expect(await send(sales('gmv-n-1', 'u-nudge-none'))).toEqual([]);
    // A C2 assessment with the bank: the R1 product, never the R4 fund.
    expect((await assess(await session('u-nudge-c2'), answers(1, RISK_ANSWERS_C2))).status).toBe(201);
    expect(await send(sales('gmv-c2-1', 'u-nudge-c2'))).toEqual(['cash-plus-nudged']);
    // Once the assessment has expired, nothing rated again.
    expect((await assess(await session('u-nudge-late'), answers(1, RISK_ANSWERS_C5))).status).toBe(201);
    const start = gw.clock.now;
    gw.clock.now = new Date(start.getTime() + 366 * DAY_MS);
    try {
      expect(await send(sales('gmv-late-1', 'u-nudge-late'))).toEqual([]);
    } finally {
      gw.clock.now = start;
    }
  });

  it('refuses missing and unknown answers, an old version, and a POST without Idempotency-Key', async () => {
    const token = await session('u-bad');
    const { loss: _loss, ...missing } = RISK_ANSWERS_C2;
    const refused = await assess(token, answers(1, { ...missing, income: 'lottery' }));
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const problem = refused.body as Problem;
    expect(problem.code).toBe('risk_answers_invalid');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'answers.loss', code: 'missing' }),
        expect.objectContaining({ path: 'answers.income', code: 'unknown_option' }),
      ]),
    );
    const extra = await assess(token, answers(1, { ...RISK_ANSWERS_C2, 'lucky-number': 'seven' }));
    expect((extra.body as Problem).errors).toEqual([
      expect.objectContaining({ path: 'answers.lucky-number' }),
    ]);
    expect((await assess(token, answers(9, RISK_ANSWERS_C2))).body).toMatchObject({
      status: 409,
      code: 'risk_questionnaire_outdated',
    });
    const noKey = await gw.api('POST', '/v1/suitability/assessments', {
      auth: token,
      headers: { origin: ORIGIN_A },
      body: answers(1, RISK_ANSWERS_C2),
    });
    expect((noKey.body as Problem).code).toBe('idempotency_key_required');
    const none = await gw.api('GET', '/v1/suitability/assessment', {
      auth: token,
      headers: { origin: ORIGIN_A },
    });
    expect(none.status).toBe(404);
    expect((none.body as Problem).code).toBe('no_risk_assessment');
  });

  it('keeps one partner’s user apart from another partner’s user of the same id', async () => {
    const tokenA = await session('shared-id');
    expect((await assess(tokenA, answers(1, RISK_ANSWERS_C5))).status).toBe(201);
    const tokenB = await session('shared-id', {}, gw.partnerB);
    const other = await gw.api('GET', '/v1/suitability/assessment', {
      auth: tokenB,
      headers: { origin: ORIGIN_B },
    });
    expect((other.body as Problem).code).toBe('no_risk_assessment');
  });

  it('puts the assessed level over the partner’s signal in offers and applications until it expires', async () => {
    const signals = { 'investor.risk_level': 'C5' };
    const userId = 'u-override';
    const before = await session(userId, signals);
    expect(await verdicts(before)).toMatchObject({ 'cash-plus': 'ok', 'equity-growth-fund': 'ok' });
    const start = new Date(gw.clock.now);
    const created = RiskAssessment.parse((await assess(before, answers(1, RISK_ANSWERS_C2))).body);
    // The same session, straight after: the bank's C2 stands over the partner's C5.
    expect(await verdicts(before)).toMatchObject({
      'cash-plus': 'ok',
      'equity-growth-fund': 'above_risk_level',
    });
    const consent = await gw.consent(before, ['application.submit']);
    const applied = await gw.api('POST', '/v1/applications', {
      auth: before,
      headers: { origin: ORIGIN_A, 'idempotency-key': `apply-${userId}` },
      body: {
        offerId: equityFundOffer.id,
        amount: { value: 10_000_00, currency: 'CNY' },
        applicant: { name: '王芳' },
        consentIds: [consent.id],
      },
    });
    expect(applied.status).toBe(422);
    expect((applied.body as Problem).code).toBe('above_risk_level');
    // The bank's application file shows the applicant's current assessment.
    const cash = await gw.api('POST', '/v1/applications', {
      auth: before,
      headers: { origin: ORIGIN_A, 'idempotency-key': `apply-cash-${userId}` },
      body: {
        offerId: cashWealthOffer.id,
        amount: { value: 10_000_00, currency: 'CNY' },
        applicant: { name: '王芳' },
        consentIds: [consent.id],
      },
    });
    expect(cash.status, cash.text).toBe(201);
    const reviewer = await gw.adminKey({ name: 'Qian Yu (reviewer)', role: 'reviewer' });
    const file = await gw.api('GET', `/v1/admin/applications/${(cash.body as { id: string }).id}`, {
      auth: reviewer.apiKey,
    });
    expect(file.status, file.text).toBe(200);
    expect((file.body as { riskAssessment?: RiskAssessment }).riskAssessment).toEqual(created);

    try {
      // One millisecond before the expiry it still counts.
      gw.clock.now = new Date(new Date(created.expiresAt).getTime() - 1);
      const lastMoment = await session(userId, signals);
      expect(await verdicts(lastMoment)).toMatchObject({ 'equity-growth-fund': 'above_risk_level' });
      const still = await gw.api('GET', '/v1/suitability/assessment', {
        auth: lastMoment,
        headers: { origin: ORIGIN_A },
      });
      expect(still.status).toBe(200);
      // At the expiry it counts as none: the partner's signal is the level again.
      gw.clock.now = new Date(created.expiresAt);
      const expired = await session(userId, signals);
      expect(await verdicts(expired)).toMatchObject({ 'equity-growth-fund': 'ok' });
      const gone = await gw.api('GET', '/v1/suitability/assessment', {
        auth: expired,
        headers: { origin: ORIGIN_A },
      });
      expect((gone.body as Problem).code).toBe('no_risk_assessment');
      const unsigned = await session(userId);
      expect(await verdicts(unsigned)).toMatchObject({ 'cash-plus': 'needs_risk_assessment' });
    } finally {
      gw.clock.now = start;
    }
  });

  it('a new published version makes answers to the old one outdated', async () => {
    const token = await session('u-v2');
    const created = await gw.api('POST', `/v1/admin/risk-questionnaires/${riskQuestionnaire.id}/versions`, {
      auth: gw.admins.author.apiKey,
      body: { ...riskQuestionnaire, validityDays: 180 },
    });
    expect(created.status, created.text).toBe(201);
    for (const [key, action] of [
      [gw.admins.author.apiKey, 'submit'],
      [gw.admins.author.apiKey, 'approve'],
    ] as const) {
      const r = await gw.api(
        'POST',
        `/v1/admin/risk-questionnaires/${riskQuestionnaire.id}/versions/2/${action}`,
        {
          auth: key,
          body: {},
        },
      );
      // Four eyes: the author may submit but not approve.
      expect(r.status, r.text).toBe(action === 'submit' ? 200 : 403);
    }
    for (const action of ['approve', 'publish']) {
      const r = await gw.api(
        'POST',
        `/v1/admin/risk-questionnaires/${riskQuestionnaire.id}/versions/2/${action}`,
        {
          auth: gw.admins.approver.apiKey,
          body: {},
        },
      );
      expect(r.status, r.text).toBe(200);
    }
    expect((await assess(token, answers(1, RISK_ANSWERS_C2))).body).toMatchObject({
      code: 'risk_questionnaire_outdated',
    });
    const fresh = RiskAssessment.parse((await assess(token, answers(2, RISK_ANSWERS_C2))).body);
    expect(fresh.questionnaireVersion).toBe(2);
    expect(new Date(fresh.expiresAt).getTime() - new Date(fresh.assessedAt).getTime()).toBe(180 * DAY_MS);
    const versions = await gw.api('GET', `/v1/admin/risk-questionnaires/${riskQuestionnaire.id}`, {
      auth: gw.admins.approver.apiKey,
    });
    expect(
      (versions.body as { questionnaires: { version: number; status: string }[] }).questionnaires,
    ).toMatchObject([
      { version: 2, status: 'published' },
      { version: 1, status: 'retired' },
    ]);
  });

  it('shows the bank every assessment with its answers, and refuses a session or an unknown id', async () => {
    const reviewer = await gw.adminKey({ name: 'Sun Li (reviewer)', role: 'reviewer' });
    const listed = await gw.api('GET', '/v1/admin/risk-assessments?userId=u-c2', { auth: reviewer.apiKey });
    expect(listed.status, listed.text).toBe(200);
    const [first] = RiskAssessmentList.parse(listed.body).assessments;
    expect(first).toMatchObject({ userId: 'u-c2', level: 'C2', questionnaireVersion: 1 });
    expect(first?.answers).toHaveLength(4);
    const one = await gw.api('GET', `/v1/admin/risk-assessments/${first?.id}`, { auth: reviewer.apiKey });
    expect(one.body).toEqual(first);
    const byPartner = await gw.api('GET', `/v1/admin/risk-assessments?partnerId=${gw.partnerB.partner.id}`, {
      auth: reviewer.apiKey,
    });
    expect(RiskAssessmentList.parse(byPartner.body).assessments).toEqual([]);
    const missing = await gw.api('GET', '/v1/admin/risk-assessments/rsk_000000000000000000000000', {
      auth: reviewer.apiKey,
    });
    expect((missing.body as Problem).code).toBe('not_found');
    const token = await session('u-c2');
    const asUser = await gw.api('GET', '/v1/admin/risk-assessments', {
      auth: token,
      headers: { origin: ORIGIN_A },
    });
    expect(asUser.status).toBe(401);
  });
});
