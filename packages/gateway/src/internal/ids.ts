import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random base62 string; 24 characters carry ~142 bits. Rejection sampling keeps it unbiased. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** Gateway ids: `app_…`, `cns_…`, `ptn_…` (see contracts `prefixedId`). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBase62(24)}`;
}
