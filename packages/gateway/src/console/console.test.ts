import { AdminIdentity, AuditList, ConsoleSession, Offer, Problem } from '@finlet/contracts';
import { consumerOffer, DIALECTS, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../app.js';
import { createAdminKey } from '../bootstrap.js';

const MINUTE = 60_000;

describe.each(DIALECTS)('console sign-in with a cookie on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(dialect, { gateway: { scheduler: false } });
  });
  afterAll(async () => gw?.close());

  const advance = (ms: number) => {
    gw.clock.now = new Date(gw.clock.now.getTime() + ms);
  };

  async function signIn(apiKey: string) {
    const response = await gw.api('POST', '/v1/admin/console/session', { body: { apiKey } });
    expect(response.status, response.text).toBe(201);
    const setCookie = response.headers.get('set-cookie') ?? '';
    const cookie = /^finlet_console=([^;]+)/.exec(setCookie)?.[1];
    expect(cookie).toBeTruthy();
    return { session: ConsoleSession.parse(response.body), setCookie, cookie: `finlet_console=${cookie}` };
  }

  /** A call as the console makes it: the cookie, and the CSRF token unless told otherwise. */
  const consoleCall = (
    cookie: string,
    method: string,
    path: string,
    options: { csrf?: string; origin?: string; body?: unknown } = {},
  ) =>
    gw.api(method, path, {
      headers: {
        cookie,
        ...(options.csrf ? { 'x-csrf-token': options.csrf } : {}),
        ...(options.origin ? { origin: options.origin } : {}),
      },
      ...(options.body !== undefined ? { body: options.body } : {}),
    });

  it('sets an HttpOnly, SameSite=Strict cookie (not Secure on loopback http) and answers GETs with it', async () => {
    const { session, setCookie, cookie } = await signIn(gw.admins.author.apiKey);
    expect(session.admin).toEqual(gw.admins.author.admin);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; Max-Age=28800/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(new Date(session.expiresAt).getTime() - gw.clock.now.getTime()).toBe(8 * 60 * MINUTE);

    const me = await consoleCall(cookie, 'GET', '/v1/admin/me');
    expect(me.status).toBe(200);
    expect(AdminIdentity.parse(me.body)).toEqual(gw.admins.author.admin);
    const again = await consoleCall(cookie, 'GET', '/v1/admin/console/session');
    expect(ConsoleSession.parse(again.body).csrfToken).toBe(session.csrfToken);

    // The key itself still works without any cookie (CLI, CI).
    expect((await gw.api('GET', '/v1/admin/me', { auth: gw.admins.author.apiKey })).status).toBe(200);
    // Without cookie or key: the session endpoint says who is missing.
    const anonymous = await gw.api('GET', '/v1/admin/console/session');
    expect(Problem.parse(anonymous.body).code).toBe('unauthorized');
    // A key-authenticated caller has no console session to show.
    const keyOnly = await gw.api('GET', '/v1/admin/console/session', { auth: gw.admins.author.apiKey });
    expect(keyOnly.status).toBe(401);
  });

  it('marks the cookie Secure for https and for non-loopback hosts', async () => {
    const other = await createGateway({
      store: gw.store,
      logger: false,
      scheduler: false,
      webhooks: { worker: false },
    });
    try {
      for (const url of ['https://console.bank.example', 'http://console.bank.example']) {
        const response = await other.app.request(`${url}/v1/admin/console/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ apiKey: gw.admins.author.apiKey }),
        });
        expect(response.status).toBe(201);
        expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
      }
    } finally {
      await other.close();
    }
  });

  it('refuses a wrong key, and a sign-in from a foreign page', async () => {
    const wrong = await gw.api('POST', '/v1/admin/console/session', {
      body: { apiKey: `${gw.admins.author.apiKey.slice(0, -4)}AAAA` },
    });
    expect(wrong.status).toBe(401);
    expect(Problem.parse(wrong.body).code).toBe('invalid_api_key');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const foreign = await gw.api('POST', '/v1/admin/console/session', {
      body: { apiKey: gw.admins.author.apiKey },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(Problem.parse(foreign.body).code).toBe('csrf_failed');
  });

  it('needs the CSRF token and the own origin for changes made with the cookie', async () => {
    const { session, cookie } = await signIn(gw.admins.author.apiKey);
    const offer = { ...structuredClone(consumerOffer), id: 'console-csrf-offer' };

    const missing = await consoleCall(cookie, 'POST', '/v1/admin/offers', { body: offer });
    expect(missing.status).toBe(403);
    expect(Problem.parse(missing.body).code).toBe('csrf_failed');
    const wrong = await consoleCall(cookie, 'POST', '/v1/admin/offers', {
      body: offer,
      csrf: `${session.csrfToken.slice(0, -2)}xx`,
    });
    expect(Problem.parse(wrong.body).code).toBe('csrf_failed');
    const foreign = await consoleCall(cookie, 'POST', '/v1/admin/offers', {
      body: offer,
      csrf: session.csrfToken,
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(Problem.parse(foreign.body).code).toBe('csrf_failed');
    // A foreign origin cannot read with the cookie either.
    expect(
      (await consoleCall(cookie, 'GET', '/v1/admin/me', { origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect((await gw.store.offers.listVersions(offer.id)).length).toBe(0);

    const created = await consoleCall(cookie, 'POST', '/v1/admin/offers', {
      body: offer,
      csrf: session.csrfToken,
      origin: gw.url,
    });
    expect(created.status, created.text).toBe(201);
    expect(Offer.parse(created.body).createdBy).toBe(gw.admins.author.admin.id);
  });

  it('keeps four eyes under cookie auth and audits the admin behind the cookie', async () => {
    const offer = { ...structuredClone(consumerOffer), id: 'console-four-eyes' };
    const admin = await signIn(gw.admins.admin.apiKey);
    const as = (s: typeof admin, method: string, path: string, body: unknown = {}) =>
      consoleCall(s.cookie, method, path, { csrf: s.session.csrfToken, body });
    const base = `/v1/admin/offers/${offer.id}/versions/1`;
    expect((await as(admin, 'POST', '/v1/admin/offers', offer)).status).toBe(201);
    expect((await as(admin, 'POST', `${base}/submit`)).status).toBe(200);
    const self = await as(admin, 'POST', `${base}/approve`);
    expect(self.status).toBe(403);
    expect(Problem.parse(self.body).code).toBe('approver_is_author');

    const author = await signIn(gw.admins.author.apiKey);
    expect(Problem.parse((await as(author, 'POST', `${base}/approve`)).body).code).toBe('forbidden');

    const approver = await signIn(gw.admins.approver.apiKey);
    const approved = await as(approver, 'POST', `${base}/approve`);
    expect(Offer.parse(approved.body)).toMatchObject({
      status: 'approved',
      approvedBy: gw.admins.approver.admin.id,
    });
    const log = AuditList.parse(
      (await consoleCall(approver.cookie, 'GET', `/v1/admin/audit?targetId=${offer.id}&action=offer.approve`))
        .body,
    );
    expect(log.entries[0]?.actor).toEqual({
      kind: 'admin',
      id: gw.admins.approver.admin.id,
      name: gw.admins.approver.admin.name,
    });
  });

  it('signs out: the session is revoked and the cookie cleared', async () => {
    const { session, cookie } = await signIn(gw.admins.author.apiKey);
    const noToken = await consoleCall(cookie, 'DELETE', '/v1/admin/console/session');
    expect(Problem.parse(noToken.body).code).toBe('csrf_failed');
    const out = await consoleCall(cookie, 'DELETE', '/v1/admin/console/session', { csrf: session.csrfToken });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^finlet_console=; .*Max-Age=0/);
    const after = await consoleCall(cookie, 'GET', '/v1/admin/me');
    expect(after.status).toBe(401);
    expect(Problem.parse(after.body).code).toBe('unauthorized');
  });

  it('ends after 30 idle minutes, slides while used, and ends after 8 hours whatever happens', async () => {
    const idle = await signIn(gw.admins.author.apiKey);
    advance(29 * MINUTE);
    expect((await consoleCall(idle.cookie, 'GET', '/v1/admin/me')).status).toBe(200);
    advance(29 * MINUTE);
    expect((await consoleCall(idle.cookie, 'GET', '/v1/admin/me')).status).toBe(200);
    advance(30 * MINUTE + 1);
    expect((await consoleCall(idle.cookie, 'GET', '/v1/admin/me')).status).toBe(401);

    const busy = await signIn(gw.admins.author.apiKey);
    for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
      advance(20 * MINUTE);
      expect((await consoleCall(busy.cookie, 'GET', '/v1/admin/me')).status, `${minutes} min`).toBe(200);
    }
    advance(20 * MINUTE);
    const expired = await consoleCall(busy.cookie, 'GET', '/v1/admin/me');
    expect(expired.status).toBe(401);
    expect(Problem.parse(expired.body).code).toBe('unauthorized');
  });

  it('ends every session of an admin key when the key is revoked', async () => {
    const key = await createAdminKey(gw.store, { name: 'Temp author', role: 'author' });
    const { cookie } = await signIn(key.apiKey);
    expect((await consoleCall(cookie, 'GET', '/v1/admin/me')).status).toBe(200);
    expect(await gw.store.adminKeys.revoke(key.admin.id, gw.clock.now.toISOString())).toBe(true);
    const after = await consoleCall(cookie, 'GET', '/v1/admin/me');
    expect(after.status).toBe(401);
    expect(Problem.parse(after.body).code).toBe('invalid_api_key');
    const again = await gw.api('POST', '/v1/admin/console/session', { body: { apiKey: key.apiKey } });
    expect(Problem.parse(again.body).code).toBe('invalid_api_key');
  });
});
