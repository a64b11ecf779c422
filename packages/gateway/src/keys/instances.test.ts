import { EmbedSession, Problem, SigningKeyRotated } from '@finlet/contracts';
import { startTestGateway, type TestGateway } from '@finlet/testing';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_CACHE_MS } from '../auth/partner-directory.js';
import { createAdminKey, createPartner } from '../bootstrap.js';
import type { RunningGateway } from '../server.js';

/** Generous: the claim is 1 s, the bound only keeps a slow machine from failing the test. */
const POLL = { timeout: 15_000, interval: 50 };

/** How long each change took to hold on the other instance (ms, from its call): reported, never asserted. */
const held: string[] = [];
const since = (label: string, started: number) =>
  held.push(`${label} ${Math.round(performance.now() - started)} ms`);

describe('a revocation holds on every instance (two gateways on one PostgreSQL schema)', () => {
  let gw: TestGateway;
  let other: RunningGateway;
  beforeAll(async () => {
    gw = await startTestGateway('postgres', { gateway: { scheduler: false, webhooks: { worker: false } } });
    other = await gw.startInstance();
  });
  afterAll(async () => {
    if (held.length > 0) console.info(`held on the other instance: ${held.join(', ')}`);
    await other?.close();
    await gw?.close();
  });

  const onOther = async (
    method: string,
    path: string,
    init: { auth?: string; cookie?: string; body?: unknown },
  ) => {
    const response = await fetch(`${other.url}${path}`, {
      method,
      headers: {
        ...(init.auth ? { authorization: `Bearer ${init.auth}` } : {}),
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const mintOnOther = (secretKey: string) =>
    onOther('POST', '/v1/embed-sessions', {
      auth: secretKey,
      body: { userId: 'u-two', scenario: 'consumption' },
    });
  const code = (response: { body: unknown }) => Problem.safeParse(response.body).data?.code;
  const asAdmin = (method: string, path: string, body?: unknown) =>
    gw.api(method, path, { auth: gw.admins.admin.apiKey, ...(body === undefined ? {} : { body }) });

  it('caches partners and keys for at most 1 s on each instance', () => {
    expect(CREDENTIAL_CACHE_MS).toBe(1_000);
    expect(other.gateway.settings.credentialCacheMs).toBeLessThanOrEqual(1_000);
  });

  it('a partner key revoked on one instance is refused by the other', async () => {
    const partner = await createPartner(gw.store, {
      name: 'Two-instance partner',
      scenarios: ['consumption'],
    });
    // The other instance has the key in its cache now.
    expect((await mintOnOther(partner.secretKey)).status).toBe(201);
    const keyId = partner.secretKey.split('_')[1]!;
    expect(
      (await asAdmin('POST', `/v1/admin/partners/${partner.partner.id}/keys/${keyId}/revoke`)).status,
    ).toBe(200);
    await expect.poll(async () => code(await mintOnOther(partner.secretKey)), POLL).toBe('api_key_revoked');
  });

  it('a partner disabled on one instance has its sessions refused by the other, and enabled works again', async () => {
    const partner = await createPartner(gw.store, { name: 'Paused on two', scenarios: ['consumption'] });
    const token = EmbedSession.parse((await mintOnOther(partner.secretKey)).body).token;
    expect((await onOther('GET', '/v1/nudges', { auth: token })).status).toBe(200);
    await asAdmin('POST', `/v1/admin/partners/${partner.partner.id}/disable`);
    await expect
      .poll(async () => code(await onOther('GET', '/v1/nudges', { auth: token })), POLL)
      .toBe('partner_disabled');
    await asAdmin('POST', `/v1/admin/partners/${partner.partner.id}/enable`);
    await expect
      .poll(async () => (await onOther('GET', '/v1/nudges', { auth: token })).status, POLL)
      .toBe(200);
  });

  it('an admin key revoked on one instance, and its console session, stop working on the other', async () => {
    const temp = await createAdminKey(gw.store, { name: 'Two-instance admin', role: 'author' });
    const signIn = await fetch(`${other.url}/v1/admin/console/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: temp.apiKey }),
    });
    expect(signIn.status).toBe(201);
    const cookie = /^(finlet_console=[^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1] ?? '';
    expect((await onOther('GET', '/v1/admin/me', { cookie })).status).toBe(200);
    expect((await onOther('GET', '/v1/admin/me', { auth: temp.apiKey })).status).toBe(200);

    const started = performance.now();
    expect((await asAdmin('POST', `/v1/admin/admin-keys/${temp.admin.id}/revoke`)).status).toBe(200);
    await expect
      .poll(async () => code(await onOther('GET', '/v1/admin/me', { auth: temp.apiKey })), POLL)
      .toBe('invalid_api_key');
    since('admin key revoked', started);
    await expect.poll(async () => (await onOther('GET', '/v1/admin/me', { cookie })).status, POLL).toBe(401);
  });

  it('a signing key rotated on one instance: the other signs with the new key and serves both', async () => {
    const started = performance.now();
    const rotated = SigningKeyRotated.parse((await asAdmin('POST', '/v1/admin/signing-keys/rotate')).body);
    await expect
      .poll(async () => {
        const minted = await mintOnOther(gw.partnerA.secretKey);
        return decodeProtectedHeader(EmbedSession.parse(minted.body).token).kid;
      }, POLL)
      .toBe(rotated.kid);
    since('signing key retired (the other signs with the new one)', started);
    const jwks = (await onOther('GET', '/.well-known/jwks.json', {})).body as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([rotated.kid, rotated.previousKid].sort());
    // A token the other instance signed with the new key verifies on this one.
    const token = EmbedSession.parse((await mintOnOther(gw.partnerA.secretKey)).body).token;
    expect((await gw.api('GET', '/v1/nudges', { auth: token })).status).toBe(200);
  });
});
