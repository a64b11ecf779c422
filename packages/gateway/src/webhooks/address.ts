import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses a webhook may never reach: the gateway's own host, the cloud metadata service, private networks. */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv6');
}
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 address it carries. */
function unmap(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return { address: mapped[1], family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

export function isLoopback(address: string): boolean {
  const a = unmap(address);
  return LOOPBACK.check(a.address, a.family);
}

/** Why an address is refused, or undefined when it is a public one (or loopback and allowed). */
export function forbiddenReason(address: string, options: { allowLoopback: boolean }): string | undefined {
  const a = unmap(address);
  if (LOOPBACK.check(a.address, a.family))
    return options.allowLoopback ? undefined : `${address} is a loopback address`;
  if (FORBIDDEN.check(a.address, a.family)) return `${address} is a private, link-local or reserved address`;
  return undefined;
}

export class ForbiddenAddressError extends Error {
  override readonly name = 'ForbiddenAddressError';
}

/** Resolves the URL's host and refuses it when any address it resolves to is forbidden. */
export async function checkWebhookUrl(url: string, options: { allowLoopback: boolean }): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new ForbiddenAddressError(`${parsed.protocol} is not http or https`);
  if (parsed.username || parsed.password)
    throw new ForbiddenAddressError('credentials in the URL are not allowed');
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host)
      ? [host]
      : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch (error) {
    throw new ForbiddenAddressError(`${host} does not resolve`, { cause: error });
  }
  for (const address of addresses) {
    const reason = forbiddenReason(address, options);
    if (reason) throw new ForbiddenAddressError(reason);
  }
}
