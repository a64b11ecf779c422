import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, forbiddenReason, isLoopback } from './address.js';

const refused: Array<[form: string, address: string]> = [
  ['IPv4 this-network', '0.0.0.0'],
  ['IPv4 this-network', '0.1.2.3'],
  ['IPv4 private', '10.1.2.3'],
  ['IPv4 private', '172.16.0.1'],
  ['IPv4 private', '172.31.255.255'],
  ['IPv4 private', '192.168.1.1'],
  ['IPv4 loopback', '127.0.0.1'],
  ['IPv4 loopback', '127.255.0.9'],
  ['IPv4 link-local (metadata)', '169.254.169.254'],
  ['IPv4 CGNAT', '100.64.0.1'],
  ['IPv4 CGNAT', '100.127.255.254'],
  ['IPv4 IETF protocol assignments', '192.0.0.8'],
  ['IPv4 documentation', '192.0.2.1'],
  ['IPv4 documentation', '198.51.100.7'],
  ['IPv4 documentation', '203.0.113.9'],
  ['IPv4 6to4 relay anycast', '192.88.99.1'],
  ['IPv4 benchmarking', '198.18.0.1'],
  ['IPv4 benchmarking', '198.19.255.1'],
  ['IPv4 multicast', '224.0.0.1'],
  ['IPv4 multicast', '239.255.255.250'],
  ['IPv4 reserved', '240.0.0.1'],
  ['IPv4 broadcast', '255.255.255.255'],
  ['IPv6 loopback', '::1'],
  ['IPv6 loopback, long form', '0:0:0:0:0:0:0:1'],
  ['IPv6 unspecified', '::'],
  ['IPv6 link-local', 'fe80::1'],
  ['IPv6 link-local with zone', 'fe80::1%eth0'],
  ['IPv6 unique-local', 'fc00::1'],
  ['IPv6 unique-local', 'fd12:3456::1'],
  ['IPv6 site-local', 'fec0::1'],
  ['IPv6 site-local', 'feff::1'],
  ['IPv6 multicast', 'ff02::1'],
  ['IPv6 multicast', 'ff0e::1'],
  ['IPv6 documentation', '2001:db8::1'],
  ['IPv6 documentation', '3fff::1'],
  ['IPv6 discard-only', '100::1'],
  ['IPv6 benchmarking', '2001:2::1'],
  ['IPv6 ORCHID', '2001:10::1'],
  ['Teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
  ['Teredo', '2001::1'],
  ['IPv4-mapped private', '::ffff:10.0.0.1'],
  ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
  ['IPv4-mapped metadata', '::ffff:169.254.169.254'],
  ['IPv4-mapped loopback, hex', '::ffff:7f00:1'],
  ['IPv4-mapped metadata, hex', '::ffff:a9fe:a9fe'],
  ['IPv4-mapped, long form', '0:0:0:0:0:ffff:7f00:1'],
  ['IPv4-compatible loopback', '::127.0.0.1'],
  ['IPv4-compatible metadata', '::169.254.169.254'],
  ['IPv4-compatible, hex', '::7f00:1'],
  ['IPv4-compatible public (deprecated form)', '::8.8.8.8'],
  ['IPv4-translated loopback', '::ffff:0:127.0.0.1'],
  ['6to4 of metadata', '2002:a9fe:a9fe::1'],
  ['6to4 of loopback', '2002:7f00:1::1'],
  ['6to4 of private', '2002:c0a8:101::1'],
  ['NAT64 of loopback', '64:ff9b::127.0.0.1'],
  ['NAT64 of metadata, hex', '64:ff9b::a9fe:a9fe'],
  ['NAT64 local-use prefix', '64:ff9b:1::a00:1'],
  ['not an address', 'example.com'],
];

const allowed: Array<[form: string, address: string]> = [
  ['IPv4 public', '8.8.8.8'],
  ['IPv4 public', '93.184.216.34'],
  ['IPv4 public next to CGNAT', '100.128.0.1'],
  ['IPv4 public next to 172.16/12', '172.32.0.1'],
  ['IPv6 global', '2606:4700::1111'],
  ['IPv6 global', '2a00:1450:4001:82b::200e'],
  ['IPv4-mapped public', '::ffff:8.8.8.8'],
  ['IPv4-mapped public, hex', '::ffff:808:808'],
  ['6to4 of a public address', '2002:808:808::1'],
  ['NAT64 of a public address', '64:ff9b::8.8.8.8'],
];

describe('address guard', () => {
  it.each(refused)('refuses %s: %s', (_form, address) => {
    expect(forbiddenReason(address, { allowLoopback: false })).toBeDefined();
  });

  it.each(allowed)('allows %s: %s', (_form, address) => {
    expect(forbiddenReason(address, { allowLoopback: false })).toBeUndefined();
  });

  it('allows loopback only when told to, never private networks or loopback in disguise', () => {
    expect(forbiddenReason('127.0.0.1', { allowLoopback: true })).toBeUndefined();
    expect(forbiddenReason('::1', { allowLoopback: true })).toBeUndefined();
    expect(forbiddenReason('::ffff:127.0.0.1', { allowLoopback: true })).toBeUndefined();
    expect(forbiddenReason('10.0.0.1', { allowLoopback: true })).toBeDefined();
    expect(forbiddenReason('169.254.169.254', { allowLoopback: true })).toBeDefined();
    // Tunnelled forms of loopback leave the host: they are never "loopback".
    expect(forbiddenReason('2002:7f00:1::1', { allowLoopback: true })).toBeDefined();
    expect(forbiddenReason('::127.0.0.1', { allowLoopback: true })).toBeDefined();
    expect(isLoopback('::ffff:7f00:1')).toBe(true);
    expect(isLoopback('2002:7f00:1::1')).toBe(false);
  });

  it('judges URLs by the address their host names, in every notation the URL parser accepts', async () => {
    for (const url of [
      'http://localhost:9/x',
      'http://[::1]:9/x',
      'http://0x7f.1/x',
      'http://2130706433/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://[::127.0.0.1]/x',
      'http://[2002:a9fe:a9fe::1]/latest/meta-data',
      'http://[fec0::1]/x',
    ]) {
      await expect(checkWebhookUrl(url, { allowLoopback: false }), url).rejects.toThrow(
        /loopback|not a public address/,
      );
    }
    await expect(checkWebhookUrl('http://127.0.0.1:9/x', { allowLoopback: true })).resolves.toBeUndefined();
    await expect(checkWebhookUrl('https://8.8.8.8/x', { allowLoopback: false })).resolves.toBeUndefined();
    await expect(checkWebhookUrl('http://user:pw@8.8.8.8/x', { allowLoopback: false })).rejects.toThrow(
      /credentials/,
    );
    await expect(checkWebhookUrl('ftp://8.8.8.8/x', { allowLoopback: false })).rejects.toThrow(/not http/);
    await expect(checkWebhookUrl('not a url', { allowLoopback: false })).rejects.toThrow(/not a valid URL/);
  });
});
