import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MasterKeyError, SealedSecretError, SecretSealer, sealedKeyId } from './sealer.js';

const key = randomBytes(32);

describe('secret sealer', () => {
  it('seals with AES-256-GCM under the master key, bound to what the value is', () => {
    const sealer = new SecretSealer(key);
    const sealed = sealer.seal('whsec_abc', 'partners.webhook_secret');
    expect(sealed).toMatch(/^sealed:v1:[0-9a-f]{16}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('whsec_abc');
    expect(sealedKeyId(sealed)).toBe(sealer.keyId);
    expect(sealer.open(sealed, 'partners.webhook_secret')).toBe('whsec_abc');
    // A fresh IV each time: equal secrets do not look equal at rest.
    expect(sealer.seal('whsec_abc', 'partners.webhook_secret')).not.toBe(sealed);
    // Moved into another column, it no longer opens.
    expect(() => sealer.open(sealed, 'webhook_endpoints.secret')).toThrow(SealedSecretError);
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(() => sealer.open(tampered, 'partners.webhook_secret')).toThrow(/cannot be opened/);
  });

  it('reads clear values written before a master key, and names the key a sealed value needs', () => {
    const sealer = new SecretSealer(key);
    expect(sealer.open('whsec_clear', 'partners.webhook_secret')).toBe('whsec_clear');
    expect(sealer.isCurrent('whsec_clear')).toBe(false);
    const sealed = sealer.seal('x', 'signing_keys.private_jwk');
    expect(sealer.isCurrent(sealed)).toBe(true);
    expect(() => new SecretSealer().open(sealed, 'signing_keys.private_jwk')).toThrow(
      /no master key is configured/,
    );
    expect(() => new SecretSealer(randomBytes(32)).open(sealed, 'signing_keys.private_jwk')).toThrow(
      new RegExp(`sealed with master key ${sealer.keyId}, not with the configured`),
    );
    const none = new SecretSealer();
    expect(none.configured).toBe(false);
    expect(none.seal('whsec_x', 'partners.webhook_secret')).toBe('whsec_x');
  });

  it('takes the master key as base64, base64url or hex, from the environment or a file', () => {
    const id = new SecretSealer(key).keyId;
    expect(SecretSealer.from({ masterKey: key.toString('base64') }).keyId).toBe(id);
    expect(SecretSealer.from({ masterKey: key.toString('base64url') }).keyId).toBe(id);
    expect(SecretSealer.from({ masterKey: key.toString('hex') }).keyId).toBe(id);
    const dir = mkdtempSync(join(tmpdir(), 'finlet-mk-'));
    try {
      const file = join(dir, 'master.key');
      writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
      expect(SecretSealer.from({ masterKeyFile: file }).keyId).toBe(id);
      expect(() => SecretSealer.from({ masterKeyFile: join(dir, 'missing') })).toThrow(MasterKeyError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => SecretSealer.from({ masterKey: 'too-short' })).toThrow(/32 random bytes/);
    expect(() => SecretSealer.from({ masterKey: randomBytes(16).toString('hex') })).toThrow(MasterKeyError);
    expect(SecretSealer.from({}).configured).toBe(false);
  });
});
