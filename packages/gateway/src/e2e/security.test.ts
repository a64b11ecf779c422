import { Writable } from 'node:stream';
import { Problem, SESSION_TOKEN_TYPE } from '@finlet/contracts';
import { consumerOffer, DIALECTS, inventoryOffer, startTestGateway, type TestGateway } from '@finlet/testing';
import { base64url, importJWK, type JWK, SignJWT } from 'jose';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const applicant = { name: 'Alice Zhang', phone: '+86 139 0000 0000' };

describe.each(DIALECTS)('bad input and tenancy on %s', (dialect) => {
  let gw: TestGateway;
  let tokenA: string;
  const logLines: string[] = [];

  /** Everything a user could have written: rows that must not change when a request is refused. */
  async function writtenState() {
    const [appsA, consentsA, audit] = await Promise.all([
      gw.store.applications.listForUser(gw.partnerA.partner.id, 'user-a'),
      gw.store.consents.listForUser(gw.partnerA.partner.id, 'user-a'),
      gw.store.audit.list({ limit: 500 }),
    ]);
    return { apps: appsA.length, consents: consentsA.length, audit: audit.length };
  }

  async function forge(claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
    const [record] = await gw.store.signingKeys.list();
    const key = await importJWK(JSON.parse(record!.privateJwk) as JWK, 'ES256');
    const now = Math.floor(gw.clock.now.getTime() / 1000);
    return new SignJWT({ scn: 'consumption', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: record!.kid, typ: SESSION_TOKEN_TYPE, ...header })
      .setIssuer((claims.iss as string | undefined) ?? 'finlet-gateway')
      .setAudience((claims.aud as string | undefined) ?? gw.partnerA.partner.id)
      .setSubject('user-a')
      .setIssuedAt((claims.iat as number | undefined) ?? now)
      .setExpirationTime((claims.exp as number | undefined) ?? now + 300)
      .setJti('ses_forged')
      .sign(key);
  }

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    gw = await startTestGateway(dialect, { logger: pino({ level: 'info' }, sink) });
    await gw.publish(consumerOffer);
    await gw.publish(inventoryOffer);
    tokenA = await gw.session(gw.partnerA, {
      userId: 'user-a',
      scenario: 'consumption',
      signals: { 'user.age': 35 },
    });
  });
  afterAll(async () => gw?.close());

  const matchWith = (auth: string) => gw.api('POST', '/v1/offers/match', { auth, body: {} });

  it('refuses forged, expired, future, alg:none, HS256, wrong-audience and wrong-issuer tokens', async () => {
    const before = await writtenState();
    const now = Math.floor(gw.clock.now.getTime() / 1000);
    const [header, payload] = tokenA.split('.');
    const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: SESSION_TOKEN_TYPE }))}.${payload}.`;
    const hs256 = await new SignJWT({ scn: 'consumption' })
      .setProtectedHeader({ alg: 'HS256', typ: SESSION_TOKEN_TYPE })
      .setIssuer('finlet-gateway')
      .setAudience(gw.partnerA.partner.id)
      .setSubject('user-a')
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti('x')
      .sign(new TextEncoder().encode(JSON.stringify((await gw.api('GET', '/.well-known/jwks.json')).body)));
    const tampered = `${header}.${base64url.encode(
      JSON.stringify({
        ...JSON.parse(new TextDecoder().decode(base64url.decode(payload!))),
        sig: { 'user.age': 99 },
      }),
    )}.${tokenA.split('.')[2]}`;

    const cases: Array<[string, string, string]> = [
      ['garbage', 'not-a-token', 'invalid_token'],
      ['tampered claims', tampered, 'invalid_token'],
      ['alg none', none, 'invalid_token'],
      ['HS256 with the public key', hs256, 'invalid_token'],
      ['expired', await forge({ iat: now - 900, exp: now - 600 }), 'session_expired'],
      ['issued in the future', await forge({ iat: now + 3600, exp: now + 4000 }), 'invalid_token'],
      ['unknown audience', await forge({ aud: 'ptn_AAAAAAAAAAAAAAAAAAAA' }), 'invalid_token'],
      ['wrong issuer', await forge({ iss: 'someone-else' }), 'invalid_token'],
      ['wrong typ', await forge({}, { typ: 'JWT' }), 'invalid_token'],
    ];
    for (const [name, token, code] of cases) {
      const response = await matchWith(token);
      expect(response.status, name).toBe(401);
      expect(Problem.parse(response.body).code, name).toBe(code);
      expect(response.headers.get('content-type'), name).toBe('application/problem+json');
    }
    // A token whose exp was removed is refused: jose would accept it unless told exp is required.
    const noExp = await new SignJWT({ scn: 'consumption' })
      .setProtectedHeader({
        alg: 'ES256',
        kid: (await gw.store.signingKeys.list())[0]!.kid,
        typ: SESSION_TOKEN_TYPE,
      })
      .setIssuer('finlet-gateway')
      .setAudience(gw.partnerA.partner.id)
      .setSubject('user-a')
      .setIssuedAt(now)
      .setJti('x')
      .sign(await importJWK(JSON.parse((await gw.store.signingKeys.list())[0]!.privateJwk) as JWK, 'ES256'));
    expect(Problem.parse((await matchWith(noExp)).body).code).toBe('invalid_token');
    expect(await writtenState()).toEqual(before);
  });

  it('expires sessions with the clock', async () => {
    const short = await gw.session(gw.partnerA, {
      userId: 'user-a',
      scenario: 'consumption',
      ttlSeconds: 60,
    });
    expect((await matchWith(short)).status).toBe(200);
    const saved = gw.clock.now;
    gw.clock.now = new Date(saved.getTime() + 120_000);
    try {
      expect(Problem.parse((await matchWith(short)).body).code).toBe('session_expired');
    } finally {
      gw.clock.now = saved;
    }
  });

  it('answers malformed, mistyped, unknown-field, oversized and non-JSON bodies with 4xx problems and writes nothing', async () => {
    const before = await writtenState();
    const send = (init: { rawBody?: string; body?: unknown; headers?: Record<string, string> }) =>
      gw.api('POST', '/v1/consents', { auth: tokenA, ...init });
    const cases: Array<[string, Awaited<ReturnType<typeof send>>, number, string]> = [
      [
        'malformed JSON',
        await send({ rawBody: '{"scopes": [', headers: { 'content-type': 'application/json' } }),
        400,
        'invalid_json',
      ],
      [
        'empty body',
        await send({ rawBody: '', headers: { 'content-type': 'application/json' } }),
        400,
        'invalid_json',
      ],
      [
        'wrong type',
        await send({ body: { scopes: 'profile.basic', purpose: 'loan_application' } }),
        400,
        'invalid_request',
      ],
      [
        'unknown field',
        await send({ body: { scopes: ['profile.basic'], purpose: 'advice', userId: 'someone-else' } }),
        400,
        'invalid_request',
      ],
      [
        'not JSON',
        await send({
          rawBody: 'scopes=all',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
        'unsupported_media_type',
      ],
      [
        'too large',
        await send({
          rawBody: JSON.stringify({ pad: 'x'.repeat(100_000) }),
          headers: { 'content-type': 'application/json' },
        }),
        413,
        'payload_too_large',
      ],
    ];
    for (const [name, response, status, code] of cases) {
      expect(response.status, name).toBe(status);
      expect(Problem.parse(response.body).code, name).toBe(code);
    }
    // Chunked, with no Content-Length to check up front: the limit holds while reading.
    const chunk = new TextEncoder().encode(`{"pad":"${'x'.repeat(40_000)}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const chunked = await fetch(`${gw.url}/v1/consents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(Problem.parse(await chunked.json()).code).toBe('payload_too_large');
    const unknown = Problem.parse(cases[3]![1].body);
    expect(unknown.errors?.[0]).toMatchObject({ path: '(root)', message: expect.stringContaining('userId') });
    const wrongType = Problem.parse(cases[2]![1].body);
    expect(wrongType.errors?.[0]?.path).toBe('scopes');
    expect(await writtenState()).toEqual(before);
  });

  it('keeps partners apart: B cannot read A’s applications or consents, or a draft offer', async () => {
    const consent = await gw.consent(tokenA, ['application.submit']);
    const app = await gw.api<{ id: string }>('POST', '/v1/applications', {
      auth: tokenA,
      headers: { 'idempotency-key': 'tenancy-1' },
      body: {
        offerId: 'shop-installment',
        amount: { value: 300_000, currency: 'CNY' },
        applicant,
        consentIds: [consent.id],
      },
    });
    expect(app.status).toBe(201);
    const tokenB = await gw.session(gw.partnerB, { userId: 'user-a', scenario: 'supply-chain' });
    const otherUserA = await gw.session(gw.partnerA, {
      userId: 'user-z',
      scenario: 'consumption',
      signals: { 'user.age': 40 },
    });

    for (const [who, auth] of [
      ['partner B session (same user id)', tokenB],
      ['partner B secret key', gw.partnerB.secretKey],
      ['another user of partner A', otherUserA],
    ] as const) {
      const read = await gw.api('GET', `/v1/applications/${app.body.id}`, { auth });
      expect(read.status, who).toBe(404);
      expect(Problem.parse(read.body).code, who).toBe('not_found');
    }
    for (const auth of [tokenB, otherUserA]) {
      expect((await gw.api('GET', `/v1/consents/${consent.id}`, { auth })).status).toBe(404);
      expect((await gw.api('DELETE', `/v1/consents/${consent.id}`, { auth })).status).toBe(404);
    }
    // B using A's consent id for its own application: not a consent B's user holds.
    const stolen = await gw.api('POST', '/v1/applications', {
      auth: await gw.session(gw.partnerB, {
        userId: 'user-a',
        scenario: 'supply-chain',
        signals: { 'business.age_months': 40, 'inventory.turnover_days': 60 },
      }),
      headers: { 'idempotency-key': 'tenancy-2' },
      body: {
        offerId: 'scf-inventory-loan',
        amount: { value: 10_000_000, currency: 'CNY' },
        applicant,
        consentIds: [consent.id],
      },
    });
    expect(Problem.parse(stolen.body).code).toBe('consent_required');
    expect((await gw.api('GET', `/v1/consents/${consent.id}`, { auth: tokenA })).status).toBe(200);

    // A draft is invisible to partners until it is published.
    const draft = { ...structuredClone(consumerOffer), id: 'shop-draft-only' };
    expect(
      (await gw.api('POST', '/v1/admin/offers', { auth: gw.admins.author.apiKey, body: draft })).status,
    ).toBe(201);
    const match = await gw.api<{ matches: Array<{ offer: { id: string } }> }>('POST', '/v1/offers/match', {
      auth: tokenA,
      body: { includeIneligible: true },
    });
    expect(match.body.matches.map((m) => m.offer.id)).not.toContain('shop-draft-only');
    const applyDraft = await gw.api('POST', '/v1/applications', {
      auth: tokenA,
      headers: { 'idempotency-key': 'tenancy-3' },
      body: {
        offerId: 'shop-draft-only',
        amount: { value: 300_000, currency: 'CNY' },
        applicant,
        consentIds: [consent.id],
      },
    });
    expect(Problem.parse(applyDraft.body).code).toBe('offer_not_available');
  });

  it('keeps each credential in its lane', async () => {
    const cases: Array<[string, string, string | undefined, unknown, number, string]> = [
      [
        'partner key on admin API',
        'GET /v1/admin/offers',
        gw.partnerA.secretKey,
        undefined,
        403,
        'forbidden',
      ],
      ['session on admin API', 'GET /v1/admin/offers', tokenA, undefined, 401, 'invalid_api_key'],
      ['admin key on widget API', 'POST /v1/offers/match', gw.admins.admin.apiKey, {}, 403, 'forbidden'],
      ['secret key on widget API', 'POST /v1/offers/match', gw.partnerA.secretKey, {}, 403, 'forbidden'],
      ['no credential', 'POST /v1/offers/match', undefined, {}, 401, 'unauthorized'],
      [
        'unknown secret key',
        'POST /v1/embed-sessions',
        `fsk_${'A'.repeat(16)}_${'b'.repeat(32)}`,
        { userId: 'x', scenario: 'consumption' },
        401,
        'invalid_api_key',
      ],
      [
        'session minting with a session',
        'POST /v1/embed-sessions',
        tokenA,
        { userId: 'x', scenario: 'consumption' },
        401,
        'invalid_api_key',
      ],
      [
        'scenario the partner lacks',
        'POST /v1/embed-sessions',
        gw.partnerB.secretKey,
        { userId: 'x', scenario: 'tourism' },
        400,
        'invalid_request',
      ],
    ];
    for (const [name, route, auth, body, status, code] of cases) {
      const [method, path] = route.split(' ') as [string, string];
      const response = await gw.api(method, path, {
        ...(auth ? { auth } : {}),
        ...(body !== undefined ? { body } : {}),
      });
      expect(response.status, name).toBe(status);
      expect(Problem.parse(response.body).code, name).toBe(code);
    }
  });

  it('never writes secrets, tokens or personal fields to the logs', async () => {
    const joined = logLines.join('\n');
    expect(joined).toContain('"route":"/v1/applications"');
    for (const secret of [
      gw.partnerA.secretKey,
      gw.partnerB.secretKey,
      tokenA,
      gw.admins.author.apiKey,
      'Alice Zhang',
      '+86 139',
    ]) {
      expect(joined).not.toContain(secret);
    }
  });
});
