import { createServer, type ServerResponse } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { type OfferContentInput, Problem, SignalBatchResult } from '@finlet/contracts';
import { inventoryOffer, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdminKey, createPartner } from '../bootstrap.js';
import { STREAM_RETRY_MS } from './lifecycle.js';

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

  it('ends an open event stream with a last retry hint, and the stream ends', async () => {
    gw = await startTestGateway('sqlite');
    const running = gw.running;
    const agent = await createAdminKey(gw.store, { name: 'Desk agent', role: 'agent' });
    const response = await fetch(`${running.url}/v1/admin/handoffs/events`, {
      headers: { authorization: `Bearer ${agent.apiKey}`, accept: 'text/event-stream' },
    });
    expect(response.status).toBe(200);
    if (!response.body) throw new Error('no body');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let ended = false;
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      ended = true;
    })();
    await until(() => text.includes('retry: 2000'), 'the stream to open');

    const report = await running.shutdown({ timeoutMs: 60_000 });
    await reading;
    expect(ended).toBe(true);
    expect(text.startsWith('retry: 2000\n\n')).toBe(true);
    expect(text.endsWith(`retry: ${STREAM_RETRY_MS}\n\n`)).toBe(true);
    // The stream ended on its own: nothing had to be cut at the deadline.
    expect(report.forced).toBe(false);
  });

  it('stops its webhook worker after the delivery it holds: that one is recorded, no other is started', async () => {
    // One delivery at a time, on the gateway's clock (no real time decides what is due).
    gw = await startTestGateway('sqlite', {
      gateway: { webhooks: { allowLoopback: true, pollIntervalMs: 20, concurrency: 1, timeoutMs: 60_000 } },
      webhooksOnGatewayClock: true,
    });
    const running = gw.running;
    const held: ServerResponse[] = [];
    let requests = 0;
    const receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        requests++;
        held.push(res);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = receiver.address() as AddressInfo;
      const eager: OfferContentInput = {
        ...inventoryOffer,
        id: 'scf-drain',
        triggers: [
          {
            id: 'any-receivable',
            when: [{ kind: 'threshold', signal: 'receivables.outstanding', op: 'gte', value: 100 }],
            weeklyCap: 50,
            cooldownDays: 0,
          },
        ],
      };
      await gw.publish(eager);
      const partner = await createPartner(gw.store, {
        name: 'Draining hooks',
        scenarios: ['supply-chain'],
        webhookUrl: `http://127.0.0.1:${port}/hooks`,
      });
      const clock = gw.clock;
      const raise = async (n: number) => {
        const response = await fetch(`${running.url}/v1/signals`, {
          method: 'POST',
          headers: { authorization: `Bearer ${partner.secretKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            signals: [
              {
                id: `drain-${n}`,
                type: 'receivables.outstanding',
                subject: `drain-user-${n}`,
                occurredAt: clock.now.toISOString(),
                data: { amount: { value: 5_000, currency: 'CNY' } },
              },
            ],
          }),
        });
        expect(SignalBatchResult.parse(await response.json()).nudges).toHaveLength(1);
      };
      await raise(1);
      await until(() => held.length === 1, 'the first delivery to reach the receiver');
      // A second event waits behind the delivery in flight.
      await raise(2);

      let stopped = false;
      const shutdown = running.shutdown({ timeoutMs: 60_000 }).finally(() => {
        stopped = true;
      });
      await until(() => running.gateway.lifecycle.streams.aborted, 'the listener to close');
      // The shutdown waits for the delivery in flight…
      expect(stopped).toBe(false);
      held[0]?.writeHead(204).end();
      const report = await shutdown;
      expect(report.forced).toBe(false);

      // …which is recorded as delivered; the worker started no other.
      expect(requests).toBe(1);
      const events = await gw.store.webhooks.listEvents(partner.partner.id, {
        since: new Date(0).toISOString(),
        limit: 10,
      });
      const statuses = events
        .filter((e) => e.type === 'nudge.created')
        .flatMap((e) => e.deliveries.map((d) => `${d.status} after ${d.attempts.length}`))
        .sort();
      expect(statuses).toEqual(['delivered after 1', 'pending after 0']);
    } finally {
      for (const res of held) res.destroy();
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
