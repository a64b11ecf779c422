import { Application, ApplicationFile, type Problem } from '@finlet/contracts';
import {
  consumerOffer,
  DIALECTS,
  debitCardOffer,
  ORIGIN_A,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe.each(DIALECTS)('applications without an amount on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    await gw.publish(debitCardOffer);
    await gw.publish(consumerOffer);
  });
  afterAll(async () => gw?.close());

  const apply = async (userId: string, body: Record<string, unknown>, key: string) => {
    const token = await gw.session(gw.partnerA, { userId, scenario: 'consumption', signals: {} });
    const consent = await gw.consent(token, ['application.submit']);
    return gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { origin: ORIGIN_A, 'idempotency-key': key },
      body: { applicant: { name: '王芳' }, consentIds: [consent.id], ...body },
    });
  };

  it('takes an application for a debit card (no amount range) without an amount, and reads it back', async () => {
    const created = await apply('card-user', { offerId: debitCardOffer.id }, 'card-1');
    expect(created.status, created.text).toBe(201);
    const application = Application.parse(created.body);
    expect(application).toMatchObject({ offerId: debitCardOffer.id, amount: null, status: 'submitted' });

    const token = await gw.session(gw.partnerA, {
      userId: 'card-user',
      scenario: 'consumption',
      signals: {},
    });
    const read = await gw.api('GET', `/v1/applications/${application.id}`, {
      auth: token,
      headers: { origin: ORIGIN_A },
    });
    expect(read.status, read.text).toBe(200);
    expect(Application.parse(read.body).amount).toBeNull();

    const reviewer = (await gw.adminKey({ name: 'Reviewer', role: 'reviewer' })).apiKey;
    const inbox = await gw.api('GET', '/v1/admin/applications', { auth: reviewer });
    expect(inbox.status, inbox.text).toBe(200);
    const file = await gw.api('GET', `/v1/admin/applications/${application.id}`, { auth: reviewer });
    expect(file.status, file.text).toBe(200);
    expect(ApplicationFile.parse(file.body).application.amount).toBeNull();

    // Approved as it is: no amount to approve, and none may be named.
    const withAmount = await gw.api('POST', `/v1/admin/applications/${application.id}/status`, {
      auth: reviewer,
      body: { status: 'approved', terms: { amount: { value: 100, currency: 'CNY' } } },
    });
    expect(withAmount.status, withAmount.text).toBe(400);
    expect((withAmount.body as Problem).errors?.map((e) => e.path)).toEqual(['terms.amount']);
    const approved = await gw.api('POST', `/v1/admin/applications/${application.id}/status`, {
      auth: reviewer,
      body: { status: 'approved' },
    });
    expect(approved.status, approved.text).toBe(200);
    const seen = await gw.api('GET', `/v1/applications/${application.id}`, {
      auth: token,
      headers: { origin: ORIGIN_A },
    });
    expect(Application.parse(seen.body).decision?.approvedTerms).toEqual({
      amount: null,
      termMonths: null,
      aprBps: null,
    });
  });

  it('still refuses a loan (amount range required) applied for without an amount, naming the field', async () => {
    const refused = await apply('loan-user', { offerId: consumerOffer.id }, 'loan-1');
    expect(refused.status, refused.text).toBe(400);
    const problem = refused.body as Problem;
    expect(problem.code).toBe('invalid_request');
    expect(problem.errors?.map((e) => e.path)).toEqual(['amount']);
  });
});
