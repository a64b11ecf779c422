import { createRequire } from 'node:module';
import {
  AuditList,
  type BankApplicationEventData,
  BankEventList,
  BankHandoffEventData,
  BankWebhookEndpointList,
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
import { createAdminKey } from '../bootstrap.js';

// The reference Standard Webhooks library is a dev dependency of @finlet/node.
const { Webhook } = createRequire(new URL('../../../node/package.json', import.meta.url))(
  'standardwebhooks',
) as {
  Webhook: new (secret: string) => { verify(payload: string, headers: Record<string, string>): unknown };
};

interface Sent {
  id: string;
  type: string;
  data: BankApplicationEventData;
}

describe.each(DIALECTS)('the bank’s own webhook feed on %s', (dialect) => {
  let gw: TestGateway;
  let reviewer: string;
  const receivers: Receiver[] = [];
  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...args);
    receivers.push(r);
    return r;
  };
  const register = async (body: Record<string, unknown>, auth = gw.admins.admin.apiKey) =>
    gw.api('POST', '/v1/admin/webhook-endpoints', { auth, body });
  const parsed = (r: Receiver) => r.received.map((w) => JSON.parse(w.body) as Sent);

  beforeAll(async () => {
    ({ gw, reviewer } = await startWorkspaceGateway(dialect, {
      retry: { baseMs: 40, maxMs: 200, horizonMs: 5_000 },
    }));
  });
  afterAll(async () => {
    await gw?.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  it('only admins manage bank endpoints; partners never reach them; the address guard applies', async () => {
    const los = await receiver();
    for (const auth of [reviewer, gw.admins.approver.apiKey]) {
      expect((await register({ url: los.url }, auth)).status).toBe(403);
    }
    expect((await register({ url: los.url }, gw.partnerA.secretKey)).status).toBe(403);
    const partnerList = await gw.api('GET', '/v1/webhook-endpoints', { auth: gw.partnerA.secretKey });
    expect(partnerList.status).toBe(200);
    expect(partnerList.text).not.toContain('bank:');

    const privateUrl = await register({ url: 'http://10.0.0.7/los' });
    expect(privateUrl.status).toBe(422);
    expect(privateUrl.body).toMatchObject({ code: 'webhook_url_not_allowed' });
    const badType = await register({ url: los.url, eventTypes: ['nudge.created'] });
    expect(badType.status).toBe(400);
    expect(badType.body).toMatchObject({ code: 'invalid_request' });
    const badRole = await register({ url: los.url, role: 'author' });
    expect(badRole.status).toBe(400);
  });

  it('delivers application.submitted, more_info_requested and decided, signed, masked for the endpoint’s role, with retries', async () => {
    // The reviewer-view endpoint fails its first two attempts: the outbox retries.
    const reviewerLos = await receiver((n) => (n <= 2 ? 'fail' : 'ok'));
    const approverLos = await receiver();
    const decidedOnly = await receiver();
    const first = await register({ url: reviewerLos.url });
    expect(first.status, first.text).toBe(201);
    const created = BankWebhookEndpointSecret.parse(first.body);
    expect(created.endpoint).toMatchObject({ role: 'reviewer', status: 'active' });
    expect(created.secret).toMatch(/^whsec_/);
    const approverView = BankWebhookEndpointSecret.parse(
      (await register({ url: approverLos.url, role: 'approver', description: 'LOS' })).body,
    );
    await register({ url: decidedOnly.url, eventTypes: ['application.decided'], role: 'admin' });
    const listed = BankWebhookEndpointList.parse(
      (await gw.api('GET', '/v1/admin/webhook-endpoints', { auth: gw.admins.admin.apiKey })).body,
    );
    expect(listed.endpoints.map((e) => e.role).sort()).toEqual(['admin', 'approver', 'reviewer']);

    const application = await submit(gw, {
      partner: 'A',
      userId: 'feed-1',
      offer: 'inventory',
      amountYuan: 300_000,
      name: '赵敏',
      businessName: '敏达贸易',
      phone: '13800138000',
    });
    const decide = (body: unknown) =>
      gw.api('POST', `/v1/admin/applications/${application.id}/status`, { auth: reviewer, body });
    expect((await decide({ status: 'more_info_needed', question: '请上传进货单据。' })).status).toBe(200);
    expect(
      (await decide({ status: 'approved', terms: { amount: { value: 25_000_000, currency: 'CNY' } } }))
        .status,
    ).toBe(200);

    const types = ['application.submitted', 'application.more_info_requested', 'application.decided'];
    await reviewerLos.until((r) => r.length === 3);
    await approverLos.until((r) => r.length === 3);
    await decidedOnly.until((r) => r.length === 1);
    expect(reviewerLos.requests).toBe(5);
    // Retries reorder arrival; each event arrives once.
    expect(
      parsed(reviewerLos)
        .map((e) => e.type)
        .sort(),
    ).toEqual([...types].sort());
    const of = (r: Receiver, type: string) => parsed(r).find((e) => e.type === type)!;
    expect(decidedOnly.types()).toEqual(['application.decided']);

    for (const w of reviewerLos.received) {
      expect(() =>
        new Webhook(created.secret).verify(w.body, w.headers as Record<string, string>),
      ).not.toThrow();
      expect(() =>
        new Webhook(approverView.secret).verify(w.body, w.headers as Record<string, string>),
      ).toThrow();
    }
    for (const w of approverLos.received) {
      expect(() =>
        new Webhook(approverView.secret).verify(w.body, w.headers as Record<string, string>),
      ).not.toThrow();
    }

    // Masked as the role sees it: the approver calls back (phone whole), the reviewer does not, the admin sees no name.
    const submittedR = of(reviewerLos, 'application.submitted');
    const submittedA = of(approverLos, 'application.submitted');
    expect(submittedR?.data.application.applicant.phone).toBe('*******8000');
    expect(submittedA?.data.application.applicant.phone).toBe('13800138000');
    expect(reviewerLos.received.map((w) => w.body).join()).not.toContain('13800138000');
    expect(parsed(decidedOnly)[0]?.data.application.applicant.name).toBe('赵**');
    expect(submittedR?.data.application).toMatchObject({
      id: application.id,
      status: 'submitted',
      scenario: 'supply-chain',
      amount: { value: 30_000_000, currency: 'CNY' },
    });
    const asked = of(reviewerLos, 'application.more_info_requested');
    expect(asked.data.decision).toMatchObject({ status: 'more_info_needed', question: '请上传进货单据。' });
    const decided = of(reviewerLos, 'application.decided');
    expect(decided.data.decision?.approvedTerms?.amount).toEqual({ value: 25_000_000, currency: 'CNY' });
    expect(decided.data.decidedBy).toMatchObject({ name: 'Sun Li (reviewer)', role: 'reviewer' });
    // The bank's events never reach the partner's feed.
    const partnerEvents = await gw.api('GET', '/v1/webhook-events', { auth: gw.partnerA.secretKey });
    expect(partnerEvents.text).not.toContain('application.decided');

    const events = BankEventList.parse(
      (
        await gw.api('GET', '/v1/admin/webhook-events?type=application.decided', {
          auth: gw.admins.admin.apiKey,
        })
      ).body,
    ).events;
    expect(events.map((e) => e.role).sort()).toEqual(['admin', 'approver', 'reviewer']);
    const retried = events.find((e) => e.role === 'reviewer')!;
    expect(retried.deliveries[0]?.status).toBe('delivered');

    // The applicant withdraws a consent: the bank hears of it.
    const token = await gw.session(gw.partnerA, { userId: 'feed-1', scenario: 'supply-chain' });
    const consentId = application.consentIds[0]!;
    const withdrawn = await gw.api('DELETE', `/v1/consents/${consentId}`, {
      auth: token,
      headers: { origin: ORIGIN_A },
    });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    await reviewerLos.until((r) => r.length === 4);
    const consentEvent = parsed(reviewerLos).find((e) => e.type === 'consent.withdrawn') as unknown as {
      data: { consent: { id: string; status: string; userId: string } };
    };
    expect(consentEvent.data.consent).toMatchObject({ id: consentId, status: 'withdrawn', userId: 'feed-1' });
    await decidedOnly.until(() => true);
    expect(decidedOnly.types()).toEqual(['application.decided']);
  });

  it('a disabled endpoint receives nothing more; a rotated secret signs with both during the overlap; all audited', async () => {
    const los = await receiver();
    const created = BankWebhookEndpointSecret.parse(
      (await register({ url: los.url, eventTypes: ['application.submitted'] })).body,
    );
    const rotated = await gw.api('POST', `/v1/admin/webhook-endpoints/${created.endpoint.id}/rotate-secret`, {
      auth: gw.admins.admin.apiKey,
      body: { overlapHours: 1 },
    });
    expect(rotated.status).toBe(200);
    const { secret } = BankWebhookEndpointSecret.parse(rotated.body);
    await submit(gw, {
      partner: 'B',
      userId: 'feed-2',
      offer: 'inventory',
      amountYuan: 90_000,
      name: 'Li Lei',
    });
    await los.until((r) => r.length === 1);
    const [first] = los.received;
    expect(() =>
      new Webhook(secret).verify(first!.body, first!.headers as Record<string, string>),
    ).not.toThrow();
    expect(() =>
      new Webhook(created.secret).verify(first!.body, first!.headers as Record<string, string>),
    ).not.toThrow();

    const disabled = await gw.api('DELETE', `/v1/admin/webhook-endpoints/${created.endpoint.id}`, {
      auth: gw.admins.admin.apiKey,
    });
    expect(disabled.body).toMatchObject({ status: 'disabled' });
    expect(
      (await gw.api('DELETE', '/v1/admin/webhook-endpoints/whe_nope', { auth: gw.admins.admin.apiKey }))
        .status,
    ).toBe(404);
    const application = await submit(gw, {
      partner: 'B',
      userId: 'feed-3',
      offer: 'inventory',
      amountYuan: 90_000,
      name: 'Han Mei',
    });
    // A later event for another endpoint has gone out: this one was skipped, not merely late.
    const other = await receiver();
    await register({ url: other.url, eventTypes: ['application.decided'] });
    await gw.api('POST', `/v1/admin/applications/${application.id}/status`, {
      auth: reviewer,
      body: { status: 'declined', reasonCodes: ['debt_too_high'] },
    });
    await other.until((r) => r.length === 1);
    expect(los.received).toHaveLength(1);

    const audit = AuditList.parse(
      (
        await gw.api('GET', '/v1/admin/audit?targetKind=webhook_endpoint&limit=100', {
          auth: gw.admins.admin.apiKey,
        })
      ).body,
    );
    const actions = audit.entries.filter((e) => e.target.id === created.endpoint.id).map((e) => e.action);
    expect(actions.sort()).toEqual([
      'bank_webhook.create',
      'bank_webhook.disable',
      'bank_webhook.rotate_secret',
    ]);
  });
  it('tells the bank of each hand-off to a person, its claim and its close: status only, signed', async () => {
    const desk = await receiver();
    const registered = BankWebhookEndpointSecret.parse(
      (
        await register({
          url: desk.url,
          eventTypes: ['handoff.created', 'handoff.claimed', 'handoff.closed'],
          role: 'admin',
        })
      ).body,
    );
    const agent = (await createAdminKey(gw.store, { name: 'Chen Jing', role: 'agent' })).apiKey;
    /** A user of partner A who asks for a person in the advice chat. */
    const handOff = async (userId: string) => {
      const token = await gw.session(gw.partnerA, { userId, scenario: 'supply-chain' });
      const chat = await gw.api('POST', '/v1/chat/messages', {
        auth: token,
        body: { text: '转人工' },
        headers: { origin: ORIGIN_A },
      });
      expect(chat.status, chat.text).toBe(200);
      const handoff = /"handoffId":"(hof_[^"]+)"/.exec(chat.text)?.[1];
      const conversationId = /"conversationId":"(cnv_[^"]+)"/.exec(chat.text)?.[1];
      if (!handoff || !conversationId) throw new Error(`no hand-off in ${chat.text}`);
      return { token, handoff, conversationId };
    };

    // One the agent takes and closes, one the user leaves while waiting.
    const taken = await handOff('desk-1');
    const claim = await gw.api('POST', `/v1/admin/handoffs/${taken.handoff}/claim`, { auth: agent });
    expect(claim.status, claim.text).toBe(200);
    const close = await gw.api('POST', `/v1/admin/handoffs/${taken.handoff}/close`, {
      auth: agent,
      body: { disposition: 'information_given', note: 'explained the rates' },
    });
    expect(close.status, close.text).toBe(200);
    const left = await handOff('desk-2');
    const end = await gw.api('POST', `/v1/chat/conversations/${left.conversationId}/handoff/end`, {
      auth: left.token,
      body: {},
      headers: { origin: ORIGIN_A },
    });
    expect(end.status, end.text).toBe(200);

    await desk.until((r) => r.length === 5, 60_000);
    for (const w of desk.received) {
      expect(() =>
        new Webhook(registered.secret).verify(w.body, w.headers as Record<string, string>),
      ).not.toThrow();
    }
    const events = desk.received.map(
      (w) => JSON.parse(w.body) as { type: string; data: BankHandoffEventData },
    );
    const about = (id: string) =>
      events
        .filter((e) => e.data.id === id)
        .map((e) => [e.type, e.data.status])
        .sort();
    expect(about(taken.handoff)).toEqual([
      ['handoff.claimed', 'claimed'],
      ['handoff.closed', 'closed'],
      ['handoff.created', 'waiting'],
    ]);
    expect(about(left.handoff)).toEqual([
      ['handoff.closed', 'abandoned'],
      ['handoff.created', 'waiting'],
    ]);
    for (const event of events) {
      const data = BankHandoffEventData.parse(event.data);
      expect(data).toMatchObject({ partnerId: gw.partnerA.partner.id });
      // Status only: no summary, no words, no agent, no disposition or note.
      expect(Object.keys(data).sort()).toEqual(
        event.type === 'handoff.created'
          ? ['at', 'conversationId', 'id', 'partnerId', 'reason', 'scenario', 'status', 'userId']
          : ['at', 'conversationId', 'id', 'partnerId', 'status'],
      );
      expect(JSON.stringify(data)).not.toMatch(/Chen Jing|explained|转人工/);
    }
    // The partner keeps its own hand-off events beside the bank's.
    const partnerEvents = await gw.store.webhooks.listEvents(gw.partnerA.partner.id, {
      since: '2000-01-01T00:00:00.000Z',
      type: 'handoff.created',
      limit: 50,
    });
    expect(partnerEvents.map((e) => e.payload.data.id)).toEqual(
      expect.arrayContaining([taken.handoff, left.handoff]),
    );
  });
});
