import {
  NudgeList,
  type OfferContentInput,
  OfferMatchResult,
  OfferPreview,
  Problem,
} from '@finlet/contracts';
import {
  inventoryOffer,
  ORIGIN_A,
  parseChatParts,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DAY_MS = 86_400_000;

/** A supply-chain draft like the demo's inventory financing, with its two turnover triggers. */
const draft: OfferContentInput = {
  ...structuredClone(inventoryOffer),
  id: 'scf-stock-draft',
  texts: {
    'zh-CN': {
      name: '存货融资（新版）',
      tagline: '以在库商品为依托，随借随还',
      highlights: ['最快当天放款'],
    },
    en: {
      name: 'Inventory financing (new)',
      tagline: 'Backed by your stock',
      highlights: ['Same-day funds'],
    },
  },
  triggers: [
    {
      id: 'turnover-slowing',
      when: [
        { kind: 'change', signal: 'inventory.turnover_days', direction: 'up', percent: 30, windowDays: 30 },
      ],
      prequalify: { kind: 'offer_max' },
    },
    {
      id: 'turnover-very-slow',
      when: [{ kind: 'threshold', signal: 'inventory.turnover_days', op: 'gte', value: 90 }],
    },
  ],
};

const merchant = (days: number) => ({
  'business.age_months': 38,
  'inventory.turnover_days': days,
  'user.verified': true,
});

describe('previewing an offer version', () => {
  let gw: TestGateway;
  const base = `/v1/admin/offers/${draft.id}/versions/1/preview`;
  let slowing: OfferPreview;

  const preview = async (body: unknown, auth = gw.admins.author.apiKey) =>
    gw.api('POST', base, { auth, body });

  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
    const created = await gw.api('POST', '/v1/admin/offers', { auth: gw.admins.author.apiKey, body: draft });
    expect(created.status).toBe(201);
    const now = gw.clock.now.getTime();
    const response = await preview({
      partnerId: gw.partnerA.partner.id,
      scenario: 'supply-chain',
      signals: merchant(62),
      prefill: { amount: { value: 50_000_000, currency: 'CNY' }, termMonths: 6 },
      events: [
        {
          type: 'inventory.turnover_days',
          occurredAt: new Date(now - 20 * DAY_MS).toISOString(),
          data: { days: 45 },
        },
        {
          type: 'inventory.turnover_days',
          occurredAt: new Date(now - 60_000).toISOString(),
          data: { days: 62 },
        },
      ],
    });
    expect(response.status, response.text).toBe(200);
    slowing = OfferPreview.parse(response.body);
  });
  afterAll(async () => gw?.close());

  it('explains every criterion of a draft for a passing and a failing merchant', async () => {
    expect(slowing.evaluation).toMatchObject({
      offer: { id: draft.id, version: 1, status: 'draft' },
      visible: true,
      eligible: true,
    });
    expect(slowing.evaluation.criteria.map((c) => [c.id, c.met, c.observed])).toEqual([
      ['trading-history', true, 38],
      ['turnover', true, 62],
    ]);
    expect(slowing.evaluation.checks.every((c) => c.met)).toBe(true);

    const fast = OfferPreview.parse(
      (await preview({ scenario: 'supply-chain', signals: merchant(20), locale: 'en' })).body,
    );
    expect(fast.partnerId).toBe(gw.partnerA.partner.id); // the first active partner
    expect(fast.evaluation.eligible).toBe(false);
    const turnover = fast.evaluation.criteria.find((c) => c.id === 'turnover')!;
    expect(turnover).toMatchObject({ met: false, observed: 20, expected: 45, op: 'gte' });
    expect(turnover.label).toEqual({
      'zh-CN': '库存周转天数不少于 45 天',
      en: 'Inventory turnover of 45 days or more',
    });
  });

  it('shows the nudge the triggers would raise, or why not', async () => {
    expect(slowing.nudgeReason).toBe('raised');
    expect(slowing.nudge).toMatchObject({
      offer: { id: draft.id, version: 1 },
      triggerId: 'turnover-slowing',
      amount: { value: 300_000_000, currency: 'CNY' },
      status: 'active',
    });
    expect(slowing.nudge!.explanation.en).toContain('from 45 to 62 days');
    expect(slowing.triggers.map((t) => [t.triggerId, t.met])).toEqual([
      ['turnover-slowing', true],
      ['turnover-very-slow', false],
    ]);

    // Without sample events the session's 62 days count as one reading now: no change, below 90.
    const steady = OfferPreview.parse(
      (await preview({ scenario: 'supply-chain', signals: merchant(62) })).body,
    );
    expect(steady.nudge).toBeNull();
    expect(steady.nudgeReason).toBe('conditions_unmet');
    expect(steady.triggers[1]!.conditions[0]!.text?.en).toBe('Your inventory turnover is 62 days');
    const stuck = OfferPreview.parse(
      (await preview({ scenario: 'supply-chain', signals: merchant(95) })).body,
    );
    expect(stuck.nudge?.triggerId).toBe('turnover-very-slow');
    const elsewhere = OfferPreview.parse(
      (await preview({ scenario: 'consumption', signals: merchant(95) })).body,
    );
    expect(elsewhere).toMatchObject({
      nudge: null,
      nudgeReason: 'not_visible',
      evaluation: { visible: false },
    });
  });

  it('is for admins only, refuses bad input and writes no audit entry', async () => {
    expect(
      Problem.parse((await preview({ scenario: 'supply-chain' }, gw.partnerA.secretKey)).body).code,
    ).toBe('forbidden');
    expect((await preview({ scenario: 'supply-chain' }, gw.admins.approver.apiKey)).status).toBe(200);
    expect(Problem.parse((await preview({ scenario: 'moon' })).body).code).toBe('invalid_request');
    expect(Problem.parse((await preview({ scenario: 'supply-chain', extra: 1 })).body).code).toBe(
      'invalid_request',
    );
    const missing = await gw.api('POST', `/v1/admin/offers/${draft.id}/versions/9/preview`, {
      auth: gw.admins.author.apiKey,
      body: { scenario: 'supply-chain' },
    });
    expect(Problem.parse(missing.body).code).toBe('not_found');
    const audit = await gw.api<{ entries: { action: string }[] }>('GET', '/v1/admin/audit', {
      auth: gw.admins.admin.apiKey,
    });
    expect(audit.body.entries.map((e) => e.action)).not.toContain('offer.preview');
    expect(Date.parse(slowing.expiresAt)).toBe(Math.floor(gw.clock.now.getTime() / 1000) * 1000 + 900_000);
  });

  it('lets the real widgets match, nudge and chat with the draft, and a normal session not', async () => {
    const headers = { origin: ORIGIN_A };
    const match = async (auth: string) =>
      OfferMatchResult.parse(
        (await gw.api('POST', '/v1/offers/match', { auth, body: { includeIneligible: true }, headers })).body,
      );
    expect((await match(slowing.token)).matches.map((m) => [m.offer.id, m.eligible])).toContainEqual([
      draft.id,
      true,
    ]);
    const normal = await gw.session(gw.partnerA, {
      userId: 'merchant-1',
      scenario: 'supply-chain',
      signals: merchant(62),
    });
    expect((await match(normal)).matches.map((m) => m.offer.id)).not.toContain(draft.id);

    const nudges = (auth: string) => gw.api('GET', '/v1/nudges', { auth, headers });
    const previewed = NudgeList.parse((await nudges(slowing.token)).body).nudges;
    expect(previewed).toEqual([slowing.nudge]);
    expect(NudgeList.parse((await nudges(normal)).body).nudges).toEqual([]);
    expect(
      await gw.store.nudges.listForUser(
        gw.partnerA.partner.id,
        previewed[0]!.userId,
        new Date().toISOString(),
      ),
    ).toEqual([]);

    const chat = await gw.api('POST', '/v1/chat/messages', {
      auth: slowing.token,
      body: { text: '我想借20万进货' },
      headers,
    });
    expect(chat.status, chat.text).toBe(200);
    const parts = parseChatParts(chat.text);
    expect(parts.find((p) => p.type === 'offer_card')).toMatchObject({ offer: { id: draft.id } });
    expect(parts.at(-1)?.type).toBe('done');
    const normalChat = parseChatParts(
      (await gw.api('POST', '/v1/chat/messages', { auth: normal, body: { text: '我想借20万进货' }, headers }))
        .text,
    );
    expect(normalChat.some((p) => p.type === 'offer_card' && p.offer.id === draft.id)).toBe(false);
  });

  it('shows a new draft version in place of the published one', async () => {
    await gw.publish(inventoryOffer);
    const v2 = { ...structuredClone(inventoryOffer), priority: 90 };
    const created = await gw.api('POST', `/v1/admin/offers/${inventoryOffer.id}/versions`, {
      auth: gw.admins.author.apiKey,
      body: v2,
    });
    expect(created.status, created.text).toBe(201);
    const token = OfferPreview.parse(
      (
        await gw.api('POST', `/v1/admin/offers/${inventoryOffer.id}/versions/2/preview`, {
          auth: gw.admins.author.apiKey,
          body: { scenario: 'supply-chain', signals: merchant(62) },
        })
      ).body,
    ).token;
    const versions = async (auth: string) =>
      OfferMatchResult.parse((await gw.api('POST', '/v1/offers/match', { auth, body: {} })).body)
        .matches.filter((m) => m.offer.id === inventoryOffer.id)
        .map((m) => m.offer.version);
    expect(await versions(token)).toEqual([2]);
    const normal = await gw.session(gw.partnerA, {
      userId: 'm-3',
      scenario: 'supply-chain',
      signals: merchant(62),
    });
    expect(await versions(normal)).toEqual([1]);
  });

  it('refuses every write with preview_only', async () => {
    const token = slowing.token;
    const nudgeId = slowing.nudge!.id;
    const attempts: [string, string, unknown?, Record<string, string>?][] = [
      ['POST', '/v1/applications', { offerId: draft.id }, { 'idempotency-key': 'pvw-1' }],
      ['POST', '/v1/consents', { scopes: ['share_application_data'], purpose: 'loan_application' }],
      [
        'POST',
        '/v1/disclosures',
        { surface: 'offers', locale: 'zh-CN', offers: [{ id: draft.id, version: 1 }] },
      ],
      ['POST', '/v1/signals', { signals: [] }],
      ['POST', `/v1/nudges/${nudgeId}/dismiss`],
      ['POST', `/v1/nudges/${nudgeId}/accept`],
      ['GET', '/v1/consents/cns_0000000000000000'],
      ['DELETE', '/v1/chat/conversations/cnv_0000000000000000'],
      ['POST', '/v1/routes/quote', {}],
      ['GET', '/v1/admin/offers'],
    ];
    for (const [method, path, body, headers] of attempts) {
      const response = await gw.api(method, path, {
        auth: token,
        ...(body === undefined ? {} : { body }),
        headers: { origin: ORIGIN_A, ...headers },
      });
      expect([path, response.status, Problem.parse(response.body).code]).toEqual([path, 403, 'preview_only']);
    }
  });

  it('can only come from the admin endpoint: an embed session cannot carry pvw', async () => {
    const forged = await gw.api('POST', '/v1/embed-sessions', {
      auth: gw.partnerA.secretKey,
      body: {
        userId: 'merchant-1',
        scenario: 'supply-chain',
        pvw: { offerId: draft.id, version: 1 },
      },
    });
    expect(forged.status).toBe(400);
    expect(Problem.parse(forged.body)).toMatchObject({ code: 'invalid_request' });
    expect(JSON.stringify(Problem.parse(forged.body).errors)).toContain('pvw');
  });

  it('accepts a preview token from the gateway’s own origin and refuses a foreign one (real socket)', async () => {
    const own = new URL(gw.url).origin;
    const call = (auth: string, origin: string) =>
      fetch(`${gw.url}/v1/offers/match`, {
        method: 'POST',
        headers: { authorization: `Bearer ${auth}`, origin, 'content-type': 'application/json' },
        body: '{}',
      });
    expect((await call(slowing.token, own)).status).toBe(200);
    expect((await call(slowing.token, ORIGIN_A)).status).toBe(200);
    const foreign = await call(slowing.token, 'https://evil.example');
    expect(foreign.status).toBe(403);
    expect(Problem.parse(await foreign.json()).code).toBe('origin_not_allowed');
    // A partner's ordinary session is not welcome on the gateway's own origin.
    const normal = await gw.session(gw.partnerA, { userId: 'merchant-2', scenario: 'supply-chain' });
    const fromConsole = await call(normal, own);
    expect(fromConsole.status).toBe(403);
    expect(Problem.parse(await fromConsole.json()).code).toBe('origin_not_allowed');
  });
});
