import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { randomBase62 } from '../internal/ids.js';

/**
 * API keys are `<kind>_<keyId>_<secret>`: the key id finds the row, and only a SHA-256 of the whole
 * key is stored. A plain hash is enough here (unlike passwords): the secret is 190 random bits.
 */
export const API_KEY_KINDS = { partner: 'fsk', admin: 'fak' } as const;
export type ApiKeyKind = keyof typeof API_KEY_KINDS;

const KEY_PATTERN = /^(fsk|fak)_([A-Za-z0-9]{16})_([A-Za-z0-9]{32})$/;

export interface ParsedApiKey {
  kind: ApiKeyKind;
  keyId: string;
}

export function generateApiKey(kind: ApiKeyKind): { key: string; keyId: string; hash: string } {
  const keyId = randomBase62(16);
  const key = `${API_KEY_KINDS[kind]}_${keyId}_${randomBase62(32)}`;
  return { key, keyId, hash: hashApiKey(key) };
}

export function parseApiKey(key: string): ParsedApiKey | undefined {
  const match = KEY_PATTERN.exec(key);
  if (!match) return undefined;
  return { kind: match[1] === 'fsk' ? 'partner' : 'admin', keyId: match[2]! };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function apiKeyMatches(key: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiKey(key), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
