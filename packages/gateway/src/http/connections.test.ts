import { connect, type Socket } from 'node:net';
import { Problem } from '@finlet/contracts';
import { startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress, TrustedProxies } from './connections.js';

/** A raw client: everything the server sent, and whether it closed the connection. */
interface RawClient {
  socket: Socket;
  received: () => string;
  closed: () => boolean;
  /** Sends `text` one byte per `everyMs` until the server closes the connection or `text` runs out. */
  trickle(text: string, everyMs: number): void;
  stop(): void;
}

function rawClient(url: string): Promise<RawClient> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let data = '';
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      closed = true;
      clearInterval(timer);
    });
    socket.once('connect', () =>
      resolve({
        socket,
        received: () => data,
        closed: () => closed,
        trickle(text, everyMs) {
          let at = 0;
          timer = setInterval(() => {
            if (closed || at >= text.length) return clearInterval(timer);
            socket.write(text[at++]!);
          }, everyMs);
        },
        stop() {
          clearInterval(timer);
          socket.destroy();
        },
      }),
    );
    socket.once('error', reject);
  });
}

const problemOf = (raw: string) => {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  return { head, problem: Problem.parse(JSON.parse(body)) };
};

describe('slow clients (real sockets, short configured timeouts)', () => {
  let gw: TestGateway;
  const clients: RawClient[] = [];
  beforeAll(async () => {
    gw = await startTestGateway('sqlite', {
      gateway: { connections: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 } },
    });
  });
  afterAll(async () => {
    for (const c of clients) c.stop();
    await gw?.close();
  });
  const client = async () => {
    const c = await rawClient(gw.url);
    clients.push(c);
    return c;
  };

  it('closes a connection whose headers arrive byte by byte, answering 408 problem+json', async () => {
    const slow = await client();
    slow.trickle(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(10_000)}\r\n\r\n`, 20);
    // A normal client meanwhile is served as usual.
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    await expect.poll(() => slow.closed(), { timeout: 15_000, interval: 50 }).toBe(true);
    const { head, problem } = problemOf(slow.received());
    expect(head).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(head).toMatch(/content-type: application\/problem\+json/);
    expect(problem).toMatchObject({ status: 408, code: 'request_timeout' });
  });

  it('closes a connection whose body arrives byte by byte', async () => {
    const body = JSON.stringify({ userId: 'slow-user', scenario: 'consumption', padding: 'x'.repeat(2000) });
    const slow = await client();
    slow.socket.write(
      `POST /v1/embed-sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${gw.partnerA.secretKey}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    slow.trickle(body, 20);
    await expect.poll(() => slow.closed(), { timeout: 15_000, interval: 50 }).toBe(true);
    expect(problemOf(slow.received()).problem).toMatchObject({ status: 408, code: 'request_timeout' });
    // The same request sent at once is served.
    const fast = await gw.api('POST', '/v1/embed-sessions', {
      auth: gw.partnerA.secretKey,
      body: { userId: 'fast-user', scenario: 'consumption' },
    });
    expect(fast.status).toBe(201);
  });
});

describe('per-client connection cap (real sockets)', () => {
  let gw: TestGateway;
  const clients: RawClient[] = [];
  beforeAll(async () => {
    // Long timeouts: the held connections below send nothing and must stay open for the whole test.
    gw = await startTestGateway('sqlite', {
      gateway: { connections: { headersTimeoutMs: 120_000, requestTimeoutMs: 120_000, maxPerClient: 4 } },
    });
  });
  afterAll(async () => {
    for (const c of clients) c.stop();
    await gw?.close();
  });
  const client = async () => {
    const c = await rawClient(gw.url);
    clients.push(c);
    return c;
  };
  const get = async () => {
    const c = await client();
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await expect.poll(() => c.closed(), { timeout: 15_000, interval: 50 }).toBe(true);
    return c.received();
  };

  it('refuses the connection beyond the cap with 429, and accepts again once one closes', async () => {
    const held: RawClient[] = [];
    for (let i = 0; i < 4; i++) held.push(await client());
    const refused = await get();
    const { head, problem } = problemOf(refused);
    expect(head).toMatch(/^HTTP\/1\.1 429 /);
    expect(head).toMatch(/retry-after: 1/i);
    expect(problem).toMatchObject({ status: 429, code: 'too_many_connections' });

    held[0]!.stop();
    await expect
      .poll(async () => (await get()).split('\r\n')[0], { timeout: 15_000, interval: 50 })
      .toBe('HTTP/1.1 200 OK');
  });
});

describe('connection cap behind a trusted proxy', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite', {
      gateway: { connections: { maxPerClient: 2, trustedProxies: ['127.0.0.0/8'] } },
    });
  });
  afterAll(async () => gw?.close());

  it('does not cap the proxy itself, and caps a forwarded client by its requests in flight', async () => {
    // Many connections at once from the proxy's own address are fine.
    const statuses = await Promise.all(
      Array.from({ length: 6 }, () =>
        fetch(`${gw.url}/healthz`, { headers: { connection: 'close' } }).then((r) => r.status),
      ),
    );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);

    // Two uploads from one forwarded client, held in flight by a body that never finishes…
    const held = await Promise.all([rawClient(gw.url), rawClient(gw.url)]);
    for (const c of held) {
      c.socket.write(
        `POST /v1/embed-sessions HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.7, 127.0.0.1\r\n` +
          `Authorization: Bearer ${gw.partnerA.secretKey}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`,
      );
    }
    const as = (client: string) =>
      fetch(`${gw.url}/healthz`, { headers: { 'x-forwarded-for': `${client}, 127.0.0.1` } });
    try {
      // …so its third request is refused, while another client behind the same proxy is served.
      await expect
        .poll(async () => (await as('203.0.113.7')).status, { timeout: 15_000, interval: 50 })
        .toBe(429);
      const refused = await as('203.0.113.7');
      expect(Problem.parse(await refused.json())).toMatchObject({ code: 'too_many_connections' });
      expect((await as('198.51.100.9')).status).toBe(200);
      // A client cannot dodge the cap by prepending addresses of its own.
      expect((await as('1.2.3.4, 203.0.113.7')).status).toBe(429);
    } finally {
      for (const c of held) c.stop();
    }
    await expect
      .poll(async () => (await as('203.0.113.7')).status, { timeout: 15_000, interval: 50 })
      .toBe(200);
  });
});

describe('TrustedProxies', () => {
  it('answers for addresses and ranges of both families, the same when asked again', () => {
    const proxies = new TrustedProxies(['10.0.0.0/8', '192.168.1.7', 'fd00::/8']);
    for (let round = 0; round < 2; round++) {
      expect(proxies.has('10.20.30.40')).toBe(true);
      expect(proxies.has('192.168.1.7')).toBe(true);
      expect(proxies.has('192.168.1.8')).toBe(false);
      expect(proxies.has('fd12::1')).toBe(true);
      expect(proxies.has('2001:db8::1')).toBe(false);
    }
  });

  it('trusts nobody without ranges, so a forwarded header cannot choose the client', () => {
    const none = new TrustedProxies();
    expect(none.has('127.0.0.1')).toBe(false);
    expect(clientAddress('127.0.0.1', '203.0.113.9', none)).toBe('127.0.0.1');
    expect(clientAddress('10.0.0.1', '203.0.113.9, 10.0.0.2', new TrustedProxies(['10.0.0.0/8']))).toBe(
      '203.0.113.9',
    );
  });

  it('refuses a range that is not an IP address', () => {
    expect(() => new TrustedProxies(['proxy.internal'])).toThrow(/not an IP address or range/);
  });

  it('keeps answering correctly past its bound of remembered addresses', () => {
    const proxies = new TrustedProxies(['10.0.0.0/8']);
    for (let i = 0; i < 25_000; i++) {
      const inside = i % 2 === 0;
      const address = inside
        ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
        : `11.0.${(i >> 8) & 255}.${i & 255}`;
      expect(proxies.has(address)).toBe(inside);
    }
  });
});
