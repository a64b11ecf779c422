import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/store.js';
import { SigningKeys } from './signing-keys.js';

describe('SigningKeys', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'finlet-keys-'));
    store = await openStore({ dataDir: dir });
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates one key on first start, persists it, and every later instance signs with it', async () => {
    const first = new SigningKeys(store, undefined);
    await first.init(new Date());
    const second = new SigningKeys(store, undefined);
    await second.init(new Date());
    expect((await second.signingKey()).kid).toBe((await first.signingKey()).kid);
    const jwks = await first.jwks(new Date());
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('uses a configured PKCS#8 key and publishes its public half', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
    const keys = new SigningKeys(store, await exportPKCS8(privateKey));
    await keys.init(new Date());
    expect((await keys.signingKey()).kid).toBe(kid);
    const jwks = await keys.jwks(new Date());
    expect(jwks.keys[0]).toMatchObject({ kid, alg: 'ES256', use: 'sig' });
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
  });

  it('refuses a configured key that is not a P-256 private key, with a clear message', async () => {
    await expect(new SigningKeys(store, 'not a key').init(new Date())).rejects.toThrow(
      /FINLET_SIGNING_KEY must be a P-256/,
    );
  });
});
