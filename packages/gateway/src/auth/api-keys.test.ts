import { describe, expect, it } from 'vitest';
import { apiKeyMatches, generateApiKey, parseApiKey } from './api-keys.js';

describe('API keys', () => {
  it('round-trips: a generated key parses to its kind and id and matches its hash only', () => {
    const partner = generateApiKey('partner');
    expect(partner.key).toMatch(/^fsk_/);
    expect(parseApiKey(partner.key)).toEqual({ kind: 'partner', keyId: partner.keyId });
    expect(apiKeyMatches(partner.key, partner.hash)).toBe(true);
    const other = generateApiKey('partner');
    expect(apiKeyMatches(other.key, partner.hash)).toBe(false);
    expect(parseApiKey(generateApiKey('admin').key)?.kind).toBe('admin');
  });

  it('rejects anything not shaped like a key', () => {
    for (const bad of [
      '',
      'fsk_',
      'sk_live_abc',
      'fsk_short_x',
      `fsk_${'a'.repeat(16)}_${'b'.repeat(31)}!`,
    ]) {
      expect(parseApiKey(bad)).toBeUndefined();
    }
  });
});
