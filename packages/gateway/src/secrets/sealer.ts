import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Secrets at rest (the session-signing private key, webhook signing secrets) are sealed with
 * AES-256-GCM under the deployment's master key. node:crypto rather than jose's JWE: sealing
 * happens while rows are mapped, synchronously, and jose's JWE API is async only; the value stays a
 * short text (`sealed:v1:<key id>:<base64url iv|ciphertext|tag>`) that fits the existing columns.
 *
 * The key id lets rows written before a master key was configured (clear text) keep working, and
 * tells a wrong master key apart from a damaged value.
 */
const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What a sealed value protects; bound into the ciphertext so a value cannot be moved to another column. */
export type SecretPurpose =
  | 'signing_keys.private_jwk'
  | 'partners.webhook_secret'
  | 'webhook_endpoints.secret'
  | 'social_bots.app_secret'
  | 'social_bots.verification_token'
  | 'social_bots.encrypt_key';

export class SealedSecretError extends Error {
  override readonly name = 'SealedSecretError';
}

export class MasterKeyError extends Error {
  override readonly name = 'MasterKeyError';
}

export interface MasterKeySource {
  /** 32 bytes as base64 (or base64url) or 64 hex digits (`FINLET_MASTER_KEY`). */
  masterKey?: string | undefined;
  /** A file holding the same (`FINLET_MASTER_KEY_FILE`), e.g. a mounted secret. */
  masterKeyFile?: string | undefined;
}

export class SecretSealer {
  /** Short, non-secret identifier of the master key; undefined when none is configured. */
  readonly keyId: string | undefined;
  private readonly key: Buffer | undefined;

  constructor(key?: Buffer) {
    if (key && key.length !== 32) throw new MasterKeyError('the master key must be 32 bytes');
    this.key = key;
    this.keyId = key ? masterKeyId(key) : undefined;
  }

  /** From `FINLET_MASTER_KEY` or `FINLET_MASTER_KEY_FILE`; without either, values are stored in clear. */
  static from(source: MasterKeySource = {}): SecretSealer {
    if (source.masterKey && source.masterKeyFile)
      throw new MasterKeyError('set FINLET_MASTER_KEY or FINLET_MASTER_KEY_FILE, not both');
    let text = source.masterKey;
    let origin = 'FINLET_MASTER_KEY';
    if (source.masterKeyFile) {
      origin = `FINLET_MASTER_KEY_FILE (${source.masterKeyFile})`;
      try {
        text = readFileSync(source.masterKeyFile, 'utf8');
      } catch (error) {
        throw new MasterKeyError(`cannot read ${origin}: ${(error as Error).message}`, { cause: error });
      }
    }
    if (text === undefined || text.trim() === '') return new SecretSealer();
    return new SecretSealer(decodeMasterKey(text.trim(), origin));
  }

  get configured(): boolean {
    return this.key !== undefined;
  }

  /** Sealed under the master key, or the value itself when none is configured. */
  seal(plain: string, purpose: SecretPurpose): string {
    if (!this.key || !this.keyId) return plain;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${this.keyId}:${body.toString('base64url')}`;
  }

  /** The clear value; throws `SealedSecretError` when it was sealed under another key or is damaged. */
  open(stored: string, purpose: SecretPurpose): string {
    const sealed = parseSealed(stored);
    if (!sealed) return stored;
    if (!this.key) {
      throw new SealedSecretError(
        `a ${purpose} value is sealed with master key ${sealed.keyId}, and no master key is configured (FINLET_MASTER_KEY)`,
      );
    }
    if (sealed.keyId !== this.keyId) {
      throw new SealedSecretError(
        `a ${purpose} value is sealed with master key ${sealed.keyId}, not with the configured ${this.keyId}`,
      );
    }
    const body = sealed.body;
    if (body.length < IV_BYTES + TAG_BYTES) throw new SealedSecretError(`a ${purpose} value is damaged`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, body.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch (error) {
      throw new SealedSecretError(`a ${purpose} value cannot be opened with master key ${this.keyId}`, {
        cause: error,
      });
    }
  }

  /** True when `stored` is already in the form this sealer writes (so re-sealing would change nothing). */
  isCurrent(stored: string): boolean {
    const sealed = parseSealed(stored);
    return this.keyId === undefined ? sealed === undefined : sealed?.keyId === this.keyId;
  }
}

/** The key id a stored value was sealed with, or undefined for a clear value. */
export function sealedKeyId(stored: string): string | undefined {
  return parseSealed(stored)?.keyId;
}

function parseSealed(stored: string): { keyId: string; body: Buffer } | undefined {
  if (!stored.startsWith(PREFIX)) return undefined;
  const rest = stored.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon < 0) throw new SealedSecretError('a sealed value has no key id');
  return { keyId: rest.slice(0, colon), body: Buffer.from(rest.slice(colon + 1), 'base64url') };
}

/** Derived one-way, so the id printed in errors and by `finlet doctor` reveals nothing of the key. */
function masterKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('finlet master key id').digest('hex').slice(0, 16);
}

function decodeMasterKey(text: string, origin: string): Buffer {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
  }
  throw new MasterKeyError(
    `${origin} must be 32 random bytes as base64 or 64 hex digits (e.g. the output of \`openssl rand -base64 32\`)`,
  );
}
