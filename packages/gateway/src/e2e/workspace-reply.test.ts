import {
  AdminApplicationList,
  Application,
  ApplicationFile,
  AuditList,
  BankWebhookEndpointSecret,
} from '@finlet/contracts';
import {
  DIALECTS,
  ORIGIN_A,
  type Receiver,
  startReceiver,
  startWorkspaceGateway,
  submit,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe.each(DIALECTS)('the applicant answers the bank’s question on %s', (dialect) => {
  let gw: TestGateway;
  let reviewer: string;
  let los: Receiver;
  let n = 0;
  beforeAll(async () => {
    ({ gw, reviewer } = await startWorkspaceGateway(dialect));
    los = await startReceiver();
    const created = await gw.api('POST', '/v1/admin/webhook-endpoints', {
      auth: gw.admins.admin.apiKey,
      body: { url: los.url, eventTypes: ['application.replied'] },
    });
    BankWebhookEndpointSecret.parse(created.body);
  });
  afterAll(async () => {
    await gw?.close();
    await los?.close();
  });

  const apply = async () => {
    const userId = `replier-${++n}`;
    const application = await submit(gw, {
      partner: 'A',
      userId,
      offer: 'inventory',
      amountYuan: 150_000,
      name: '钱多',
    });
    const token = await gw.session(gw.partnerA, { userId, scenario: 'supply-chain' });
    return { application, token };
  };
  const reply = (id: string, token: string, body: unknown) =>
    gw.api('POST', `/v1/applications/${id}/reply`, { auth: token, body, headers: { origin: ORIGIN_A } });
  const ask = (id: string) =>
    gw.api('POST', `/v1/admin/applications/${id}/status`, {
      auth: reviewer,
      body: { status: 'more_info_needed', question: '请上传最近三个月的进货单据。' },
    });

  it('the answer returns the application to the inbox under review, audited; the partner hears the status only', async () => {
    const { application, token } = await apply();
    expect((await ask(application.id)).status).toBe(200);
    const answered = await reply(application.id, token, {
      answer: '单据已上传，请查收。',
      documentsNote: '三个月进货单（PDF），已发至客户经理邮箱',
    });
    expect(answered.status, answered.text).toBe(200);
    const seen = Application.parse(answered.body);
    expect(seen.status).toBe('under_review');
    expect(seen.replies).toEqual([
      {
        question: '请上传最近三个月的进货单据。',
        answer: '单据已上传，请查收。',
        documentsNote: '三个月进货单（PDF），已发至客户经理邮箱',
        at: gw.clock.now.toISOString(),
      },
    ]);

    const inbox = AdminApplicationList.parse(
      (await gw.api('GET', '/v1/admin/applications?status=under_review', { auth: reviewer })).body,
    );
    expect(inbox.applications.map((a) => a.id)).toContain(application.id);
    const file = ApplicationFile.parse(
      (await gw.api('GET', `/v1/admin/applications/${application.id}`, { auth: reviewer })).body,
    );
    expect(file.replies.map((r) => r.answer)).toEqual(['单据已上传，请查收。']);
    expect(file.timeline.map((e) => e.kind).slice(-2)).toEqual(['decided', 'replied']);

    const audit = AuditList.parse(
      (await gw.api('GET', '/v1/admin/audit?action=application.reply', { auth: gw.admins.admin.apiKey }))
        .body,
    );
    const entry = audit.entries.find((e) => e.target.id === application.id);
    expect(entry?.after).toEqual({ status: 'under_review', replies: 1 });
    expect(JSON.stringify(entry)).not.toContain('单据已上传');

    const events = await gw.store.webhooks.listEvents(gw.partnerA.partner.id, {
      since: '2000-01-01T00:00:00.000Z',
      type: 'application.updated',
      limit: 100,
    });
    const mine = events.filter((e) => (e.payload.data as { id: string }).id === application.id);
    expect(mine.map((e) => (e.payload.data as { status: string }).status).sort()).toEqual([
      'more_info_needed',
      'under_review',
    ]);
    expect(JSON.stringify(mine)).not.toContain('replies');
    expect(JSON.stringify(mine)).not.toContain('单据');

    await los.until((r) => r.some((w) => w.body.includes(application.id)));
    const bank = los.received.map(
      (w) => JSON.parse(w.body) as { type: string; data: { reply: { text: string } } },
    );
    expect(bank.find((e) => e.type === 'application.replied')?.data.reply.text).toBe('单据已上传，请查收。');

    // Asked again, answered again: every question keeps its answer.
    expect((await ask(application.id)).status).toBe(200);
    const second = await reply(application.id, token, { answer: '补充：附上银行流水。' });
    expect(Application.parse(second.body).replies?.map((r) => r.documentsNote)).toEqual([
      '三个月进货单（PDF），已发至客户经理邮箱',
      null,
    ]);
  });

  it('refuses a reply nobody asked for, another user’s application, a bad body and a partner key', async () => {
    const { application, token } = await apply();
    const early = await reply(application.id, token, { answer: '你好' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'no_question_pending' });
    expect(early.headers.get('content-type')).toContain('application/problem+json');

    await ask(application.id);
    const other = await gw.session(gw.partnerA, { userId: 'someone-else', scenario: 'supply-chain' });
    expect((await reply(application.id, other, { answer: 'x' })).status).toBe(404);
    const otherPartner = await gw.session(gw.partnerB, { userId: `replier-${n}`, scenario: 'supply-chain' });
    expect(
      (
        await gw.api('POST', `/v1/applications/${application.id}/reply`, {
          auth: otherPartner,
          body: { answer: 'x' },
          headers: { origin: 'https://scf-b.example' },
        })
      ).status,
    ).not.toBe(200);
    for (const body of [
      { answer: '' },
      { answer: 'ok', extra: 1 },
      { answer: 'x'.repeat(2001) },
      { documentsNote: 'x' },
    ]) {
      const bad = await reply(application.id, token, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body).toMatchObject({ code: 'invalid_request' });
    }
    const partnerKey = await gw.api('POST', `/v1/applications/${application.id}/reply`, {
      auth: gw.partnerA.secretKey,
      body: { answer: 'x' },
    });
    expect([401, 403]).toContain(partnerKey.status);
    // Nothing was lost: the question still waits for the applicant.
    const still = await gw.api('GET', `/v1/applications/${application.id}`, {
      auth: token,
      headers: { origin: ORIGIN_A },
    });
    expect(Application.parse(still.body).status).toBe('more_info_needed');
  });
});
