import { Application, ApplicationFile, AuditList, DECLINE_REASONS, PendingApproval } from '@finlet/contracts';
import {
  DIALECTS,
  ORIGIN_A,
  publishWorkspaceOffers,
  type Submission,
  startTestGateway,
  submit,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminKey } from '../bootstrap.js';

describe.each(DIALECTS)('the bank decides, in words the applicant understands, on %s', (dialect) => {
  let gw: TestGateway;
  let reviewer: string;
  let reviewer2: string;
  let agent: string;
  beforeAll(async () => {
    gw = await startTestGateway(dialect, {
      gateway: { applications: { fourEyesAbove: { CNY: 50_000_000 } } },
    });
    reviewer = (await createAdminKey(gw.store, { name: 'Sun Li (reviewer)', role: 'reviewer' })).apiKey;
    reviewer2 = (await createAdminKey(gw.store, { name: 'Zhou Yu (reviewer)', role: 'reviewer' })).apiKey;
    agent = (await createAdminKey(gw.store, { name: 'Qian Hao (agent)', role: 'agent' })).apiKey;
    await publishWorkspaceOffers(gw);
  });
  afterAll(async () => gw?.close());

  let n = 0;
  const apply = async (s: Partial<Submission> = {}) => {
    const userId = `applicant-${++n}`;
    const application = await submit(gw, {
      partner: 'A',
      userId,
      offer: 'inventory',
      amountYuan: 200_000,
      name: '赵敏',
      ...s,
    });
    const token = await gw.session(gw.partnerA, { userId, scenario: 'supply-chain' });
    return { application, token };
  };
  const decide = (id: string, body: unknown, key = reviewer, headers: Record<string, string> = {}) =>
    gw.api('POST', `/v1/admin/applications/${id}/status`, { auth: key, body, headers });
  const asApplicant = async (id: string, token: string) =>
    Application.parse(
      (await gw.api('GET', `/v1/applications/${id}`, { auth: token, headers: { origin: ORIGIN_A } })).body,
    );
  const partnerEvents = async (id: string) =>
    (
      await gw.store.webhooks.listEvents(gw.partnerA.partner.id, {
        since: '2000-01-01T00:00:00.000Z',
        type: 'application.updated',
        limit: 100,
      })
    ).filter((e) => (e.payload.data as { id: string }).id === id);

  it('asks the applicant a question, then declines with reasons they read; the partner sees statuses only', async () => {
    const { application, token } = await apply();
    const asked = await decide(application.id, {
      status: 'more_info_needed',
      question: '请上传最近三个月的进货单据。',
      comment: 'turnover jump needs invoices',
    });
    expect(asked.status, asked.text).toBe(200);
    expect((await asApplicant(application.id, token)).decision).toMatchObject({
      status: 'more_info_needed',
      question: '请上传最近三个月的进货单据。',
    });
    gw.clock.now = new Date(gw.clock.now.getTime() + 60_000);
    const declined = await decide(application.id, {
      status: 'declined',
      reasonCodes: ['income_insufficient', 'no_reply_to_question'],
    });
    expect(declined.status, declined.text).toBe(200);
    const seen = await asApplicant(application.id, token);
    expect(seen.status).toBe('declined');
    expect(seen.decision?.reasons).toEqual([
      { code: 'income_insufficient', text: DECLINE_REASONS.income_insufficient },
      { code: 'no_reply_to_question', text: DECLINE_REASONS.no_reply_to_question },
    ]);

    const events = await partnerEvents(application.id);
    expect(events.map((e) => (e.payload.data as { status: string }).status).sort()).toEqual([
      'declined',
      'more_info_needed',
    ]);
    const wire = JSON.stringify(events);
    for (const secret of ['进货单据', 'income_insufficient', 'turnover jump'])
      expect(wire).not.toContain(secret);
    const partnerView = await gw.api('GET', `/v1/applications/${application.id}`, {
      auth: gw.partnerA.secretKey,
    });
    expect(partnerView.text).not.toContain('income_insufficient');

    const audit = AuditList.parse(
      (
        await gw.api('GET', `/v1/admin/audit?targetKind=application&targetId=${application.id}`, {
          auth: gw.admins.admin.apiKey,
        })
      ).body,
    );
    expect(audit.entries.map((e) => [e.action, e.actor.name, e.after])).toEqual(
      expect.arrayContaining([
        [
          'application.status',
          'Sun Li (reviewer)',
          { status: 'declined', reasonCodes: ['income_insufficient', 'no_reply_to_question'] },
        ],
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain('赵敏');
  });

  it('approves with changed terms, and refuses a decision on a stale file', async () => {
    const { application, token } = await apply();
    const file = await gw.api('GET', `/v1/admin/applications/${application.id}`, { auth: reviewer });
    const opened = file.headers.get('etag')!;
    gw.clock.now = new Date(gw.clock.now.getTime() + 60_000);
    expect((await decide(application.id, { status: 'under_review' }, reviewer2)).status).toBe(200);
    const stale = await decide(
      application.id,
      { status: 'approved', terms: { amount: { value: 15_000_000, currency: 'CNY' } } },
      reviewer,
      { 'if-match': opened },
    );
    expect(stale.status).toBe(412);
    expect((stale.body as { code: string }).code).toBe('stale_version');
    const fresh = (
      await gw.api('GET', `/v1/admin/applications/${application.id}`, { auth: reviewer })
    ).headers.get('etag')!;
    const approved = await decide(
      application.id,
      {
        status: 'approved',
        terms: { amount: { value: 15_000_000, currency: 'CNY' }, termMonths: 9, aprBps: 480 },
      },
      reviewer,
      { 'if-match': fresh },
    );
    expect(approved.status, approved.text).toBe(200);
    expect((await asApplicant(application.id, token)).decision?.approvedTerms).toEqual({
      amount: { value: 15_000_000, currency: 'CNY' },
      termMonths: 9,
      aprBps: 480,
    });
  });

  it('needs a second, different reviewer to approve above the threshold', async () => {
    const { application } = await apply({ amountYuan: 800_000 });
    const first = await decide(application.id, { status: 'approved' });
    expect(first.status, first.text).toBe(202);
    expect(PendingApproval.parse(first.body).firstApproval.by.name).toBe('Sun Li (reviewer)');
    const again = await decide(application.id, { status: 'approved' });
    expect(again.status).toBe(403);
    expect((again.body as { code: string }).code).toBe('second_approver_required');
    // Other terms are a new first approval, by whoever proposes them.
    const changed = await decide(
      application.id,
      { status: 'approved', terms: { amount: { value: 70_000_000, currency: 'CNY' } } },
      reviewer2,
    );
    expect(changed.status).toBe(202);
    const confirmed = await decide(
      application.id,
      { status: 'approved', terms: { amount: { value: 70_000_000, currency: 'CNY' } } },
      gw.admins.approver.apiKey,
    );
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(Application.parse(confirmed.body).decision?.approvedTerms?.amount?.value).toBe(70_000_000);
    const file = ApplicationFile.parse(
      (await gw.api('GET', `/v1/admin/applications/${application.id}`, { auth: reviewer })).body,
    );
    expect(file.decisions.map((d) => [d.kind, d.by.name])).toEqual([
      ['pending_approval', 'Sun Li (reviewer)'],
      ['pending_approval', 'Zhou Yu (reviewer)'],
      ['decision', 'Zhao Min (approver)'],
    ]);
    expect(file.pendingApproval).toBeNull();
    expect(file.timeline.map((e) => e.kind).slice(-3)).toEqual([
      'pending_approval',
      'pending_approval',
      'decided',
    ]);
    // Below the threshold, one approval is enough.
    const small = await apply({ amountYuan: 100_000 });
    expect((await decide(small.application.id, { status: 'approved' })).status).toBe(200);
  });

  it('refuses an approval on a withdrawn consent, bad input, and roles that do not decide', async () => {
    const { application, token } = await apply();
    const withdrawn = await gw.api('DELETE', `/v1/consents/${application.consentIds[0]}`, {
      auth: token,
      headers: { origin: ORIGIN_A },
    });
    expect(withdrawn.status).toBe(200);
    const approve = await decide(application.id, { status: 'approved' });
    expect(approve.status).toBe(409);
    expect((approve.body as { code: string }).code).toBe('consent_withdrawn');

    for (const body of [
      { status: 'declined', reasonCodes: ['bad_vibes'] },
      { status: 'declined' },
      { status: 'more_info_needed' },
      { status: 'approved', terms: { amount: { value: 100, currency: 'USD' } } },
      { status: 'approved', terms: { aprBps: -1 } },
      { status: 'submitted' },
    ]) {
      const response = await decide(application.id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((response.body as { code: string }).code).toBe('invalid_request');
    }
    for (const key of [agent, gw.admins.author.apiKey])
      expect((await decide(application.id, { status: 'under_review' }, key)).status).toBe(403);
    const byPartner = await decide(application.id, { status: 'under_review' }, gw.partnerA.secretKey);
    expect([401, 403]).toContain(byPartner.status);
    const declined = await decide(application.id, {
      status: 'declined',
      reasonCodes: ['outside_risk_appetite'],
    });
    expect(declined.status).toBe(200);
  });
});
