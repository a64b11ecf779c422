import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * IPv4 ranges that are not globally reachable (IANA special-purpose registry): the gateway's own
 * host, the cloud metadata service, private networks, and everything reserved.
 */
const FORBIDDEN_V4 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  // Also covers 255.255.255.255 (broadcast).
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN_V4.addSubnet(net, prefix, 'ipv4');
}
const LOOPBACK_V4 = new BlockList();
LOOPBACK_V4.addSubnet('127.0.0.0', 8, 'ipv4');

/**
 * Only 2000::/3 is global unicast; loopback, unspecified, unique- and site-local, link-local,
 * multicast and the IPv4-embedding prefixes all sit outside it and are refused or unwrapped first.
 */
const GLOBAL_V6 = new BlockList();
GLOBAL_V6.addSubnet('2000::', 3, 'ipv6');
/** Parts of 2000::/3 that are still not global: IETF protocol assignments (Teredo, benchmarking, ORCHID) and documentation. */
const FORBIDDEN_V6 = new BlockList();
for (const [net, prefix] of [
  ['2001::', 23],
  ['2001:db8::', 32],
  ['3fff::', 20],
] as const) {
  FORBIDDEN_V6.addSubnet(net, prefix, 'ipv6');
}

/** The 16 bytes of an IPv6 address, via the WHATWG URL parser so every textual form (dotted tail, zero runs, case) is read one way. */
function ipv6Bytes(address: string): Uint8Array | undefined {
  let host: string;
  try {
    host = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  // The serialiser emits only hex groups with at most one `::`.
  const [head = '', tail] = host.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8) return undefined;
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const value = Number.parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}

const v4At = (b: Uint8Array, at: number) => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
const zeros = (b: Uint8Array, from: number, to: number) => b.slice(from, to).every((x) => x === 0);

type Verdict = { kind: 'global' } | { kind: 'loopback' } | { kind: 'forbidden'; why: string };

function judgeV4(address: string): Verdict {
  if (LOOPBACK_V4.check(address, 'ipv4')) return { kind: 'loopback' };
  if (FORBIDDEN_V4.check(address, 'ipv4')) return { kind: 'forbidden', why: 'private or reserved' };
  return { kind: 'global' };
}

/** An IPv4 address carried inside an IPv6 one is only as good as the IPv4 address. */
function judgeEmbedded(v4: string, form: string): Verdict {
  const verdict = judgeV4(v4);
  if (verdict.kind === 'global') return verdict;
  return {
    kind: 'forbidden',
    why: `${form} of the ${verdict.kind === 'loopback' ? 'loopback' : 'non-global'} ${v4}`,
  };
}

function judgeV6(address: string): Verdict {
  const b = ipv6Bytes(address);
  if (!b) return { kind: 'forbidden', why: 'not a valid address' };
  if (zeros(b, 0, 15) && b[15] === 1) return { kind: 'loopback' };
  // IPv4-mapped (::ffff:a.b.c.d) reaches the IPv4 host through the local dual stack.
  // It is how a dual-stack socket reports an IPv4 peer, so mapped loopback is loopback.
  if (zeros(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) {
    const v4 = v4At(b, 12);
    return judgeV4(v4).kind === 'loopback' ? { kind: 'loopback' } : judgeEmbedded(v4, 'IPv4-mapped form');
  }
  // IPv4-compatible (::a.b.c.d), deprecated and never routable; `::` itself is unspecified.
  if (zeros(b, 0, 12)) return { kind: 'forbidden', why: 'unspecified or IPv4-compatible' };
  // IPv4-translated (::ffff:0:a.b.c.d, RFC 6145).
  if (zeros(b, 0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(b, 10, 12))
    return judgeEmbedded(v4At(b, 12), 'IPv4-translated form');
  // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052).
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(b, 4, 12))
    return judgeEmbedded(v4At(b, 12), 'NAT64 form');
  // 6to4 (2002::/16) tunnels to the IPv4 address in bits 16–47.
  if (b[0] === 0x20 && b[1] === 0x02) return judgeEmbedded(v4At(b, 2), '6to4 form');
  if (!GLOBAL_V6.check(address, 'ipv6'))
    return {
      kind: 'forbidden',
      why: 'loopback, link-local, site-local, unique-local, multicast or reserved',
    };
  if (FORBIDDEN_V6.check(address, 'ipv6'))
    return { kind: 'forbidden', why: 'Teredo, documentation or otherwise reserved' };
  return { kind: 'global' };
}

export function isLoopback(address: string): boolean {
  return judge(address).kind === 'loopback';
}

function judge(address: string): Verdict {
  const family = isIP(address);
  if (family === 4) return judgeV4(address);
  if (family === 6) return judgeV6(address.replace(/%.*$/, ''));
  return { kind: 'forbidden', why: 'not an IP address' };
}

/**
 * Why an address is refused, or undefined when it is globally reachable (or loopback and allowed).
 * Every IPv4 address embedded in an IPv6 one (mapped, compatible, translated, NAT64, 6to4) is
 * judged as the IPv4 address, since that is where the packets end up.
 */
export function forbiddenReason(address: string, options: { allowLoopback: boolean }): string | undefined {
  const verdict = judge(address);
  if (verdict.kind === 'global') return undefined;
  if (verdict.kind === 'loopback')
    return options.allowLoopback ? undefined : `${address} is a loopback address`;
  return `${address} is not a public address (${verdict.why})`;
}

export class ForbiddenAddressError extends Error {
  override readonly name = 'ForbiddenAddressError';
}

/**
 * Resolves the URL's host and refuses it when any address it resolves to is forbidden. Used where
 * a URL is stored (webhook endpoints, partners' webhook URLs); delivery checks again at connect time.
 */
export async function checkWebhookUrl(url: string, options: { allowLoopback: boolean }): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new ForbiddenAddressError('not a valid URL', { cause: error });
  }
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
