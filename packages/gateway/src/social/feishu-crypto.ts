import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Feishu's event-subscription security, as documented for "Encrypt Key" callbacks:
 * - signature: `X-Lark-Signature` = hex SHA-256 of `timestamp + nonce + encryptKey + body`, with
 *   `X-Lark-Request-Timestamp` (seconds) and `X-Lark-Request-Nonce`;
 * - body `{"encrypt": base64(iv ‖ AES-256-CBC(json))}` with key SHA-256(encryptKey), a random
 *   16-byte IV in front and PKCS#7 padding.
 * Shared by the adapter and the test simulator, so both speak exactly one scheme.
 */
export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey)
    .update(body)
    .digest('hex');
}

/** Constant-time comparison of a received signature with the expected one. */
export function feishuSignatureMatches(
  received: string,
  timestamp: string,
  nonce: string,
  encryptKey: string,
  body: string,
): boolean {
  const expected = Buffer.from(feishuSignature(timestamp, nonce, encryptKey, body), 'hex');
  const actual = /^[0-9a-f]{64}$/i.test(received) ? Buffer.from(received, 'hex') : Buffer.alloc(0);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function keyOf(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey).digest();
}

export function feishuEncrypt(plain: string, encryptKey: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', keyOf(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

/** The clear text, or undefined when the value is not a ciphertext under this key. */
export function feishuDecrypt(encrypted: string, encryptKey: string): string | undefined {
  const bytes = Buffer.from(encrypted, 'base64');
  if (bytes.length < 32 || bytes.length % 16 !== 0) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-cbc', keyOf(encryptKey), bytes.subarray(0, 16));
    return Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Constant-time equality of two short secrets (the verification token). */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}
