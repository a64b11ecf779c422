import { join } from 'node:path';
import { openStore, type RunningGateway, type Store, startGateway } from '@finlet/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, PG_URL, run, tempDir } from '../test/run.js';
import { parseDuration } from './commands.js';

const POLL = { timeout: 15_000, interval: 50 };

type Where = { name: string; env: Record<string, string>; open(): Promise<Store>; cleanup(): Promise<void> };

function sqlite(): Where {
  const tmp = tempDir();
  const dataDir = join(tmp.dir, 'data');
  return {
    name: 'SQLite',
    env: { FINLET_DATA_DIR: dataDir },
    open: () => openStore({ dataDir }),
    cleanup: async () => tmp.remove(),
  };
}

function postgres(): Where {
  const schema = `finlet_cli_keys_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  return {
    name: 'PostgreSQL',
    env: { FINLET_DATABASE_URL: PG_URL, FINLET_DATABASE_SCHEMA: schema },
    open: () => openStore({ databaseUrl: PG_URL, schema }),
    cleanup: async () => {
      await dropSchema(schema);
    },
  };
}

describe.each([
  { name: 'SQLite', make: sqlite },
  { name: 'PostgreSQL', make: postgres },
])('key commands on $name, acting on the database', ({ make }) => {
  const where = make();
  let store: Store;
  let gateway: RunningGateway;
  const cli = async (args: string[], env: Record<string, string> = {}) => {
    const result = await run(args, { env: { ...where.env, ...env } });
    return result;
  };
  const json = async <T>(args: string[]): Promise<T> => {
    const result = await cli([...args, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as T;
  };
  const call = async (path: string, init: { auth?: string; body?: unknown } = {}) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: {
        ...(init.auth ? { authorization: `Bearer ${init.auth}` } : {}),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const body = (await response.json()) as { code?: string; keys?: { kid: string }[] };
    return { status: response.status, code: body.code, body };
  };
  const mint = (secretKey: string) =>
    call('/v1/embed-sessions', { auth: secretKey, body: { userId: 'u-cli', scenario: 'consumption' } });

  beforeAll(async () => {
    expect((await cli(['migrate'])).code).toBe(0);
    store = await where.open();
    // A running gateway on the same database: what the commands change must reach it.
    gateway = await startGateway({
      store,
      port: 0,
      host: '127.0.0.1',
      logger: false,
      scheduler: false,
      webhooks: { worker: false },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await store?.close();
    await where.cleanup();
  });

  it('partners rotate-key, keys, disable and enable act on a running gateway within its cache lifetime', async () => {
    const created = await json<{ partner: { id: string }; secretKey: string }>([
      'partners',
      'create',
      '--name',
      'CLI partner',
    ]);
    const id = created.partner.id;
    expect((await mint(created.secretKey)).status).toBe(201);

    const rotated = await json<{
      secretKey: string;
      previousKeysValidUntil: string;
      previousKeys: unknown[];
    }>(['partners', 'rotate-key', id, '--overlap', '0']);
    expect(rotated.secretKey).toMatch(/^fsk_/);
    expect(rotated.previousKeys).toHaveLength(1);
    await expect.poll(async () => (await mint(created.secretKey)).code, POLL).toBe('api_key_revoked');
    expect((await mint(rotated.secretKey)).status).toBe(201);

    const human = await cli(['partners', 'rotate-key', id]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      /new secret key +fsk_\w+\n +previous keys work until \d{4}-\d\d-\d\dT[\d:.]+Z:\n/,
    );

    const keys = await json<{ keys: { status: string }[] }>(['partners', 'keys', id]);
    expect(keys.keys.map((k) => k.status)).toEqual(['active', 'expiring', 'expired']);

    expect((await json<{ status: string }>(['partners', 'disable', id])).status).toBe('disabled');
    await expect.poll(async () => (await mint(rotated.secretKey)).code, POLL).toBe('partner_disabled');
    expect((await cli(['partners', 'enable', id])).stdout).toBe(`CLI partner (${id}) is active\n`);
    await expect.poll(async () => (await mint(rotated.secretKey)).status, POLL).toBe(201);

    const actions = (await store.audit.list({ targetId: id })).map((e) => `${e.actor.kind}:${e.action}`);
    expect(actions).toEqual(
      expect.arrayContaining(['cli:partner_key.rotate', 'cli:partner.disable', 'cli:partner.enable']),
    );
  });

  it('admin-keys list and revoke: the revoked key stops working on the gateway', async () => {
    const created = await json<{ admin: { id: string }; apiKey: string }>([
      'admin-keys',
      'create',
      '--name',
      'CLI admin',
      '--role',
      'admin',
    ]);
    expect((await call('/v1/admin/me', { auth: created.apiKey })).status).toBe(200);
    const list = await cli(['admin-keys', 'list', '--json']);
    expect(list.stdout).not.toContain(created.apiKey.split('_')[2]);
    const listed = (JSON.parse(list.stdout) as { adminKeys: { id: string; status: string }[] }).adminKeys;
    expect(listed).toContainEqual(expect.objectContaining({ id: created.admin.id, status: 'active' }));

    const revoked = await json<{ status: string }>(['admin-keys', 'revoke', created.admin.id]);
    expect(revoked.status).toBe('revoked');
    await expect
      .poll(async () => (await call('/v1/admin/me', { auth: created.apiKey })).status, POLL)
      .toBe(401);
    expect((await cli(['admin-keys', 'list'])).stdout).toMatch(
      new RegExp(`${created.admin.id} +admin +revoked`),
    );
  });

  it('signing-keys rotate: the gateway signs with the new key and serves both', async () => {
    const before = (await call('/.well-known/jwks.json')).body.keys?.map((k) => k.kid) ?? [];
    const rotated = await json<{ kid: string; previousKid: string }>(['signing-keys', 'rotate']);
    expect(rotated.previousKid).toBe(before[0]);
    await expect
      .poll(async () => (await call('/.well-known/jwks.json')).body.keys?.map((k) => k.kid).sort(), POLL)
      .toEqual([rotated.kid, rotated.previousKid].sort());
  });

  it('fails in one line on an unknown partner or admin key, a bad overlap, or a configured signing key', async () => {
    const unknown = await cli(['partners', 'rotate-key', 'ptn_nobody']);
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: 'finlet: No partner ptn_nobody.\n' });
    const admin = await cli(['admin-keys', 'revoke', 'adm_nobody']);
    expect(admin).toMatchObject({ code: 1, stderr: 'finlet: No admin key adm_nobody.\n' });
    const overlap = await cli(['partners', 'rotate-key', 'ptn_x', '--overlap', 'soon']);
    expect(overlap.code).toBe(2);
    expect(overlap.stderr).toBe(
      'finlet: --overlap must be a duration such as 24h, 30m, 90s or 0, got "soon"\n',
    );
    const configured = await cli(['signing-keys', 'rotate'], { FINLET_SIGNING_KEY: '{"kty":"EC"}' });
    expect(configured.code).toBe(1);
    expect(configured.stderr).toMatch(/^finlet: FINLET_SIGNING_KEY is set: .*\n$/);
  });
});

describe('parseDuration', () => {
  it('reads seconds, minutes, hours and days, up to 30 days', () => {
    expect(parseDuration('0', '--overlap')).toBe(0);
    expect(parseDuration('90', '--overlap')).toBe(90);
    expect(parseDuration('30m', '--overlap')).toBe(1800);
    expect(parseDuration('24h', '--overlap')).toBe(86_400);
    expect(parseDuration('30d', '--overlap')).toBe(30 * 86_400);
    expect(() => parseDuration('31d', '--overlap')).toThrow(/at most 30d/);
    expect(() => parseDuration('-1', '--overlap')).toThrow(/duration/);
  });
});
