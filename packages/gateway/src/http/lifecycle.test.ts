import { connect, type Socket } from 'node:net';
import { Problem } from '@finlet/contracts';
import { startTestGateway, type TestGateway } from '@finlet/testing';
import { afterEach, describe, expect, it } from 'vitest';

/** A raw HTTP/1.1 client, so a request can be held half-sent while the instance shuts down. */
function rawSocket(url: string): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    socket.on('error', () => {});
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

/** Waits for a condition, polling; the bound is generous, the test never sleeps a fixed time. */
async function until(condition: () => boolean, what: string, boundMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > boundMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sessionBody = JSON.stringify({ userId: 'u_drain', scenario: 'consumption', ttlSeconds: 300 });

function halfSentSession(gw: TestGateway) {
  return `POST /v1/embed-sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${gw.partnerA.secretKey}\r\nContent-Type: application/json\r\nContent-Length: ${sessionBody.length}\r\n\r\n${sessionBody.slice(0, 10)}`;
}

describe('graceful shutdown (real sockets)', () => {
  let gw: TestGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('fails readiness first, lets the request in flight finish with Connection: close, then refuses new connections', async () => {
    gw = await startTestGateway('sqlite');
    const running = gw.running;
    expect((await fetch(`${gw.url}/readyz`)).status).toBe(200);

    const held = await rawSocket(gw.url);
    held.socket.write(halfSentSession(gw));
    await until(() => running.gateway.lifecycle.inFlight === 1, 'the held request to reach its handler');

    let readinessDuringDrain: { status: number; code: string; connection: string | null } | undefined;
    const shutdown = running.shutdown({
      timeoutMs: 60_000,
      beforeClose: async () => {
        const ready = await fetch(`${running.url}/readyz`);
        readinessDuringDrain = {
          status: ready.status,
          code: Problem.parse(await ready.json()).code,
          connection: ready.headers.get('connection'),
        };
      },
    });
    // The listener closes after the drain; the held request is still being read.
    await until(() => running.gateway.lifecycle.streams.aborted, 'the listener to close');
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    expect(running.gateway.lifecycle.inFlight).toBe(1);

    held.socket.write(sessionBody.slice(10));
    await held.closed;
    const report = await shutdown;

    expect(readinessDuringDrain).toEqual({ status: 503, code: 'not_ready', connection: 'close' });
    const [head = '', body = ''] = held.received().split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 201/);
    expect(head.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(body)).toHaveProperty('token');
    expect(report.forced).toBe(false);
  });

  it('cuts a connection still open at the deadline and says so', async () => {
    gw = await startTestGateway('sqlite');
    const running = gw.running;
    const held = await rawSocket(gw.url);
    held.socket.write(halfSentSession(gw));
    await until(() => running.gateway.lifecycle.inFlight === 1, 'the held request to reach its handler');

    const report = await running.shutdown({ timeoutMs: 300 });
    await held.closed;
    expect(report.forced).toBe(true);
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });

  it('ends the streams it holds: their signal aborts once the listener closes', async () => {
    gw = await startTestGateway('sqlite');
    const { lifecycle } = gw.running.gateway;
    expect(lifecycle.streams.aborted).toBe(false);
    const report = await gw.running.shutdown({ timeoutMs: 60_000 });
    expect(lifecycle.streams.aborted).toBe(true);
    expect(report.forced).toBe(false);
  });
});
