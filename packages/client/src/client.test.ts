import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Application, OfferMatchResult } from '@finlet/contracts';
import { createPartnerClient } from '@finlet/node';
import { consumerOffer, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createClient } from './client.js';
import {
  FinletApiError,
  FinletNetworkError,
  FinletTimeoutError,
  FinletValidationError,
  isFinletApiError,
  isFinletError,
} from './errors.js';
import { json } from './test/respond.js';

const applicant = { name: 'Lin Yue' };

describe('createClient against a real gateway', () => {
  let gw: TestGateway;
  let mint: () => Promise<{ token: string; expiresAt: string }>;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
    await gw.publish(consumerOffer);
    const partner = createPartnerClient({ gateway: gw.url, secretKey: gw.partnerA.secretKey });
    mint = () =>
      partner.embedSessions.create({
        userId: 'shopper-7',
        scenario: 'consumption',
        signals: { 'user.age': 29 },
      });
  });
  afterAll(async () => gw?.close());

  it('runs the slice with typed, validated answers', async () => {
    const { token } = await mint();
    const client = createClient({ gateway: gw.url, token, locale: 'en' });
    const result = await client.offers.match({ amount: { value: 800_000, currency: 'CNY' } });
    expectTypeOf(result).toEqualTypeOf<OfferMatchResult>();
    expect(result.matches[0]?.offer.id).toBe('shop-installment');
    const consent = await client.consents.create({
      scopes: ['application.submit'],
      purpose: 'loan_application',
    });
    const app = await client.applications.create({
      offerId: 'shop-installment',
      amount: { value: 800_000, currency: 'CNY' },
      applicant,
      consentIds: [consent.id],
    });
    expectTypeOf(app).toEqualTypeOf<Application>();
    expect((await client.applications.get(app.id)).status).toBe('submitted');
    expect((await client.consents.withdraw(consent.id)).status).toBe('withdrawn');
    expect((await client.consents.get(consent.id)).withdrawnAt).not.toBeNull();
  });

  it('answers the bank’s question, and is refused in a stable code when none is pending', async () => {
    const { token } = await mint();
    const client = createClient({ gateway: gw.url, token, locale: 'en' });
    const consent = await client.consents.create({
      scopes: ['application.submit'],
      purpose: 'loan_application',
    });
    const app = await client.applications.create({
      offerId: 'shop-installment',
      amount: { value: 800_000, currency: 'CNY' },
      applicant,
      consentIds: [consent.id],
    });
    const early = await client.applications.reply(app.id, { answer: 'Too soon' }).catch((e: unknown) => e);
    expect(early).toMatchObject({ status: 409, code: 'no_question_pending' });
    const asked = await gw.api('POST', `/v1/admin/applications/${app.id}/status`, {
      auth: gw.admins.approver.apiKey,
      body: { status: 'more_info_needed', question: 'Which shop is the fridge for?' },
    });
    expect(asked.status, asked.text).toBe(200);
    expect((await client.applications.get(app.id)).decision?.question).toBe('Which shop is the fridge for?');
    const answered = await client.applications.reply(app.id, { answer: 'The one on Nanjing Road.' });
    expectTypeOf(answered).toEqualTypeOf<Application>();
    expect(answered.status).toBe('under_review');
    expect(answered.replies?.map((r) => [r.question, r.answer])).toEqual([
      ['Which shop is the fridge for?', 'The one on Nanjing Road.'],
    ]);
  });

  it('throws FinletApiError with the problem code and request id', async () => {
    const client = createClient({ gateway: gw.url, token: (await mint()).token });
    const error = await client.applications.get('app_doesnotexist0000000000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinletApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 'not_found',
      requestId: expect.stringMatching(/^req_/),
    });
  });

  it('refreshes an expired session once for many concurrent calls, then retries them', async () => {
    let calls = 0;
    const fetchSessionToken = async () => {
      calls++;
      return mint();
    };
    const stale = await mint();
    const client = createClient({ gateway: gw.url, token: stale.token, fetchSessionToken });
    const saved = gw.clock.now;
    // The gateway's clock moves past the token's expiry, but the client still believes it fresh.
    gw.clock.now = new Date(Date.parse(stale.expiresAt) + 60_000);
    try {
      client.session.setToken(stale.token, new Date(Date.now() + 3_600_000));
      const results = await Promise.all(Array.from({ length: 5 }, () => client.offers.match()));
      expect(results.every((r) => r.scenario === 'consumption')).toBe(true);
    } finally {
      gw.clock.now = saved;
    }
    expect(calls).toBe(1);
    expect(client.session.getToken()).not.toBe(stale.token);
  });

  it('refreshes before the call when the token is about to expire', async () => {
    const tokens: string[] = [];
    const client = createClient({
      gateway: gw.url,
      token: 'expiring',
      expiresAt: new Date(Date.now() + 5_000),
      fetchSessionToken: async () => {
        const fresh = await mint();
        tokens.push(fresh.token);
        return fresh;
      },
    });
    await client.offers.match();
    expect(tokens).toHaveLength(1);
    expect(client.session.getToken()).toBe(tokens[0]);
    expect(client.session.getExpiresAt()?.getTime()).toBeGreaterThan(Date.now() + 60_000);
  });

  it('surfaces session_expired when it has no way to refresh', async () => {
    const stale = await mint();
    const saved = gw.clock.now;
    gw.clock.now = new Date(Date.parse(stale.expiresAt) + 60_000);
    try {
      const error = await createClient({ gateway: gw.url, token: stale.token })
        .offers.match()
        .catch((e: unknown) => e);
      expect(isFinletApiError(error) && error.code).toBe('session_expired');
    } finally {
      gw.clock.now = saved;
    }
  });

  it('uses a token source set after the client was created', async () => {
    const stale = await mint();
    const saved = gw.clock.now;
    gw.clock.now = new Date(Date.parse(stale.expiresAt) + 60_000);
    try {
      const client = createClient({ gateway: gw.url, token: stale.token });
      expect(client.session.canRefresh).toBe(false);
      client.session.setSource(() => mint());
      expect(client.session.canRefresh).toBe(true);
      await expect(client.offers.match()).resolves.toHaveProperty('matches');
      expect(client.session.getToken()).not.toBe(stale.token);
    } finally {
      gw.clock.now = saved;
    }
  });
});

describe('retries, timeouts and broken answers (a scripted server on a real socket)', () => {
  let server: Server;
  let url: string;
  const hits: Array<{ method: string; path: string; key: string | undefined }> = [];
  let script: Array<(res: ServerResponse) => void> = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      hits.push({
        method: req.method ?? '',
        path: req.url ?? '',
        key: req.headers['idempotency-key'] as string | undefined,
      });
      req.resume();
      const next = script.shift() ?? json(500, { nope: true });
      next(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const consent = {
    id: 'cns_AAAAAAAAAAAAAAAAAAAA',
    partnerId: 'ptn_x',
    userId: 'u',
    scopes: ['application.submit'],
    purpose: 'loan_application',
    offerId: null,
    dataCategories: [],
    recipients: { bank: 'B', partner: 'P' },
    retentionDays: 30,
    status: 'active',
    grantedAt: '2026-11-28T00:00:00.000Z',
    expiresAt: '2026-12-28T00:00:00.000Z',
    withdrawnAt: null,
  };
  const unavailable = json(503, { code: 'not_ready' }, { 'retry-after': '0' });

  it('retries a GET on 503 but never a plain POST', async () => {
    hits.length = 0;
    script = [unavailable, json(200, consent)];
    const client = createClient({ gateway: url, token: 't' });
    expect((await client.consents.get(consent.id)).id).toBe(consent.id);
    expect(hits).toHaveLength(2);

    hits.length = 0;
    script = [unavailable, json(201, consent)];
    const error = await client.consents
      .create({ scopes: ['application.submit'], purpose: 'loan_application' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, code: 'http_503' });
    expect(hits).toHaveLength(1);
  });

  it('retries an application submit with the same Idempotency-Key', async () => {
    hits.length = 0;
    script = [unavailable, unavailable, json(500, {})];
    const client = createClient({ gateway: url, token: 't' });
    await client.applications
      .create({ offerId: 'x-y', amount: { value: 1, currency: 'CNY' }, applicant, consentIds: [consent.id] })
      .catch(() => undefined);
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((h) => h.key)).size).toBe(1);
    expect(hits[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('maps timeouts, unreachable gateways and off-contract answers to their own classes', async () => {
    script = [(res) => setTimeout(() => json(200, consent)(res), 500)];
    const slow = await createClient({ gateway: url, token: 't', timeout: 100, retry: { limit: 0 } })
      .consents.get(consent.id)
      .catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(FinletTimeoutError);

    const closed = await createClient({ gateway: 'http://127.0.0.1:1', token: 't', retry: { limit: 0 } })
      .health()
      .catch((e: unknown) => e);
    expect(closed).toBeInstanceOf(FinletNetworkError);

    script = [json(200, { ...consent, status: 'maybe' })];
    const offContract = await createClient({ gateway: url, token: 't' })
      .consents.get(consent.id)
      .catch((e: unknown) => e);
    expect(offContract).toBeInstanceOf(FinletValidationError);
    expect((offContract as FinletValidationError).issues[0]?.path).toEqual(['status']);
  });

  it('recognises its errors across realms by name', () => {
    const foreign = { name: 'FinletApiError', code: 'not_found', status: 404, message: 'x' };
    expect(isFinletApiError(foreign)).toBe(true);
    expect(isFinletError(foreign)).toBe(true);
    expect(isFinletApiError(new Error('x'))).toBe(false);
  });
});
