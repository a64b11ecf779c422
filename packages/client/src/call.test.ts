import type { Consent, EmbedSession, Offer, OperationId, ProblemCode } from '@finlet/contracts';
import { getConsent, listOffers, matchOffers } from '@finlet/contracts/route-table';
import { consumerOffer, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { type Call, createCall, type RouteResponse } from './call.js';
import { createCaller, createClient } from './client.js';
import { FinletApiError, type FinletErrorCode } from './errors.js';

/** The real fetch, noting what was sent (method, path and query, headers). */
function recording() {
  const sent: Array<{ method: string; url: URL; headers: Headers }> = [];
  const fetcher: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({ method: request.method, url: new URL(request.url), headers: request.headers });
    return fetch(request);
  };
  return { sent, fetch: fetcher };
}

describe('call(operation, input) against a real gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
    await gw.publish(consumerOffer);
  });
  afterAll(async () => gw?.close());

  it('takes method and path from the route list, fills and encodes path parameters, and types the answer', async () => {
    const rec = recording();
    const partner = createCaller({
      gateway: gw.url,
      fetch: rec.fetch,
      headers: { authorization: `Bearer ${gw.partnerA.secretKey}` },
    });
    const session = await partner('createEmbedSession', {
      body: { userId: 'u-call', scenario: 'consumption', signals: { 'user.age': 29 } },
    });
    expectTypeOf(session).toEqualTypeOf<EmbedSession>();
    expect(rec.sent[0]).toMatchObject({ method: 'POST', url: { pathname: '/v1/embed-sessions' } });

    const widget = createCall({
      gateway: gw.url,
      fetch: rec.fetch,
      routes: { getConsent, matchOffers },
      auth: { token: () => session.token, refresh: () => undefined },
    });
    const error = await widget('getConsent', { params: { id: 'a/b c?' } }).catch((e: unknown) => e);
    expect(rec.sent.at(-1)?.url.pathname).toBe('/v1/consents/a%2Fb%20c%3F');
    expect(rec.sent.at(-1)?.headers.get('authorization')).toBe(`Bearer ${session.token}`);
    expect(error).toBeInstanceOf(FinletApiError);
    expect((error as FinletApiError).code).toBe('not_found');
    expectTypeOf((error as FinletApiError).code).toEqualTypeOf<ProblemCode | `http_${number}`>();
    expectTypeOf<FinletErrorCode>().toExtend<string>();
    expectTypeOf<'not_found'>().toExtend<FinletErrorCode>();

    const matched = await widget('matchOffers', { body: {} });
    expect(matched.matches.map((m) => m.offer.id)).toContain(consumerOffer.id);
    // Named by its line of the route table, as the browser client does: same call, same types.
    const again = await widget(matchOffers, { body: {} });
    expectTypeOf(again).toEqualTypeOf(matched);
    expect(again.matches.map((m) => m.offer.id)).toEqual(matched.matches.map((m) => m.offer.id));
  });

  it('sends a query, and checks each answer against the schema its route declares', async () => {
    const rec = recording();
    const admin = createCaller({
      gateway: gw.url,
      fetch: rec.fetch,
      headers: { authorization: `Bearer ${gw.admins.author.apiKey}` },
    });
    const { offers } = await admin('listOffers', { query: { status: 'published', scenario: 'consumption' } });
    expectTypeOf(offers).toEqualTypeOf<Offer[]>();
    expect(offers.map((o) => o.id)).toContain(consumerOffer.id);
    const sent = rec.sent.at(-1)?.url;
    expect(sent?.pathname).toBe('/v1/admin/offers');
    expect(Object.fromEntries(sent?.searchParams ?? [])).toEqual({
      status: 'published',
      scenario: 'consumption',
    });

    const versions = await admin('getOfferVersions', { params: { id: consumerOffer.id } });
    // The route's schema parsed the answer: dates and defaults as the contract gives them.
    expect(versions.offers[0]?.id).toBe(consumerOffer.id);
  });

  it('generates an idempotency key where the route requires one, and keeps the one given', async () => {
    const rec = recording();
    const partner = createCaller({
      gateway: gw.url,
      headers: { authorization: `Bearer ${gw.partnerA.secretKey}` },
    });
    const { token } = await partner('createEmbedSession', {
      body: { userId: 'u-key', scenario: 'consumption' },
    });
    const call = createCaller({
      gateway: gw.url,
      fetch: rec.fetch,
      auth: { token: () => token, refresh: () => undefined },
    });
    const consent: Consent = await call('createConsent', {
      body: { scopes: ['application.submit'], purpose: 'loan_application' },
    });
    const body = {
      offerId: consumerOffer.id,
      amount: { value: 500_000, currency: 'CNY' as const },
      applicant: { name: 'Lin Yue' },
      consentIds: [consent.id],
    };
    await call('createApplication', { body }).catch(() => undefined);
    expect(rec.sent.at(-1)?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    await call('createApplication', { body, idempotencyKey: 'mine-1' }).catch(() => undefined);
    expect(rec.sent.at(-1)?.headers.get('idempotency-key')).toBe('mine-1');
    expect(rec.sent.find((s) => s.url.pathname === '/v1/consents')?.headers.has('idempotency-key')).toBe(
      false,
    );
  });

  it('refreshes an expired session once in its ky hook, for a POST that is never retried otherwise and for a stream', async () => {
    const partner = createCaller({
      gateway: gw.url,
      headers: { authorization: `Bearer ${gw.partnerA.secretKey}` },
    });
    const mint = () =>
      partner('createEmbedSession', { body: { userId: 'u-refresh', scenario: 'consumption' } });
    const stale = await mint();
    let refreshes = 0;
    const client = createClient({
      gateway: gw.url,
      token: stale.token,
      fetchSessionToken: async () => {
        refreshes++;
        return mint();
      },
    });
    const saved = gw.clock.now;
    gw.clock.now = new Date(Date.parse(stale.expiresAt) + 60_000);
    try {
      client.session.setToken(stale.token, new Date(Date.now() + 3_600_000));
      const consent = await client.consents.create({
        scopes: ['application.submit'],
        purpose: 'loan_application',
      });
      expect(consent.status).toBe('active');
      expect(refreshes).toBe(1);

      client.session.setToken(stale.token, new Date(Date.now() + 3_600_000));
      const parts = [];
      for await (const part of client.chat.send({ text: 'hello' })) parts.push(part.type);
      expect(parts.at(-1)).toMatch(/done|error/);
      expect(refreshes).toBe(2);
    } finally {
      gw.clock.now = saved;
    }
  });
});

describe('call types', () => {
  it('refuses an unknown operation, an operation outside the table, and input that disagrees with the route', () => {
    const call = createCall({ gateway: 'http://127.0.0.1:9', routes: { getConsent, listOffers } });
    expectTypeOf(call).toEqualTypeOf<Call<'getConsent' | 'listOffers'>>();
    expectTypeOf<RouteResponse<'getConsent'>>().toEqualTypeOf<Consent>();
    expectTypeOf<RouteResponse<'deleteConversation'>>().toEqualTypeOf<undefined>();
    const never = () => {
      // @ts-expect-error: no such operation in the route list
      void call('getConsents', { params: { id: 'x' } });
      // @ts-expect-error: a route of the list, but not in this caller's table
      void call('matchOffers', { body: {} });
      // @ts-expect-error: the route has a path parameter `id`
      void call('getConsent');
      // @ts-expect-error: `id`, not `consentId`
      void call('getConsent', { params: { consentId: 'x' } });
      // @ts-expect-error: the route takes no body
      void call('getConsent', { params: { id: 'x' }, body: {} });
      // @ts-expect-error: by its line too, the route has a path parameter `id`
      void call(getConsent, {});
      // @ts-expect-error: `status` is an offer status
      void call('listOffers', { query: { status: 'live' } });
      const all = createCaller({ gateway: 'http://127.0.0.1:9' });
      // @ts-expect-error: a body of the wrong shape
      void all('createConsent', { body: { scopes: 'all' } });
      // @ts-expect-error: no idempotency key on this route
      void all('createConsent', { body: { scopes: [], purpose: 'loan_application' }, idempotencyKey: 'k' });
      const ops: OperationId[] = ['getConsent'];
      return ops;
    };
    expect(typeof never).toBe('function');
  });
});
