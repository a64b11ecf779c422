import {
  AdminKeyList,
  AdminKeySummary,
  AuditList,
  EmbedSession,
  Partner,
  PartnerKey,
  PartnerKeyList,
  PartnerKeyRotated,
  Problem,
  SigningKeyRotated,
} from '@finlet/contracts';
import { DIALECTS, startTestGateway, type TestGateway } from '@finlet/testing';
import { decodeProtectedHeader, importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminKey, createPartner } from '../bootstrap.js';

const HOUR = 3_600_000;

describe.each(DIALECTS)('key lifecycle on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(dialect, { gateway: { scheduler: false, webhooks: { worker: false } } });
  });
  afterAll(async () => gw?.close());

  const advance = (ms: number) => {
    gw.clock.now = new Date(gw.clock.now.getTime() + ms);
  };
  const asAdmin = (method: string, path: string, body?: unknown) =>
    gw.api(method, path, { auth: gw.admins.admin.apiKey, ...(body === undefined ? {} : { body }) });
  const mint = (secretKey: string, extra: Record<string, unknown> = {}) =>
    gw.api('POST', '/v1/embed-sessions', {
      auth: secretKey,
      body: { userId: 'u-keys', scenario: 'consumption', ...extra },
    });
  const code = (response: { body: unknown }) => Problem.parse(response.body).code;
  const newPartner = (name: string) =>
    createPartner(
      gw.store,
      { name, origins: ['https://keys.example.com'], scenarios: ['consumption'] },
      gw.clock.now,
    );

  it('rotates a partner key: the old key works during the overlap and is refused after it', async () => {
    const partner = await newPartner('Rotating partner');
    advance(1_000);
    const rotated = await asAdmin('POST', `/v1/admin/partners/${partner.partner.id}/keys/rotate`, {});
    expect(rotated.status, rotated.text).toBe(201);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    const body = PartnerKeyRotated.parse(rotated.body);
    const overlapEnd = new Date(gw.clock.now.getTime() + 24 * HOUR).toISOString();
    expect(body.previousKeysValidUntil).toBe(overlapEnd);
    expect(body.previousKeys).toEqual([
      expect.objectContaining({
        id: partner.secretKey.split('_')[1],
        status: 'expiring',
        expiresAt: overlapEnd,
      }),
    ]);
    expect(body.secretKey.startsWith(body.key.prefix)).toBe(true);
    expect(body.key.status).toBe('active');

    expect((await mint(partner.secretKey)).status).toBe(201);
    expect((await mint(body.secretKey)).status).toBe(201);
    advance(24 * HOUR - 1_000);
    expect((await mint(partner.secretKey)).status).toBe(201);
    advance(1_000);
    const late = await mint(partner.secretKey);
    expect(late.status).toBe(401);
    expect(code(late)).toBe('api_key_revoked');
    expect((await mint(body.secretKey)).status).toBe(201);

    const list = PartnerKeyList.parse(
      (await asAdmin('GET', `/v1/admin/partners/${partner.partner.id}/keys`)).body,
    );
    expect(list.keys.map((k) => k.status)).toEqual(['active', 'expired']);
    expect(JSON.stringify(list)).not.toContain(body.secretKey.split('_')[2]);
    expect(JSON.stringify(list)).not.toMatch(/hash/i);

    const audit = AuditList.parse(
      (await asAdmin('GET', `/v1/admin/audit?targetId=${partner.partner.id}&action=partner_key.rotate`)).body,
    );
    expect(audit.entries[0]?.actor).toMatchObject({ kind: 'admin', id: gw.admins.admin.admin.id });
  });

  it('takes the overlap from the request (0 ends the old key now) and refuses a bad one', async () => {
    const partner = await newPartner('Instant rotation');
    const path = `/v1/admin/partners/${partner.partner.id}/keys/rotate`;
    const bad = await asAdmin('POST', path, { overlapSeconds: -1 });
    expect(bad.status).toBe(400);
    expect(code(bad)).toBe('invalid_request');
    const rotated = PartnerKeyRotated.parse((await asAdmin('POST', path, { overlapSeconds: 0 })).body);
    expect(rotated.previousKeysValidUntil).toBe(gw.clock.now.toISOString());
    expect(code(await mint(partner.secretKey))).toBe('api_key_revoked');
    expect((await mint(rotated.secretKey)).status).toBe(201);
  });

  it('revokes one key now; unknown partners and keys are 404, twice is harmless', async () => {
    const partner = await newPartner('Leaky partner');
    const keyId = partner.secretKey.split('_')[1]!;
    expect((await mint(partner.secretKey)).status).toBe(201);
    const revoked = await asAdmin('POST', `/v1/admin/partners/${partner.partner.id}/keys/${keyId}/revoke`);
    expect(revoked.status, revoked.text).toBe(200);
    expect(PartnerKey.parse(revoked.body)).toMatchObject({ id: keyId, status: 'revoked' });
    const refused = await mint(partner.secretKey);
    expect(refused.status).toBe(401);
    expect(code(refused)).toBe('api_key_revoked');
    const again = await asAdmin('POST', `/v1/admin/partners/${partner.partner.id}/keys/${keyId}/revoke`);
    expect(PartnerKey.parse(again.body).revokedAt).toBe(PartnerKey.parse(revoked.body).revokedAt);
    expect(
      code(await asAdmin('POST', `/v1/admin/partners/${partner.partner.id}/keys/nosuchkey/revoke`)),
    ).toBe('not_found');
    // Another partner's key id under this partner is unknown here.
    const other = gw.partnerB.secretKey.split('_')[1]!;
    expect(code(await asAdmin('POST', `/v1/admin/partners/${partner.partner.id}/keys/${other}/revoke`))).toBe(
      'not_found',
    );
    expect((await mint(gw.partnerB.secretKey, { scenario: 'supply-chain' })).status).toBe(201);
    expect(code(await asAdmin('GET', '/v1/admin/partners/ptn_nobody/keys'))).toBe('not_found');
  });

  it('is for the admin role only', async () => {
    for (const [method, path] of [
      ['GET', `/v1/admin/partners/${gw.partnerA.partner.id}/keys`],
      ['POST', `/v1/admin/partners/${gw.partnerA.partner.id}/keys/rotate`],
      ['POST', `/v1/admin/partners/${gw.partnerA.partner.id}/disable`],
      ['GET', '/v1/admin/admin-keys'],
      ['POST', `/v1/admin/admin-keys/${gw.admins.author.admin.id}/revoke`],
      ['POST', '/v1/admin/signing-keys/rotate'],
    ] as const) {
      const body = method === 'POST' ? { body: {} } : {};
      const response = await gw.api(method, path, { auth: gw.admins.approver.apiKey, ...body });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(code(response)).toBe('forbidden');
      expect((await gw.api(method, path, { auth: gw.partnerA.secretKey, ...body })).status).toBe(403);
    }
    expect((await mint(gw.partnerA.secretKey)).status).toBe(201);
  });

  it('disables a partner (its key and live sessions are refused) and enables it again', async () => {
    const partner = await newPartner('Paused partner');
    const token = EmbedSession.parse((await mint(partner.secretKey)).body).token;
    const nudges = () => gw.api('GET', '/v1/nudges', { auth: token });
    expect((await nudges()).status).toBe(200);

    const disabled = await asAdmin('POST', `/v1/admin/partners/${partner.partner.id}/disable`);
    expect(Partner.parse(disabled.body).status).toBe('disabled');
    const session = await nudges();
    expect(session.status).toBe(403);
    expect(code(session)).toBe('partner_disabled');
    const key = await mint(partner.secretKey);
    expect(key.status).toBe(403);
    expect(code(key)).toBe('partner_disabled');

    const enabled = await asAdmin('POST', `/v1/admin/partners/${partner.partner.id}/enable`);
    expect(Partner.parse(enabled.body).status).toBe('active');
    expect((await nudges()).status).toBe(200);
    expect((await mint(partner.secretKey)).status).toBe(201);
    const actions = AuditList.parse(
      (await asAdmin('GET', `/v1/admin/audit?targetId=${partner.partner.id}`)).body,
    ).entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['partner.disable', 'partner.enable']));
  });

  it('lists admin keys without secrets and revokes one, ending its console sessions', async () => {
    const temp = await createAdminKey(gw.store, { name: 'Leaving author', role: 'author' });
    const signIn = await gw.api('POST', '/v1/admin/console/session', { body: { apiKey: temp.apiKey } });
    const cookie = /^(finlet_console=[^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const me = () => gw.api('GET', '/v1/admin/me', { headers: { cookie } });
    expect((await me()).status).toBe(200);

    const list = await asAdmin('GET', '/v1/admin/admin-keys');
    const keys = AdminKeyList.parse(list.body).adminKeys;
    expect(keys.find((k) => k.id === temp.admin.id)).toMatchObject({ status: 'active', role: 'author' });
    expect(list.text).not.toContain(temp.apiKey.split('_')[2]);
    expect(list.text).not.toMatch(/hash/i);

    const revoked = await asAdmin('POST', `/v1/admin/admin-keys/${temp.admin.id}/revoke`);
    expect(AdminKeySummary.parse(revoked.body)).toMatchObject({ id: temp.admin.id, status: 'revoked' });
    const byKey = await gw.api('GET', '/v1/admin/me', { auth: temp.apiKey });
    expect(byKey.status).toBe(401);
    expect(code(byKey)).toBe('invalid_api_key');
    expect((await me()).status).toBe(401);
    expect(code(await asAdmin('POST', '/v1/admin/admin-keys/adm_nobody/revoke'))).toBe('not_found');
    const audit = AuditList.parse(
      (await asAdmin('GET', `/v1/admin/audit?targetId=${temp.admin.id}&action=admin_key.revoke`)).body,
    );
    expect(audit.entries).toHaveLength(1);
  });

  it('rotates the signing key: the JWKS serves old and new until the old one’s last token expired', async () => {
    const jwks = async () =>
      ((await gw.api('GET', '/.well-known/jwks.json')).body as { keys: JWK[] }).keys.map((k) => k.kid);
    const before = await jwks();
    expect(before).toHaveLength(1);
    const oldToken = EmbedSession.parse((await mint(gw.partnerA.secretKey, { ttlSeconds: 900 })).body).token;
    const oldPrivate = (await gw.store.signingKeys.list()).find((k) => k.retiredAt === null)!.privateJwk;

    const rotated = await asAdmin('POST', '/v1/admin/signing-keys/rotate');
    expect(rotated.status, rotated.text).toBe(201);
    const body = SigningKeyRotated.parse(rotated.body);
    expect(body.previousKid).toBe(before[0]);
    expect(body.kid).not.toBe(before[0]);
    // The longest session (900 s) plus the 5 s clock tolerance.
    expect(body.previousServedUntil).toBe(new Date(gw.clock.now.getTime() + 905_000).toISOString());
    expect((await jwks()).sort()).toEqual([body.kid, before[0]].sort());

    const newToken = EmbedSession.parse((await mint(gw.partnerA.secretKey)).body).token;
    expect(decodeProtectedHeader(newToken).kid).toBe(body.kid);
    expect((await gw.api('GET', '/v1/nudges', { auth: oldToken })).status).toBe(200);
    expect((await gw.api('GET', '/v1/nudges', { auth: newToken })).status).toBe(200);

    // Whoever holds the retired private key cannot mint a token after the rotation.
    const forged = await new SignJWT({ scn: 'consumption' })
      .setProtectedHeader({ alg: 'ES256', kid: before[0]!, typ: 'finlet-session+jwt' })
      .setIssuer('finlet-gateway')
      .setAudience(gw.partnerA.partner.id)
      .setSubject('u-forged')
      .setIssuedAt(Math.floor(gw.clock.now.getTime() / 1000) + 60)
      .setExpirationTime(Math.floor(gw.clock.now.getTime() / 1000) + 600)
      .setJti('ses_forged')
      .sign(await importJWK(JSON.parse(oldPrivate) as JWK, 'ES256'));
    advance(120_000);
    const refused = await gw.api('GET', '/v1/nudges', { auth: forged });
    expect(refused.status).toBe(401);
    expect(code(refused)).toBe('invalid_token');

    advance(905_000 - 120_000 - 1_000);
    expect(await jwks()).toContain(before[0]);
    advance(1_000);
    expect(await jwks()).toEqual([body.kid]);
    const audit = AuditList.parse((await asAdmin('GET', '/v1/admin/audit?action=signing_key.rotate')).body);
    expect(audit.entries[0]?.target.id).toBe(body.kid);
  });

  it('mints sessions of 600 s by default and clamps longer requests to 900 s', async () => {
    const expiry = async (extra: Record<string, unknown>) => {
      const response = await mint(gw.partnerA.secretKey, extra);
      expect(response.status, response.text).toBe(201);
      // `iat` is in whole seconds.
      const issued = Math.floor(gw.clock.now.getTime() / 1000);
      return new Date(EmbedSession.parse(response.body).expiresAt).getTime() / 1000 - issued;
    };
    expect(await expiry({})).toBe(600);
    expect(await expiry({ ttlSeconds: 900 })).toBe(900);
    expect(await expiry({ ttlSeconds: 3600 })).toBe(900);
    expect(await expiry({ ttlSeconds: 120 })).toBe(120);
    const short = await mint(gw.partnerA.secretKey, { ttlSeconds: 30 });
    expect(code(short)).toBe('invalid_request');
  });
});

describe('session lifetime configured lower', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite', {
      gateway: { scheduler: false, maxSessionTtlSeconds: 300, webhooks: { worker: false } },
    });
  });
  afterAll(async () => gw?.close());

  it('clamps the default and every request to the configured maximum', async () => {
    for (const body of [{}, { ttlSeconds: 900 }]) {
      const response = await gw.api('POST', '/v1/embed-sessions', {
        auth: gw.partnerA.secretKey,
        body: { userId: 'u-short', scenario: 'consumption', ...body },
      });
      const { expiresAt } = EmbedSession.parse(response.body);
      const issued = Math.floor(gw.clock.now.getTime() / 1000);
      expect(new Date(expiresAt).getTime() / 1000 - issued).toBe(300);
    }
  });

  it('refuses a maximum above 900 s or below 60 s at start-up', async () => {
    const { createGateway } = await import('../app.js');
    for (const maxSessionTtlSeconds of [901, 59]) {
      await expect(createGateway({ store: gw.store, logger: false, maxSessionTtlSeconds })).rejects.toThrow(
        /maxSessionTtlSeconds must be whole seconds from 60 to 900/,
      );
    }
  });
});
