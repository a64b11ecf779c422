import { createRequire } from 'node:module';
import {
  Application,
  type Nudge,
  NudgeAccepted,
  NudgeList,
  type OfferContentInput,
  SignalBatchResult,
  WebhookEndpointSecret,
  WebhookEventList,
} from '@finlet/contracts';
import { verifyWebhook } from '@finlet/node';
import {
  consumerOffer,
  DIALECTS,
  inventoryOffer,
  type Receiver,
  receivablesOffer,
  startReceiver,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The reference Standard Webhooks library is a dev dependency of @finlet/node.
const { Webhook } = createRequire(new URL('../../../node/package.json', import.meta.url))(
  'standardwebhooks',
) as {
  Webhook: new (secret: string) => { verify(payload: string, headers: Record<string, string>): unknown };
};

const DAY = 86_400_000;

const triggeredInventory: OfferContentInput = {
  ...inventoryOffer,
  triggers: [
    {
      id: 'turnover-slowing',
      when: [
        { kind: 'change', signal: 'inventory.turnover_days', direction: 'up', percent: 30, windowDays: 30 },
      ],
      cooldownDays: 30,
      prequalify: { kind: 'offer_max' },
    },
  ],
};

const capped = (id: string, priority: number): OfferContentInput => ({
  ...receivablesOffer,
  id,
  priority,
  triggers: [
    {
      id: 'receivables-high',
      when: [{ kind: 'threshold', signal: 'receivables.outstanding', op: 'gte', value: 10_000_000 }],
      weeklyCap: 2,
      cooldownDays: 1,
      prequalify: { kind: 'share_of_signal', signal: 'receivables.outstanding', percent: 80 },
    },
  ],
});

/** A trigger on monthly sales (no other test here sends them) held back by night in Shanghai. */
const quietSales: OfferContentInput = {
  ...receivablesOffer,
  id: 'scf-quiet-sales',
  eligibility: [],
  triggers: [
    {
      id: 'sales-high',
      when: [{ kind: 'threshold', signal: 'orders.monthly_gmv', op: 'gte', value: 10_000_000 }],
      quietHours: { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai' },
    },
  ],
};

describe.each(DIALECTS)('signals → nudges → application over real HTTP on %s', (dialect) => {
  let gw: TestGateway;
  let receiver: Receiver;
  let secret: string;
  const at = (daysAgo: number) => new Date(gw.clock.now.getTime() - daysAgo * DAY).toISOString();
  const turnover = (id: string, subject: string, days: number, daysAgo: number) => ({
    id,
    type: 'inventory.turnover_days',
    subject,
    occurredAt: at(daysAgo),
    data: { days },
  });
  const send = (signals: unknown[], auth = gw.partnerA.secretKey) =>
    gw.api('POST', '/v1/signals', { auth, body: { signals } });
  const countSignals = async () =>
    (await gw.store.signals.recentForUser(gw.partnerA.partner.id, 'merchant-bad', '2000-01-01T00:00:00Z'))
      .length;

  beforeAll(async () => {
    gw = await startTestGateway(dialect, {
      gateway: { webhooks: { allowLoopback: true, pollIntervalMs: 200 } },
      webhooksOnGatewayClock: true,
    });
    receiver = await startReceiver();
    await gw.publish(triggeredInventory);
    await gw.publish(consumerOffer);
    await gw.publish(capped('scf-receivables-a', 70));
    await gw.publish(capped('scf-receivables-b', 60));
    await gw.publish(capped('scf-receivables-c', 50));
    await gw.publish(quietSales);
    const endpoint = await gw.api('POST', '/v1/webhook-endpoints', {
      auth: gw.partnerA.secretKey,
      body: { url: receiver.url, eventTypes: ['application.created', 'nudge.created'] },
    });
    expect(endpoint.status).toBe(201);
    secret = WebhookEndpointSecret.parse(endpoint.body).secret;
  });
  afterAll(async () => {
    await gw?.close();
    await receiver?.close();
  });

  it('raises an explained nudge; accepting it opens a pre-filled application announced by a verified webhook', async () => {
    const batch = [turnover('t-1', 'merchant-1001', 45, 20), turnover('t-2', 'merchant-1001', 62, 0)];
    const sent = await send(batch);
    expect(sent.status).toBe(200);
    const result = SignalBatchResult.parse(sent.body);
    expect(result).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(result.nudges).toHaveLength(1);

    const token = await gw.session(gw.partnerA, {
      userId: 'merchant-1001',
      scenario: 'supply-chain',
      signals: { 'business.age_months': 30, 'inventory.turnover_days': 62 },
      prefill: { businessName: '晓明贸易有限公司' },
    });
    const list = NudgeList.parse((await gw.api('GET', '/v1/nudges', { auth: token })).body);
    expect(list.nudges).toHaveLength(1);
    const nudge = list.nudges[0] as Nudge;
    expect(nudge).toMatchObject({
      id: result.nudges[0],
      status: 'active',
      offer: { id: 'scf-inventory-loan', version: 1, name: { 'zh-CN': '存货融资' } },
      amount: { value: 300_000_000, currency: 'CNY' },
    });
    expect(nudge.explanation['zh-CN']).toBe(
      '您的库存周转天数 30 天内从 45 升至 62 天，「存货融资」或可帮到您。',
    );
    expect(nudge.explanation.en).toContain('rose from 45 to 62 days in 30 days');

    const accepted = await gw.api('POST', `/v1/nudges/${nudge.id}/accept`, { auth: token });
    expect(accepted.status).toBe(200);
    const answer = NudgeAccepted.parse(accepted.body);
    if (answer.next !== 'apply') throw new Error(`expected an application, got ${answer.next}`);
    const { apply, nudge: after } = answer;
    expect(after.status).toBe('accepted');
    expect(apply).toEqual({
      offerId: 'scf-inventory-loan',
      offerVersion: 1,
      prefill: { businessName: '晓明贸易有限公司', amount: { value: 300_000_000, currency: 'CNY' } },
    });
    const again = await gw.api('POST', `/v1/nudges/${nudge.id}/accept`, { auth: token });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'nudge_not_active' });

    const consent = await gw.consent(token, ['application.submit', 'business.financials']);
    const submit = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': `nudge-${dialect}` },
      body: {
        offerId: apply.offerId,
        offerVersion: apply.offerVersion,
        amount: apply.prefill.amount,
        termMonths: 6,
        applicant: { name: '陈晓明', businessName: apply.prefill.businessName },
        consentIds: [consent.id],
      },
    });
    expect(submit.status).toBe(201);
    const application = Application.parse(submit.body);

    await receiver.until((r) => r.some((w) => w.body.includes(application.id)));
    const webhooks = receiver.received.map((w) =>
      verifyWebhook<Record<string, unknown>>({ secret, headers: w.headers as never, body: w.body }),
    );
    const created = webhooks.find((w) => w.type === 'application.created');
    expect(created?.data).toEqual({
      id: application.id,
      partnerId: gw.partnerA.partner.id,
      userId: 'merchant-1001',
      offerId: 'scf-inventory-loan',
      offerVersion: 1,
      amount: { value: 300_000_000, currency: 'CNY' },
      status: 'submitted',
      createdAt: application.createdAt,
      updatedAt: application.updatedAt,
    });
    expect(created?.data).not.toHaveProperty('applicant');
    expect(webhooks.find((w) => w.type === 'nudge.created')?.data).toMatchObject({ id: nudge.id });
    // The reference library agrees on every delivery.
    for (const w of receiver.received) {
      expect(() => new Webhook(secret).verify(w.body, w.headers as Record<string, string>)).not.toThrow();
    }
  });

  it('stores a batch sent twice once and raises one nudge', async () => {
    const batch = [turnover('d-1', 'merchant-dup', 40, 25), turnover('d-2', 'merchant-dup', 80, 1)];
    const [first, second] = [await send(batch), await send(batch)];
    expect(SignalBatchResult.parse(first.body)).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(SignalBatchResult.parse(first.body).nudges).toHaveLength(1);
    expect(SignalBatchResult.parse(second.body)).toEqual({ accepted: 0, duplicates: 2, nudges: [] });
    // Concurrent copies of a new batch still raise one nudge between them.
    const fresh = [turnover('c-1', 'merchant-race', 40, 25), turnover('c-2', 'merchant-race', 80, 1)];
    const raced = await Promise.all([send(fresh), send(fresh), send(fresh)]);
    expect(raced.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(raced.flatMap((r) => SignalBatchResult.parse(r.body).nudges)).toHaveLength(1);
    const token = await gw.session(gw.partnerA, { userId: 'merchant-dup', scenario: 'supply-chain' });
    expect(NudgeList.parse((await gw.api('GET', '/v1/nudges', { auth: token })).body).nudges).toHaveLength(1);
  });

  it('caps nudges per user per week across offers, and honours cool-downs', async () => {
    const receivable = (id: string, value: number, daysAgo = 0) => ({
      id,
      type: 'receivables.outstanding',
      subject: 'merchant-cap',
      occurredAt: at(daysAgo),
      data: { amount: { value, currency: 'CNY' } },
    });
    const first = SignalBatchResult.parse((await send([receivable('r-1', 20_000_000)])).body);
    expect(first.nudges).toHaveLength(2); // three offers match; the weekly cap is two
    const token = await gw.session(gw.partnerA, { userId: 'merchant-cap', scenario: 'supply-chain' });
    const nudges = NudgeList.parse((await gw.api('GET', '/v1/nudges', { auth: token })).body).nudges;
    expect(nudges.map((n) => n.offer.id).sort()).toEqual(['scf-receivables-a', 'scf-receivables-b']);
    expect(nudges[0]?.amount).toEqual({ value: 16_000_000, currency: 'CNY' });

    // Two days later: past the one-day cool-down, but the week's cap still holds.
    gw.clock.now = new Date(gw.clock.now.getTime() + 2 * DAY);
    expect(SignalBatchResult.parse((await send([receivable('r-2', 21_000_000)])).body).nudges).toEqual([]);
    // Eight days later the week has passed: two more (highest priority first).
    gw.clock.now = new Date(gw.clock.now.getTime() + 6 * DAY);
    const later = SignalBatchResult.parse((await send([receivable('r-3', 22_000_000)])).body);
    expect(later.nudges).toHaveLength(2);
    gw.clock.now = new Date();

    // Concurrent batches for one user still respect the cap between them.
    const racing = await Promise.all(
      [1, 2, 3, 4].map((k) =>
        send([{ ...receivable(`race-${k}`, 20_000_000 + k), subject: 'merchant-cap-race' }]),
      ),
    );
    expect(racing.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(racing.flatMap((r) => SignalBatchResult.parse(r.body).nudges)).toHaveLength(2);
  });

  it('refuses bad batches with problem+json and stores nothing of them', async () => {
    const good = turnover('b-ok', 'merchant-bad', 50, 1);
    const cases: Array<[unknown[], number, string]> = [
      [[good, { ...good, id: 'b-x', type: 'inventory.mood' }], 400, 'invalid_request'],
      [[good, { ...good, id: 'b-neg', data: { days: -3 } }], 400, 'invalid_request'],
      [[good, { ...good, id: 'b-fut', occurredAt: at(-1) }], 400, 'invalid_request'],
      [[good, { ...good, id: 'b-other', partnerId: gw.partnerB.partner.id }], 403, 'subject_not_owned'],
    ];
    for (const [signals, status, code] of cases) {
      const response = await send(signals);
      expect(response.status, code).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(response.body).toMatchObject({ code });
    }
    expect(await countSignals()).toBe(0);
    const token = await gw.session(gw.partnerA, { userId: 'merchant-bad', scenario: 'supply-chain' });
    expect((await send([good], token)).status).toBe(401);
    expect((await gw.api('POST', '/v1/signals', { body: { signals: [good] } })).status).toBe(401);
    expect(await countSignals()).toBe(0);
    expect((await send([{ ...good, partnerId: gw.partnerA.partner.id }])).status).toBe(200);
    expect(await countSignals()).toBe(1);
  });

  it('shows a user only their own nudges; dismissing is recorded once', async () => {
    await send([turnover('o-1', 'merchant-own', 40, 25), turnover('o-2', 'merchant-own', 70, 1)]);
    const owner = await gw.session(gw.partnerA, { userId: 'merchant-own', scenario: 'supply-chain' });
    const stranger = await gw.session(gw.partnerA, { userId: 'merchant-other', scenario: 'supply-chain' });
    const otherPartner = await gw.session(gw.partnerB, { userId: 'merchant-own', scenario: 'supply-chain' });
    const [nudge] = NudgeList.parse((await gw.api('GET', '/v1/nudges', { auth: owner })).body).nudges;
    expect(nudge).toBeDefined();
    expect(NudgeList.parse((await gw.api('GET', '/v1/nudges', { auth: stranger })).body).nudges).toEqual([]);
    expect(NudgeList.parse((await gw.api('GET', '/v1/nudges', { auth: otherPartner })).body).nudges).toEqual(
      [],
    );
    expect((await gw.api('POST', `/v1/nudges/${nudge?.id}/dismiss`, { auth: stranger })).status).toBe(404);
    expect((await gw.api('POST', `/v1/nudges/${nudge?.id}/dismiss`, { auth: otherPartner })).status).toBe(
      404,
    );
    const dismissed = await gw.api<Nudge>('POST', `/v1/nudges/${nudge?.id}/dismiss`, { auth: owner });
    expect(dismissed.body.status).toBe('dismissed');
    expect((await gw.api('POST', `/v1/nudges/${nudge?.id}/accept`, { auth: owner })).status).toBe(409);
    expect((await gw.api('GET', '/v1/nudges', { auth: gw.partnerA.secretKey })).status).toBe(403);
  });

  it('quiet hours hold back the webhook until they end, not the in-page nudge (21:59 and 22:00 Shanghai)', async () => {
    const sales = (id: string, subject: string) => ({
      id,
      type: 'orders.monthly_gmv',
      subject,
      occurredAt: gw.clock.now.toISOString(),
      data: { amount: { value: 20_000_000, currency: 'CNY' } },
    });
    const raise = async (signal: ReturnType<typeof sales>) => {
      const [id] = SignalBatchResult.parse((await send([signal])).body).nudges;
      expect(id).toBeDefined();
      return id as string;
    };
    const inPage = async (userId: string) => {
      const token = await gw.session(gw.partnerA, { userId, scenario: 'supply-chain' });
      return NudgeList.parse((await gw.api('GET', '/v1/nudges', { auth: token })).body).nudges.map(
        (n) => n.id,
      );
    };
    const delivery = async (nudgeId: string) => {
      const list = await gw.api('GET', '/v1/webhook-events?type=nudge.created&limit=200', {
        auth: gw.partnerA.secretKey,
      });
      const event = WebhookEventList.parse(list.body).events.find((e) =>
        JSON.stringify(e.payload).includes(nudgeId),
      );
      return event?.deliveries[0];
    };
    const delivered = (nudgeId: string) => receiver.received.some((w) => w.body.includes(nudgeId));

    try {
      // 21:59 in Shanghai (13:59 UTC): before quiet hours, shown and pushed at once.
      gw.clock.now = new Date('2026-03-10T13:59:00Z');
      const before = await raise(sales('q-1', 'merchant-evening'));
      expect(await inPage('merchant-evening')).toEqual([before]);
      await receiver.until(() => delivered(before));

      // 22:00: inside quiet hours. The user on the page sees it now...
      gw.clock.now = new Date('2026-03-10T14:00:00Z');
      const inside = await raise(sales('q-2', 'merchant-night'));
      expect(await inPage('merchant-night')).toEqual([inside]);
      // ...but the partner is told only at 08:00. A nudge raised after it without quiet hours is
      // delivered first: the worker has looked at the outbox since, and passed this one over.
      const probe = SignalBatchResult.parse(
        (await send([turnover('q-3', 'merchant-probe', 40, 20), turnover('q-4', 'merchant-probe', 70, 0)]))
          .body,
      ).nudges[0] as string;
      await receiver.until(() => delivered(probe));
      expect(delivered(inside)).toBe(false);
      expect(await delivery(inside)).toMatchObject({
        status: 'pending',
        attempts: [],
        nextAttemptAt: '2026-03-11T00:00:00.000Z', // 08:00 in Shanghai
      });

      // 07:59:59 the next morning: still quiet (another probe gets through, this one does not).
      gw.clock.now = new Date('2026-03-10T23:59:59Z');
      expect(await inPage('merchant-night')).toEqual([inside]);
      const dawnProbe = SignalBatchResult.parse(
        (await send([turnover('q-5', 'merchant-dawn', 40, 20), turnover('q-6', 'merchant-dawn', 70, 0)]))
          .body,
      ).nudges[0] as string;
      await receiver.until(() => delivered(dawnProbe));
      expect(delivered(inside)).toBe(false);
      // 08:00: the worker sends it.
      gw.clock.now = new Date('2026-03-11T00:00:00Z');
      await receiver.until(() => delivered(inside));
      await expect.poll(async () => (await delivery(inside))?.status, { timeout: 15_000 }).toBe('delivered');
    } finally {
      gw.clock.now = new Date();
    }
  });
});
