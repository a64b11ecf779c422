import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What the receiver answers to the n-th request (1-based) it gets. */
export type Behaviour = (n: number, request: ReceivedWebhook) => 'ok' | 'fail' | 'hang' | number;

/** A partner's webhook endpoint on 127.0.0.1 that records every request (tests and benchmarks). */
export async function startReceiver(behaviour: Behaviour = () => 'ok') {
  const received: ReceivedWebhook[] = [];
  const waiters: Array<() => void> = [];
  const hanging = new Set<ServerResponse>();
  let count = 0;
  let abandoned = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      count += 1;
      const answer = behaviour(count, request);
      if (answer === 'hang') {
        hanging.add(res);
        // The sender gave up on a request we never answered (its timeout fired).
        res.on('close', () => {
          if (hanging.delete(res)) abandoned += 1;
        });
        return;
      }
      const status = answer === 'ok' ? 204 : answer === 'fail' ? 503 : answer;
      if (status >= 200 && status < 300) received.push(request);
      res.writeHead(status).end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    /** Successfully answered requests. */
    received,
    get requests() {
      return count;
    },
    /** Hanging requests the sender abandoned (closed before we answered). */
    get abandoned() {
      return abandoned;
    },
    /** Resolves once `predicate` holds for the received requests (checked after each one). */
    async until(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs = 15_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`receiver: condition not met after ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    types: () => received.map((r) => (JSON.parse(r.body) as { type: string }).type),
    async close() {
      for (const res of [...hanging]) {
        hanging.delete(res);
        res.destroy();
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Waits until `check` stops throwing (for state the worker changes in the background). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
