import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '@finlet/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from './deliver.js';
import { newWebhookSecret, webhookHeaders } from './signing.js';

describe('postWebhook', () => {
  let server: Server;
  let port: number;
  let hits = 0;
  let last: { headers: Record<string, unknown>; body: string } | undefined;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits += 1;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        last = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        if (req.url === '/redirect') res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
        else if (req.url === '/hang') return;
        else res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (path: string, options: { allowLoopback?: boolean; host?: string; timeoutMs?: number } = {}) =>
    postWebhook({
      url: `http://${options.host ?? '127.0.0.1'}:${port}${path}`,
      body: '{"id":"evt_1"}',
      headers: {},
      timeoutMs: options.timeoutMs ?? 2_000,
      allowLoopback: options.allowLoopback ?? true,
    });

  it('sends a body that @finlet/node verifies, with both signatures during a rotation overlap', async () => {
    const [oldSecret, newSecret] = [newWebhookSecret(), newWebhookSecret()];
    const body = '{"id":"evt_abc","type":"nudge.created"}';
    const headers = webhookHeaders({
      id: 'evt_abc',
      timestamp: Math.floor(Date.now() / 1000),
      body,
      secrets: [newSecret, oldSecret],
    });
    const result = await postWebhook({
      url: `http://127.0.0.1:${port}/ok`,
      body,
      headers,
      timeoutMs: 2_000,
      allowLoopback: true,
    });
    expect(result).toMatchObject({ ok: true, httpStatus: 200, error: null });
    for (const secret of [oldSecret, newSecret]) {
      expect(
        verifyWebhook({ secret, headers: last?.headers as never, body: last?.body ?? '' }),
      ).toMatchObject({
        id: 'evt_abc',
      });
    }
  });

  it('refuses loopback at connection time unless allowed, by literal and by name', async () => {
    const before = hits;
    expect(await post('/ok', { allowLoopback: false })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/loopback/),
    });
    expect(await post('/ok', { allowLoopback: false, host: 'localhost' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/loopback/),
    });
    expect(hits).toBe(before);
    expect(await post('/ok', { host: 'localhost' })).toMatchObject({ ok: true });
  });

  it('does not follow redirects and gives up after the timeout', async () => {
    expect(await post('/redirect')).toMatchObject({ ok: false, httpStatus: 302 });
    const hung = await post('/hang', { timeoutMs: 300 });
    expect(hung).toMatchObject({ ok: false, httpStatus: null, error: expect.stringMatching(/timed out/) });
    expect(hung.durationMs).toBeGreaterThanOrEqual(290);
    expect(hung.durationMs).toBeLessThan(2_000);
  });
});
