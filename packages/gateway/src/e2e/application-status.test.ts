import { Application, AuditList } from '@finlet/contracts';
import { consumerOffer, DIALECTS, ORIGIN_A, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe.each(DIALECTS)('the bank decides on applications over real HTTP on %s', (dialect) => {
  let gw: TestGateway;
  let token: string;
  let applicationId: string;
  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    await gw.publish(consumerOffer);
    token = await gw.session(gw.partnerA, {
      userId: 'shopper-decided',
      scenario: 'consumption',
      signals: { 'user.age': 30 },
    });
    const consent = await gw.consent(token, ['application.submit']);
    const created = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { origin: ORIGIN_A, 'idempotency-key': 'decide-1' },
      body: {
        offerId: consumerOffer.id,
        amount: { value: 800_000, currency: 'CNY' },
        applicant: { name: '王芳' },
        consentIds: [consent.id],
      },
    });
    expect(created.status, created.text).toBe(201);
    applicationId = Application.parse(created.body).id;
  });
  afterAll(async () => gw?.close());

  const decide = (status: string, key = gw.admins.approver.apiKey, comment?: string) =>
    gw.api('POST', `/v1/admin/applications/${applicationId}/status`, {
      auth: key,
      body: {
        status,
        ...(status === 'declined' ? { reasonCodes: ['income_insufficient'] } : {}),
        ...(comment ? { comment } : {}),
      },
    });

  it('moves under review then approved, tells the partner by webhook without the reasons, and audits it', async () => {
    expect((await decide('under_review')).status).toBe(200);
    gw.clock.now = new Date(gw.clock.now.getTime() + 60_000);
    const approved = await decide('approved', gw.admins.approver.apiKey, 'income verified by phone');
    expect(approved.status).toBe(200);
    expect(Application.parse(approved.body).status).toBe('approved');

    const asUser = await gw.api('GET', `/v1/applications/${applicationId}`, {
      auth: token,
      headers: { origin: ORIGIN_A },
    });
    expect(Application.parse(asUser.body).status).toBe('approved');
    const asPartner = await gw.api('GET', `/v1/applications/${applicationId}`, {
      auth: gw.partnerA.secretKey,
    });
    expect(asPartner.body).toMatchObject({ id: applicationId, status: 'approved' });
    expect(JSON.stringify(asPartner.body)).not.toContain('income verified');

    const events = await gw.store.webhooks.listEvents(gw.partnerA.partner.id, {
      since: '2000-01-01T00:00:00.000Z',
      type: 'application.updated',
      limit: 10,
    });
    expect(events.map((e) => (e.payload.data as { status: string }).status).sort()).toEqual([
      'approved',
      'under_review',
    ]);
    expect(JSON.stringify(events)).not.toContain('income verified');

    const audit = await gw.api('GET', `/v1/admin/audit?targetKind=application&targetId=${applicationId}`, {
      auth: gw.admins.admin.apiKey,
    });
    const entries = AuditList.parse(audit.body).entries;
    expect(entries.map((e) => [e.action, e.after, e.comment])).toEqual(
      expect.arrayContaining([
        ['application.status', expect.objectContaining({ status: 'approved' }), 'income verified by phone'],
      ]),
    );
  });

  it('keeps decisions final, needs an approver, and says so in problem+json', async () => {
    const again = await decide('declined');
    expect(again.status).toBe(409);
    expect((again.body as { code: string }).code).toBe('invalid_state_transition');
    const byAuthor = await decide('declined', gw.admins.author.apiKey);
    expect(byAuthor.status).toBe(403);
    const bad = await decide('submitted');
    expect(bad.status).toBe(400);
    const missing = await gw.api('POST', '/v1/admin/applications/app_nope/status', {
      auth: gw.admins.approver.apiKey,
      body: { status: 'approved' },
    });
    expect(missing.status).toBe(404);
  });
});
