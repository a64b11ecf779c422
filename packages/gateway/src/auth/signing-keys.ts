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

/** Seconds of clock skew tolerated between the gateway instances and the partners' clocks. */
export const SIGNING_CLOCK_TOLERANCE_SECONDS = 5;

/**
 * How long an instance trusts its copy of the signing keys before reading them again: a rotation
 * made by another instance or by `finlet signing-keys rotate` takes effect everywhere within it.
 */
export const SIGNING_KEYS_REFRESH_MS = 1_000;

/** A token naming a kid this instance does not know reloads the keys, at most this often. */
const UNKNOWN_KID_RELOAD_MS = 250;

interface KnownKey {
  verifier: CryptoKey;
  publicJwk: JWK;
  /** Epoch ms when the key stopped signing; null while it signs (or for the configured key). */
  retiredAt: number | null;
}

/**
 * Session-signing keys. The active key comes from configuration (a private JWK or PKCS#8 PEM) or,
 * failing that, from the database, where the first instance to start generates and stores it:
 * every instance behind a load balancer then signs and verifies with the same keys. A rotation
 * retires the active key: it still verifies the tokens it signed, and the JWKS serves it, until
 * `retiredServedSeconds` after its retirement, when every token it signed has expired.
 */
export class SigningKeys {
  private active: ActiveSigningKey | undefined;
  private known = new Map<string, KnownKey>();
  private configuredKid: string | undefined;
  private lastReload = 0;
  private reloading: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly configured: string | undefined,
    private readonly options: { retiredServedSeconds: number; refreshMs?: number } = {
      retiredServedSeconds: 900 + SIGNING_CLOCK_TOLERANCE_SECONDS,
    },
  ) {}

  /** Whether the signing key comes from configuration (then rotation happens there, not in the database). */
  get isConfigured(): boolean {
    return this.configured !== undefined;
  }

  async init(now: Date): Promise<void> {
    if (this.configured) {
      const { privateKey, publicJwk, kid } = await importConfiguredKey(this.configured);
      this.active = { kid, privateKey };
      this.configuredKid = kid;
      this.known.set(kid, {
        verifier: (await importJWK(publicJwk, 'ES256')) as CryptoKey,
        publicJwk,
        retiredAt: null,
      });
    }
    await this.reload(now, true);
  }

  /** The key that signs now (re-read when the copy is older than the refresh interval). */
  async signingKey(): Promise<ActiveSigningKey> {
    await this.refreshIfStale(this.options.refreshMs ?? SIGNING_KEYS_REFRESH_MS);
    if (!this.active) throw new Error('signing keys are not initialised');
    return this.active;
  }

  /** The public keys to publish at `now`: the active one and retired ones still within their window. */
  async jwks(now: Date): Promise<{ keys: JWK[] }> {
    await this.refreshIfStale(this.options.refreshMs ?? SIGNING_KEYS_REFRESH_MS);
    const keys: JWK[] = [];
    for (const [kid, key] of this.known) {
      if (this.servable(key, now) && !keys.some((k) => k.kid === kid)) keys.push(key.publicJwk);
    }
    return { keys };
  }

  /** Makes the next use read the keys again (this instance just rotated them). */
  expire(): void {
    this.lastReload = 0;
  }

  /** When the key `kid` stopped signing (epoch ms), or null while it signs or when unknown. */
  retiredAt(kid: string): number | null {
    return this.known.get(kid)?.retiredAt ?? null;
  }

  /** Key resolver for jose's jwtVerify; reloads when another instance rotated in a new key. */
  resolver = async (header: JWSHeaderParameters): Promise<CryptoKey> => {
    const kid = header.kid;
    if (!kid) throw new Error('token has no kid');
    if (!this.known.has(kid)) await this.refreshIfStale(UNKNOWN_KID_RELOAD_MS);
    const key = this.known.get(kid);
    if (!key) throw new Error('unknown kid');
    return key.verifier;
  };

  private servable(key: KnownKey, now: Date): boolean {
    return key.retiredAt === null || now.getTime() < key.retiredAt + this.options.retiredServedSeconds * 1000;
  }

  private async refreshIfStale(maxAgeMs: number): Promise<void> {
    if (this.reloading) return this.reloading;
    if (Date.now() - this.lastReload < maxAgeMs) return;
    this.reloading = this.reload(new Date(), false).finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private async reload(now: Date, createIfMissing: boolean): Promise<void> {
    this.lastReload = Date.now();
    let records = await this.store.signingKeys.list();
    if (!this.configured && createIfMissing && !records.some((r) => r.retiredAt === null)) {
      await this.store.signingKeys.insertIfNoneActive(await generateSigningKeyRecord(now));
      records = await this.store.signingKeys.list();
    }
    for (const record of records) {
      if (record.kid === this.configuredKid) continue;
      const retiredAt = record.retiredAt === null ? null : new Date(record.retiredAt).getTime();
      const known = this.known.get(record.kid);
      if (known) {
        known.retiredAt = retiredAt;
        continue;
      }
      const publicJwk = JSON.parse(record.publicJwk) as JWK;
      this.known.set(record.kid, {
        verifier: (await importJWK(publicJwk, 'ES256')) as CryptoKey,
        publicJwk,
        retiredAt,
      });
    }
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

/** A fresh P-256 key pair as stored in the database. */
export async function generateSigningKeyRecord(now: Date): Promise<SigningKeyRecord> {
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
