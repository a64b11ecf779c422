import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, forbiddenReason } from './address.js';

describe('webhook address guard', () => {
  it('refuses loopback, link-local, private and reserved addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:10.0.0.1',
      '::ffff:127.0.0.1',
    ]) {
      expect(forbiddenReason(address, { allowLoopback: false }), address).toBeDefined();
    }
    for (const address of ['93.184.216.34', '2606:4700::1111', '8.8.8.8']) {
      expect(forbiddenReason(address, { allowLoopback: false }), address).toBeUndefined();
    }
  });

  it('allows loopback only when told to, never private networks', () => {
    expect(forbiddenReason('127.0.0.1', { allowLoopback: true })).toBeUndefined();
    expect(forbiddenReason('::1', { allowLoopback: true })).toBeUndefined();
    expect(forbiddenReason('10.0.0.1', { allowLoopback: true })).toBeDefined();
  });

  it('resolves host names before judging them', async () => {
    await expect(checkWebhookUrl('http://localhost:9/x', { allowLoopback: false })).rejects.toThrow(
      /loopback/,
    );
    await expect(checkWebhookUrl('http://[::1]:9/x', { allowLoopback: false })).rejects.toThrow(/loopback/);
    await expect(checkWebhookUrl('http://127.0.0.1:9/x', { allowLoopback: true })).resolves.toBeUndefined();
    await expect(checkWebhookUrl('http://user:pw@8.8.8.8/x', { allowLoopback: false })).rejects.toThrow(
      /credentials/,
    );
  });
});
