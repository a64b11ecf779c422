import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESSION_TOKEN_TYPE } from '@finlet/contracts';
import { DIALECTS, type Dialect, PG_URL, startTestGateway, type TestGateway } from '@finlet/testing';
import SQLite from 'better-sqlite3';
import { importJWK, type JWK, SignJWT } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../app.js';
import { createPartner } from '../bootstrap.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/store.js';
import { looseDataDirModes } from './file-modes.js';
import { SealedSecretError } from './sealer.js';
import { NO_SECRET } from './store.js';

const masterKey = randomBytes(32).toString('base64');

/** Every secret column as stored, read past the store (as someone holding a copy of the database would). */
async function rawSecrets(dialect: Dialect, gw: TestGateway): Promise<string[]> {
  const query = `SELECT private_jwk AS v FROM signing_keys
    UNION ALL SELECT webhook_secret FROM partners WHERE webhook_secret <> '${NO_SECRET}'
    UNION ALL SELECT secret FROM webhook_endpoints
    UNION ALL SELECT previous_secret FROM webhook_endpoints WHERE previous_secret IS NOT NULL`;
  if (dialect === 'sqlite') {
    const db = new SQLite(join(gw.dataDir!, 'finlet.db'), { readonly: true });
    try {
      return (db.prepare(query).all() as Array<{ v: string }>).map((r) => r.v);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${gw.schema}` });
  await client.connect();
  try {
    return (await client.query<{ v: string }>(query)).rows.map((r) => r.v);
  } finally {
    await client.end();
  }
}

const reopen = (dialect: Dialect, gw: TestGateway, key: string | undefined): Promise<Store> =>
  dialect === 'sqlite'
    ? openStore({ dataDir: gw.dataDir, masterKey: key })
    : openStore({ databaseUrl: PG_URL, schema: gw.schema, masterKey: key });

describe.each(DIALECTS)('secrets at rest on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(dialect);
  });
  afterAll(async () => gw?.close());

  it('seals clear secrets under a newly configured master key on start, and they keep working', async () => {
    const hooked = await createPartner(gw.store, {
      name: 'Hooked',
      scenarios: ['consumption'],
      webhookUrl: 'https://93.184.215.14/hooks',
    });
    // Without a master key (the default install), the values sit in clear.
    expect((await rawSecrets(dialect, gw)).some((v) => v.startsWith('whsec_'))).toBe(true);

    const sealedStore = await reopen(dialect, gw, masterKey);
    try {
      const restarted = await createGateway({ store: sealedStore, logger: false, scheduler: false });
      await restarted.close();
      const raw = await rawSecrets(dialect, gw);
      expect(raw.length).toBeGreaterThanOrEqual(5);
      for (const value of raw) {
        expect(value).toMatch(/^sealed:v1:[0-9a-f]{16}:/);
        expect(value).not.toMatch(/whsec_|"d":/);
      }
      expect(await sealedStore.secrets.inspect()).toEqual({ sealed: raw.length, clear: 0, unreadable: [] });

      const [endpoint] = await sealedStore.webhooks.listEndpoints(hooked.partner.id);
      expect((await sealedStore.webhooks.getEndpoint(hooked.partner.id, endpoint!.id))?.secret).toBe(
        hooked.webhookSecret,
      );
      const [signing] = await sealedStore.signingKeys.list();
      expect((JSON.parse(signing!.privateJwk) as JWK).d).toEqual(expect.any(String));

      // New rows are sealed as they are written.
      await createPartner(sealedStore, { name: 'Later', scenarios: ['tourism'] });
      expect((await rawSecrets(dialect, gw)).every((v) => v.startsWith('sealed:v1:'))).toBe(true);
    } finally {
      await sealedStore.close();
    }

    // Without the key, or with another one, the sealed values cannot be opened: start-up says so.
    const wrong = await reopen(dialect, gw, randomBytes(32).toString('hex'));
    try {
      const report = await wrong.secrets.inspect();
      expect(report.sealed + report.clear).toBe(0);
      expect(report.unreadable[0]?.message).toMatch(
        /sealed with master key [0-9a-f]{16}, not with the configured/,
      );
      await expect(createGateway({ store: wrong, logger: false, scheduler: false })).rejects.toThrow(
        SealedSecretError,
      );
    } finally {
      await wrong.close();
    }
    const none = await reopen(dialect, gw, undefined);
    try {
      await expect(createGateway({ store: none, logger: false, scheduler: false })).rejects.toThrow(
        /no master key is configured/,
      );
    } finally {
      await none.close();
    }
  });
});

describe.each(DIALECTS)('session lifetime on verification on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(dialect, { masterKey });
  });
  afterAll(async () => gw?.close());

  /** A token signed with the gateway's own private key, as someone who read it from the database would. */
  const forge = async (lifetimeSeconds: number) => {
    const [active] = (await gw.store.signingKeys.list()).filter((k) => k.retiredAt === null);
    const jwk = JSON.parse(active!.privateJwk) as JWK;
    const iat = Math.floor(gw.clock.now.getTime() / 1000);
    return new SignJWT({ scn: 'consumption' })
      .setProtectedHeader({ alg: 'ES256', kid: active!.kid, typ: SESSION_TOKEN_TYPE })
      .setIssuer('finlet-gateway')
      .setAudience(gw.partnerA.partner.id)
      .setSubject('user-1')
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetimeSeconds)
      .setJti(`ses_${randomBytes(8).toString('hex')}`)
      .sign(await importJWK(jwk, 'ES256'));
  };

  it('refuses a validly signed token that claims to live longer than the maximum', async () => {
    const yearLong = await forge(365 * 86_400);
    const refused = await gw.api('GET', '/v1/nudges', { auth: yearLong });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'invalid_token', detail: expect.stringMatching(/900 s/) });
    expect((await gw.api('GET', '/v1/nudges', { auth: await forge(3600) })).status).toBe(401);
    // Within the maximum (and its clock tolerance), the same key's tokens are accepted.
    expect((await gw.api('GET', '/v1/nudges', { auth: await forge(900) })).status).toBe(200);
    expect((await gw.api('GET', '/v1/nudges', { auth: await forge(600) })).status).toBe(200);
  });
});

describe('data directory modes', () => {
  it('creates the directory 0700 and the database, -wal and -shm 0600, and warns about looser ones', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'finlet-modes-'));
    const dir = join(parent, 'data');
    try {
      const store = await openStore({ dataDir: dir });
      try {
        await store.migrate();
        expect(statSync(dir).mode & 0o777).toBe(0o700);
        const db = join(dir, 'finlet.db');
        for (const file of [db, `${db}-wal`, `${db}-shm`]) {
          expect(existsSync(file), file).toBe(true);
          expect(statSync(file).mode & 0o777, file).toBe(0o600);
        }
        expect(looseDataDirModes(dir)).toEqual([]);
        chmodSync(dir, 0o755);
        chmodSync(db, 0o644);
        const warnings = looseDataDirModes(dir);
        expect(warnings).toHaveLength(2);
        expect(warnings[0]).toMatch(/mode 0755; run `chmod 700 /);
        expect(warnings[1]).toMatch(/finlet\.db has mode 0644; run `chmod 600 /);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
