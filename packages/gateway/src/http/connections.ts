import { randomUUID } from 'node:crypto';
import { type Server, STATUS_CODES } from 'node:http';
import { BlockList, isIP, type Socket } from 'node:net';
import { PROBLEM_CODES, PROBLEM_TITLES, PROBLEM_TYPE_BASE, type ProblemCode } from '@finlet/contracts';
import type { MiddlewareHandler } from 'hono';
import type { GatewayEnv } from './context.js';
import { HttpProblem } from './problem.js';

/** How long a client may take to send a request, and how many connections one client may hold. */
export interface ConnectionLimits {
  /** Until the request's headers are complete; default 10 s. */
  headersTimeoutMs?: number;
  /**
   * Until the whole request (headers and body) is received; default 30 s. It ends when the request
   * is read, so a long response (the chat's Server-Sent Events) is never cut by it.
   */
  requestTimeoutMs?: number;
  /** Connections one client address may hold open at once; default 64. */
  maxPerClient?: number;
  /**
   * Addresses (or `address/prefix` ranges) of reverse proxies in front of the gateway. Their own
   * connections are not capped; the client they name last in `X-Forwarded-For` is, by requests in flight.
   */
  trustedProxies?: readonly string[];
}

export const CONNECTION_DEFAULTS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxPerClient: 64,
} as const;

/** Sockets accepted beyond their client's cap: their first request is answered 429 and the connection closed. */
const overCap = new WeakSet<Socket>();

/**
 * The reverse proxies in front of the gateway (`ConnectionLimits.trustedProxies`), asked about on
 * every connection and request. Without any, the answer is no at once; otherwise each address's
 * answer is kept (a `BlockList` check builds a `SocketAddress` every time), for a bounded number of
 * addresses.
 */
export class TrustedProxies {
  static readonly #MAX_ANSWERS = 10_000;
  readonly #list = new BlockList();
  readonly #empty: boolean;
  readonly #answers = new Map<string, boolean>();

  constructor(ranges: readonly string[] = []) {
    for (const range of ranges) {
      const [address = '', prefix] = range.trim().split('/');
      const family = isIP(address);
      if (family === 0) throw new RangeError(`trusted proxy "${range}" is not an IP address or range`);
      const type = family === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.#list.addAddress(address, type);
      else this.#list.addSubnet(address, Number(prefix), type);
    }
    this.#empty = ranges.length === 0;
  }

  /** Whether `address` (an IP address) is one of the proxies. */
  has(address: string): boolean {
    if (this.#empty) return false;
    let answer = this.#answers.get(address);
    if (answer === undefined) {
      answer = this.#list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
      if (this.#answers.size >= TrustedProxies.#MAX_ANSWERS) this.#answers.clear();
      this.#answers.set(address, answer);
    }
    return answer;
  }
}

export function proxyList(ranges: readonly string[] = []): TrustedProxies {
  return new TrustedProxies(ranges);
}

/**
 * Applies the limits to a listening HTTP server: Node's own header and request timers (checked often
 * enough for short test timeouts), a problem+json 408 instead of Node's bare one, and the per-client
 * connection count.
 */
export function limitConnections(server: Server, limits: ConnectionLimits = {}): void {
  const headersTimeout = limits.headersTimeoutMs ?? CONNECTION_DEFAULTS.headersTimeoutMs;
  const requestTimeout = Math.max(
    limits.requestTimeoutMs ?? CONNECTION_DEFAULTS.requestTimeoutMs,
    headersTimeout,
  );
  const maxPerClient = limits.maxPerClient ?? CONNECTION_DEFAULTS.maxPerClient;
  const proxies = proxyList(limits.trustedProxies);
  server.headersTimeout = headersTimeout;
  server.requestTimeout = requestTimeout;

  // Any listener replaces Node's own answers, so this one gives them all: problem+json for a
  // request too slow to arrive, Node's bare ones otherwise.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (socket.writable && !responseStarted(socket)) {
      socket.end(answerFor(error), () => socket.destroy());
    } else {
      socket.destroy();
    }
  });

  const open = new Map<string, number>();
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (!address || proxies.has(address)) return;
    const count = open.get(address) ?? 0;
    if (count >= maxPerClient) {
      overCap.add(socket);
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/** Setting the `connectionsCheckingInterval` Node's timers run on: a tenth of the shorter timeout, within bounds. */
export function checkingIntervalMs(limits: ConnectionLimits = {}): number {
  const shortest = Math.min(
    limits.headersTimeoutMs ?? CONNECTION_DEFAULTS.headersTimeoutMs,
    limits.requestTimeoutMs ?? CONNECTION_DEFAULTS.requestTimeoutMs,
  );
  return Math.min(1_000, Math.max(20, Math.floor(shortest / 10)));
}

/**
 * Refuses requests over the cap with 429 `too_many_connections` and closes their connection:
 * sockets the server marked, and clients behind a trusted proxy with too many requests in flight.
 */
export function connectionCap(limits: ConnectionLimits = {}): MiddlewareHandler<GatewayEnv> {
  const maxPerClient = limits.maxPerClient ?? CONNECTION_DEFAULTS.maxPerClient;
  const proxies = proxyList(limits.trustedProxies);
  const inFlight = new Map<string, number>();
  const refuse = () =>
    new HttpProblem('too_many_connections', {
      detail: `At most ${maxPerClient} connections per client; close some and retry.`,
      headers: { connection: 'close', 'retry-after': '1' },
    });
  return async function connectionCapMiddleware(c, next) {
    const socket = (c.env as { incoming?: { socket?: Socket } } | undefined)?.incoming?.socket;
    if (!socket) return next();
    if (overCap.has(socket)) throw refuse();
    const peer = socket.remoteAddress;
    if (!peer || !proxies.has(peer)) return next();
    const client = forwardedClient(c.req.header('x-forwarded-for'), proxies);
    if (!client) return next();
    const count = inFlight.get(client) ?? 0;
    if (count >= maxPerClient) throw refuse();
    inFlight.set(client, count + 1);
    try {
      await next();
    } finally {
      const left = (inFlight.get(client) ?? 1) - 1;
      if (left <= 0) inFlight.delete(client);
      else inFlight.set(client, left);
    }
  };
}

/**
 * The client's address, the same for every per-address decision (connection cap, rate limits): the
 * socket's peer, or, when that peer is one of the trusted proxies, the nearest `X-Forwarded-For`
 * hop that is not. A client reaching the gateway directly cannot choose its address by sending the
 * header.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  proxies: TrustedProxies,
): string | undefined {
  if (!peer || !proxies.has(peer)) return peer;
  return forwardedClient(forwardedFor, proxies) ?? peer;
}

/** The nearest address in `X-Forwarded-For` that is not one of our proxies: the one a client cannot forge. */
function forwardedClient(header: string | undefined, proxies: TrustedProxies): string | undefined {
  const hops = (header ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter((h) => isIP(h) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!proxies.has(hop)) return hop;
  }
  return undefined;
}

function responseStarted(socket: Socket): boolean {
  const message = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return message?.headersSent === true;
}

function answerFor(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return rawProblem('request_timeout', 'The request was not received in time.');
    case 'HPE_HEADER_OVERFLOW':
      return 'HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\n\r\n';
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return 'HTTP/1.1 413 Payload Too Large\r\nconnection: close\r\n\r\n';
    default:
      return 'HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n';
  }
}

/** A whole HTTP response written straight to the socket, for when no request object exists to answer. */
function rawProblem(code: ProblemCode, detail: string): string {
  const status = PROBLEM_CODES[code];
  const body = JSON.stringify({
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: PROBLEM_TITLES[code],
    status,
    detail,
    code,
    requestId: `req_${randomUUID().replaceAll('-', '')}`,
  });
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'content-type: application/problem+json',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    '',
    body,
  ].join('\r\n');
}
