import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type JWK,
  type JWSHeaderParameters,
} from 'jose';
import type { SigningKeyRecord, Store } from '../storage/store.js';

export interface ActiveSigningKey {
  kid: string;
  privateKey: CryptoKey;
}

/**
 * Session-signing keys. The active key comes from configuration (a private JWK or PKCS#8 PEM) or,
 * failing that, from the database, where the first instance to start generates and stores it:
 * every instance behind a load balancer then signs and verifies with the same keys.
 */
export class SigningKeys {
  private active: ActiveSigningKey | undefined;
  private verifiers = new Map<string, CryptoKey>();
  private publicJwks: JWK[] = [];
  private lastReload = 0;

  constructor(
    private readonly store: Store,
    private readonly configured: string | undefined,
  ) {}

  async init(now: Date): Promise<void> {
    if (this.configured) {
      const { privateKey, publicJwk, kid } = await importConfiguredKey(this.configured);
      this.active = { kid, privateKey };
      this.verifiers.set(kid, (await importJWK(publicJwk, 'ES256')) as CryptoKey);
      this.publicJwks = [publicJwk];
    }
    await this.reload(now, true);
  }

  signingKey(): ActiveSigningKey {
    if (!this.active) throw new Error('signing keys are not initialised');
    return this.active;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.publicJwks };
  }

  /** Key resolver for jose's jwtVerify; reloads once when another instance rotated in a new key. */
  resolver = async (header: JWSHeaderParameters): Promise<CryptoKey> => {
    const kid = header.kid;
    if (!kid) throw new Error('token has no kid');
    let key = this.verifiers.get(kid);
    if (!key && Date.now() - this.lastReload > 5_000) {
      await this.reload(new Date(), false);
      key = this.verifiers.get(kid);
    }
    if (!key) throw new Error('unknown kid');
    return key;
  };

  private async reload(now: Date, createIfMissing: boolean): Promise<void> {
    this.lastReload = Date.now();
    let records = await this.store.signingKeys.list();
    if (!this.configured && createIfMissing && !records.some((r) => r.retiredAt === null)) {
      await this.store.signingKeys.insertIfNoneActive(await generateRecord(now));
      records = await this.store.signingKeys.list();
    }
    const jwks: JWK[] = this.configured ? [...this.publicJwks.slice(0, 1)] : [];
    for (const record of records) {
      const publicJwk = JSON.parse(record.publicJwk) as JWK;
      if (!this.verifiers.has(record.kid)) {
        this.verifiers.set(record.kid, (await importJWK(publicJwk, 'ES256')) as CryptoKey);
      }
      if (!jwks.some((k) => k.kid === record.kid)) jwks.push(publicJwk);
    }
    this.publicJwks = jwks;
    if (!this.configured) {
      const current = records.find((r) => r.retiredAt === null);
      if (!current) throw new Error('no active signing key');
      if (this.active?.kid !== current.kid) {
        this.active = {
          kid: current.kid,
          privateKey: (await importJWK(JSON.parse(current.privateJwk) as JWK, 'ES256')) as CryptoKey,
        };
      }
    }
  }
}

async function generateRecord(now: Date): Promise<SigningKeyRecord> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    alg: 'ES256',
    privateJwk: JSON.stringify({ ...privateJwk, kid, alg: 'ES256' }),
    publicJwk: JSON.stringify({ ...publicJwk, kid, alg: 'ES256', use: 'sig' }),
    createdAt: now.toISOString(),
    retiredAt: null,
  };
}

async function importConfiguredKey(
  text: string,
): Promise<{ privateKey: CryptoKey; publicJwk: JWK; kid: string }> {
  let privateKey: CryptoKey;
  try {
    privateKey = text.trim().startsWith('-----BEGIN')
      ? await importPKCS8(text, 'ES256', { extractable: true })
      : ((await importJWK(JSON.parse(text) as JWK, 'ES256')) as CryptoKey);
  } catch (error) {
    throw new Error('FINLET_SIGNING_KEY must be a P-256 private key as a JWK or PKCS#8 PEM', {
      cause: error,
    });
  }
  const { d: _d, ...publicPart } = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicPart);
  return { privateKey, publicJwk: { ...publicPart, kid, alg: 'ES256', use: 'sig' }, kid };
}
