import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { feishuDecrypt, feishuEncrypt, feishuSignature } from './feishu-crypto.js';

/**
 * Feishu's own known answer: the decryption sample of the event-subscription guide ("接收事件" /
 * "Receive events", the Python `AESCipher` and Java `Decrypt` samples) decrypts this ciphertext
 * under the Encrypt Key "test key" to "hello world". The same vector is what independent Feishu
 * SDKs (Go, Python, PHP, Ruby, Elixir) test against, so it pins the scheme, not our reading of it.
 */
const DOCUMENTED = {
  encryptKey: 'test key',
  encrypt: 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=',
  plain: 'hello world',
};

/**
 * A second implementation written from the documented steps alone, with Node's crypto and none of
 * the helper's code: key = SHA-256(Encrypt Key), bytes = base64(iv ‖ AES-256-CBC(plain)), PKCS#7.
 */
const independent = {
  key: (encryptKey: string) => createHash('sha256').update(encryptKey, 'utf8').digest(),
  encrypt(plain: string, encryptKey: string, iv: Buffer): string {
    const cipher = createCipheriv('aes-256-cbc', independent.key(encryptKey), iv);
    return Buffer.concat([iv, cipher.update(Buffer.from(plain, 'utf8')), cipher.final()]).toString('base64');
  },
  decrypt(encrypt: string, encryptKey: string): string {
    const bytes = Buffer.from(encrypt, 'base64');
    const decipher = createDecipheriv('aes-256-cbc', independent.key(encryptKey), bytes.subarray(0, 16));
    return Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString('utf8');
  },
};

describe('Feishu event encryption', () => {
  it('decrypts Feishu’s documented example to its documented plaintext', () => {
    expect(feishuDecrypt(DOCUMENTED.encrypt, DOCUMENTED.encryptKey)).toBe(DOCUMENTED.plain);
    // The vector is only evidence if the key matters.
    expect(feishuDecrypt(DOCUMENTED.encrypt, 'test key ')).toBeUndefined();
    expect(feishuDecrypt(DOCUMENTED.encrypt, 'other key')).toBeUndefined();
  });

  it('agrees with an independent implementation both ways, on multi-block and non-ASCII text', () => {
    const event = JSON.stringify({
      schema: '2.0',
      header: { event_id: 'ev_1', event_type: 'im.message.receive_v1' },
      event: { message: { content: JSON.stringify({ text: '@_user_1 供应链融资的利率是多少？' }) } },
    });
    const iv = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
    const theirs = independent.encrypt(event, 'kT9 encrypt key', iv);
    expect(feishuDecrypt(theirs, 'kT9 encrypt key')).toBe(event);
    const ours = feishuEncrypt(event, 'kT9 encrypt key');
    expect(independent.decrypt(ours, 'kT9 encrypt key')).toBe(event);
    // A fresh IV every time, carried in front of the ciphertext.
    expect(Buffer.from(feishuEncrypt(event, 'k'), 'base64').subarray(0, 16)).not.toEqual(
      Buffer.from(feishuEncrypt(event, 'k'), 'base64').subarray(0, 16),
    );
  });

  it('refuses what is not a whole ciphertext', () => {
    expect(feishuDecrypt('AAAA', DOCUMENTED.encryptKey)).toBeUndefined();
    const cut = Buffer.from(DOCUMENTED.encrypt, 'base64').subarray(0, 31).toString('base64');
    expect(feishuDecrypt(cut, DOCUMENTED.encryptKey)).toBeUndefined();
  });

  it('signs as documented: hex SHA-256 of timestamp, nonce, Encrypt Key and the raw body', () => {
    const body = JSON.stringify({ encrypt: DOCUMENTED.encrypt });
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from('1700000000n0ncetest key', 'utf8'), Buffer.from(body)]))
      .digest('hex');
    expect(feishuSignature('1700000000', 'n0nce', 'test key', body)).toBe(expected);
  });
});
