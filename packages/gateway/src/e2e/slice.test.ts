import { Application, Consent, OfferMatchResult, PartnerApplicationView, Problem } from '@finlet/contracts';
import {
  consumerOffer,
  DIALECTS,
  inventoryOffer,
  ORIGIN_A,
  receivablesOffer,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const applicant = { name: '陈晓明', phone: '+86 138 0013 8000', businessName: '晓明贸易有限公司' };
const merchantSignals = {
  'business.age_months': 30,
  'inventory.turnover_days': 62,
  'receivables.outstanding_cny': 40_000,
};

describe.each(DIALECTS)('the foundation slice over real HTTP on %s', (dialect) => {
  let gw: TestGateway;
  let token: string;

  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    await gw.publish(inventoryOffer);
    await gw.publish(receivablesOffer);
    await gw.publish(consumerOffer);
    token = await gw.session(gw.partnerA, {
      userId: 'merchant-1001',
      scenario: 'supply-chain',
      signals: merchantSignals,
    });
  });
  afterAll(async () => gw?.close());

  it('answers health, readiness, JWKS and its generated OpenAPI document', async () => {
    expect((await gw.api('GET', '/healthz')).body).toMatchObject({ status: 'ok' });
    expect((await gw.api('GET', '/readyz')).body).toMatchObject({
      status: 'ok',
      checks: { migrations: 'ok' },
    });
    const jwks = await gw.api<{ keys: Array<{ kty: string; alg: string; d?: string }> }>(
      'GET',
      '/.well-known/jwks.json',
    );
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'EC', alg: 'ES256' });
    expect(jwks.body.keys.every((k) => k.d === undefined)).toBe(true);
    const openapi = await gw.api<{ openapi: string; paths: Record<string, unknown> }>(
      'GET',
      '/v1/openapi.json',
    );
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toContain('/v1/offers/match');
  });

  it('mints a session, matches offers with every criterion explained, records consent and submits', async () => {
    const match = await gw.api('POST', '/v1/offers/match', {
      auth: token,
      body: { amount: { value: 20_000_000, currency: 'CNY' }, termMonths: 6, includeIneligible: true },
    });
    expect(match.status).toBe(200);
    const result = OfferMatchResult.parse(match.body);
    expect(result.scenario).toBe('supply-chain');
    // The consumer offer is for another scenario: never shown. Receivables is shown as ineligible.
    expect(result.matches.map((m) => [m.offer.id, m.eligible, m.rank])).toEqual([
      ['scf-inventory-loan', true, 1],
      ['scf-receivables', false, null],
    ]);
    const [inventory, receivables] = result.matches;
    expect(inventory?.criteria).toEqual([
      expect.objectContaining({ id: 'trading-history', met: true, observed: 30, expected: 12 }),
      expect.objectContaining({ id: 'turnover', met: true, observed: 62, expected: 45 }),
    ]);
    expect(receivables?.criteria[0]).toMatchObject({ met: false, observed: 40_000 });
    expect(inventory?.offer).not.toHaveProperty('createdBy');

    const consent = await gw.api('POST', '/v1/consents', {
      auth: token,
      body: {
        scopes: ['application.submit', 'business.financials'],
        purpose: 'loan_application',
        offerId: 'scf-inventory-loan',
      },
    });
    expect(consent.status).toBe(201);
    const granted = Consent.parse(consent.body);
    expect(granted).toMatchObject({
      status: 'active',
      userId: 'merchant-1001',
      partnerId: gw.partnerA.partner.id,
    });

    const submit = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': 'slice-1' },
      body: {
        offerId: 'scf-inventory-loan',
        amount: { value: 20_000_000, currency: 'CNY' },
        termMonths: 6,
        purpose: '进货',
        applicant,
        consentIds: [granted.id],
      },
    });
    expect(submit.status).toBe(201);
    const application = Application.parse(submit.body);
    expect(application).toMatchObject({
      status: 'submitted',
      offerVersion: 1,
      amount: { value: 20_000_000 },
    });

    const asUser = await gw.api('GET', `/v1/applications/${application.id}`, { auth: token });
    expect(Application.parse(asUser.body).applicant.name).toBe('陈晓明');
    const asPartner = await gw.api('GET', `/v1/applications/${application.id}`, {
      auth: gw.partnerA.secretKey,
    });
    expect(PartnerApplicationView.strict().parse(asPartner.body).status).toBe('submitted');
    expect(asPartner.body).not.toHaveProperty('applicant');
  });

  it('refuses an application without a live consent, and after the consent is withdrawn', async () => {
    const body = (consentIds: string[]) => ({
      offerId: 'scf-inventory-loan',
      amount: { value: 10_000_000, currency: 'CNY' },
      applicant,
      consentIds,
    });
    const consent = await gw.consent(token, ['profile.basic']);
    const narrow = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': 'no-scope' },
      body: body([consent.id]),
    });
    expect(narrow.status).toBe(403);
    expect(Problem.parse(narrow.body).code).toBe('consent_required');

    const full = await gw.consent(token, ['application.submit']);
    const withdrawn = await gw.api('DELETE', `/v1/consents/${full.id}`, { auth: token });
    expect(Consent.parse(withdrawn.body)).toMatchObject({ status: 'withdrawn' });
    const after = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': 'withdrawn' },
      body: body([full.id]),
    });
    expect(Problem.parse(after.body).code).toBe('consent_required');
  });

  it('needs a separate consent for the ID number (PIPL art. 29)', async () => {
    const mixed = await gw.api('POST', '/v1/consents', {
      auth: token,
      body: { scopes: ['application.submit', 'sensitive.id_number'], purpose: 'loan_application' },
    });
    expect(mixed.status).toBe(422);
    expect(Problem.parse(mixed.body).code).toBe('consent_not_separate');

    const general = await gw.consent(token, ['application.submit']);
    const idNumber = '11010519491231002X';
    const request = (consentIds: string[], key: string) =>
      gw.api('POST', '/v1/applications', {
        auth: token,
        headers: { 'idempotency-key': key },
        body: {
          offerId: 'scf-inventory-loan',
          amount: { value: 10_000_000, currency: 'CNY' },
          applicant: { ...applicant, idNumber },
          consentIds,
        },
      });
    expect(Problem.parse((await request([general.id], 'id-1')).body).code).toBe('consent_required');
    const sensitive = await gw.consent(token, ['sensitive.id_number']);
    const ok = await request([general.id, sensitive.id], 'id-2');
    expect(ok.status).toBe(201);
    expect(Application.parse(ok.body).applicant.idNumberMasked).toBe('1101**********002X');
    expect(ok.text).not.toContain(idNumber);
  });

  it('checks the amount and the criteria again on submit, from the trusted session only', async () => {
    const consent = await gw.consent(token, ['application.submit']);
    const tooMuch = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': 'too-much' },
      body: {
        offerId: 'scf-inventory-loan',
        amount: { value: 900_000_000, currency: 'CNY' },
        applicant,
        consentIds: [consent.id],
      },
    });
    expect(Problem.parse(tooMuch.body).code).toBe('amount_out_of_range');
    const notEligible = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': 'not-eligible' },
      body: {
        offerId: 'scf-receivables',
        amount: { value: 20_000_000, currency: 'CNY' },
        applicant,
        consentIds: [consent.id],
      },
    });
    expect(Problem.parse(notEligible.body).code).toBe('offer_not_eligible');
    const otherScenario = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': 'other-scenario' },
      body: {
        offerId: 'shop-installment',
        amount: { value: 100_000, currency: 'CNY' },
        applicant,
        consentIds: [consent.id],
      },
    });
    expect(Problem.parse(otherScenario.body).code).toBe('offer_not_available');
  });

  it('replays an idempotent submit byte for byte and refuses a reused key with another body', async () => {
    const consent = await gw.consent(token, ['application.submit']);
    const body = {
      offerId: 'scf-inventory-loan',
      amount: { value: 8_000_000, currency: 'CNY' },
      applicant,
      consentIds: [consent.id],
    };
    const first = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': 'idem-1' },
      body,
    });
    // Same meaning, other key order: still the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const second = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': 'idem-1' },
      body: reordered,
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    const mine = await gw.store.applications.listForUser(gw.partnerA.partner.id, 'merchant-1001');
    expect(mine.filter((a) => a.amount?.value === 8_000_000)).toHaveLength(1);

    const changed = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': 'idem-1' },
      body: { ...body, amount: { value: 9_000_000, currency: 'CNY' } },
    });
    expect(changed.status).toBe(422);
    expect(Problem.parse(changed.body).code).toBe('idempotency_conflict');

    const missing = await gw.api('POST', '/v1/applications', { auth: token, body });
    expect(Problem.parse(missing.body).code).toBe('idempotency_key_required');
  });

  it('answers 409 while the first request with a key is still running', async () => {
    const { requestHash } = await import('../http/idempotency.js');
    const consent = await gw.consent(token, ['application.submit']);
    const body = {
      offerId: 'scf-inventory-loan',
      amount: { value: 7_000_000, currency: 'CNY' },
      applicant,
      consentIds: [consent.id],
    };
    const now = gw.clock.now;
    await gw.store.idempotency.begin({
      partnerId: gw.partnerA.partner.id,
      key: 'running',
      requestHash: requestHash('POST', '/v1/applications', 'merchant-1001', JSON.stringify(body)),
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + 60_000).toISOString(),
      leaseExpiresAt: new Date(now.getTime() + 10_000).toISOString(),
    });
    const busy = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': 'running' },
      body,
    });
    expect(busy.status).toBe(409);
    expect(Problem.parse(busy.body).code).toBe('idempotency_in_progress');
    expect(busy.headers.get('retry-after')).toBe('1');
  });

  it('lets the widget origin through CORS and refuses other origins', async () => {
    const preflight = await gw.api('OPTIONS', '/v1/offers/match', {
      headers: { origin: ORIGIN_A, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN_A);
    // A widget's calls need a preflight (JSON, Authorization); browsers keep it for as long as
    // they allow (Chromium caps at 2 h), so a returning page pays for it once, not every 10 minutes.
    expect(preflight.headers.get('access-control-max-age')).toBe('7200');
    const stranger = await gw.api('OPTIONS', '/v1/offers/match', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(stranger.status).toBe(403);
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();

    const fromA = await gw.api('POST', '/v1/offers/match', {
      auth: token,
      body: {},
      headers: { origin: ORIGIN_A },
    });
    expect(fromA.status).toBe(200);
    expect(fromA.headers.get('access-control-allow-origin')).toBe(ORIGIN_A);
    // Partner B's origin is known to the gateway, but not for partner A's session.
    const fromB = await gw.api('POST', '/v1/offers/match', {
      auth: token,
      body: {},
      headers: { origin: gw.partnerB.partner.origins[0]! },
    });
    expect(Problem.parse(fromB.body).code).toBe('origin_not_allowed');
    const secretInBrowser = await gw.api('POST', '/v1/embed-sessions', {
      auth: gw.partnerA.secretKey,
      body: { userId: 'u1', scenario: 'consumption' },
      headers: { origin: ORIGIN_A },
    });
    expect(secretInBrowser.status).toBe(403);
  });

  it('takes the match as a CORS simple request (token in a text/plain body): no preflight, same checks', async () => {
    const plain = (origin: string, body: string, path = '/v1/offers/match') =>
      fetch(`${gw.url}${path}`, {
        method: 'POST',
        headers: { origin, 'content-type': 'text/plain;charset=UTF-8' },
        body,
      });
    const request = { amount: { value: 800_000, currency: 'CNY' }, limit: 2 };
    const simple = await plain(ORIGIN_A, JSON.stringify({ token, body: request }));
    expect(simple.status).toBe(200);
    expect(simple.headers.get('access-control-allow-origin')).toBe(ORIGIN_A);
    const answer = OfferMatchResult.parse(await simple.json());
    const json = await gw.api('POST', '/v1/offers/match', { auth: token, body: request });
    expect(answer.matches.map((m) => m.offer.id)).toEqual(
      OfferMatchResult.parse(json.body).matches.map((m) => m.offer.id),
    );
    // The origin is checked as for the header: partner B's page cannot use A's token.
    const fromB = await plain(gw.partnerB.partner.origins[0]!, JSON.stringify({ token, body: request }));
    expect(Problem.parse(await fromB.json()).code).toBe('origin_not_allowed');
    // No token, a wrong envelope, a body the route refuses, a bad token: the usual problems.
    expect(Problem.parse(await (await plain(ORIGIN_A, JSON.stringify({ body: request }))).json()).code).toBe(
      'invalid_request',
    );
    expect(Problem.parse(await (await plain(ORIGIN_A, 'not json')).json()).code).toBe('invalid_json');
    const refused = await plain(ORIGIN_A, JSON.stringify({ token, body: { limit: 'many' } }));
    expect(Problem.parse(await refused.json()).code).toBe('invalid_request');
    const forged = await plain(ORIGIN_A, JSON.stringify({ token: `${token}x`, body: request }));
    expect(forged.status).toBe(401);
    // Only routes that change nothing and opt in take it: an application still needs JSON.
    const write = await plain(ORIGIN_A, JSON.stringify({ token, body: {} }), '/v1/consents');
    expect(Problem.parse(await write.json()).code).toBe('unauthorized');
  });

  it('binds a session to the origin it was minted for', async () => {
    const bound = await gw.session(gw.partnerA, {
      userId: 'u-bound',
      scenario: 'consumption',
      origin: ORIGIN_A,
    });
    expect(
      (await gw.api('POST', '/v1/offers/match', { auth: bound, body: {}, headers: { origin: ORIGIN_A } }))
        .status,
    ).toBe(200);
    const wrongOrigin = await gw.api('POST', '/v1/embed-sessions', {
      auth: gw.partnerA.secretKey,
      body: { userId: 'u1', scenario: 'consumption', origin: 'https://not-registered.example' },
    });
    expect(Problem.parse(wrongOrigin.body).code).toBe('invalid_request');
  });

  it('gives every response a request id and keeps a safe inbound one', async () => {
    const mine = await gw.api('GET', '/healthz', { headers: { 'x-request-id': 'trace-1234abcd' } });
    expect(mine.headers.get('x-request-id')).toBe('trace-1234abcd');
    const unsafe = await gw.api('GET', '/healthz', { headers: { 'x-request-id': 'bad id\u00e9' } });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^req_/);
    const missing = await gw.api('GET', '/v1/nothing-here');
    expect(Problem.parse(missing.body)).toMatchObject({
      code: 'not_found',
      requestId: missing.headers.get('x-request-id'),
    });
    // A load balancer's id (HAProxy joins fields with `:` and `.`) is kept too.
    const balanced = await gw.api('GET', '/healthz', {
      headers: { 'x-request-id': '10.0.0.7:51234_1A2B.9' },
    });
    expect(balanced.headers.get('x-request-id')).toBe('10.0.0.7:51234_1A2B.9');
    const wrongMethod = await gw.api('GET', '/v1/offers/match');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(Problem.parse(wrongMethod.body)).toMatchObject({
      code: 'method_not_allowed',
      requestId: wrongMethod.headers.get('x-request-id'),
    });
    const readOnly = await gw.api('POST', '/healthz', { body: {} });
    expect(readOnly.status).toBe(405);
    expect(readOnly.headers.get('allow')).toBe('GET, HEAD');
  });
});
