import { randomBytes } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createPartner } from '@finlet/gateway';
import { verifyWebhook, WebhookVerificationError } from '@finlet/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../test/gateway.js';
import { run, tempDir } from '../test/run.js';
import { type CheckResult, DOCTOR_EVENT_TYPE, runDoctor } from './checks.js';

interface Report {
  ok: boolean;
  checks: CheckResult[];
}

/** A real HTTP server; `handle` may be swapped between tests. */
async function serve(
  handle: (req: { method: string; path: string; headers: IncomingHttpHeaders; body: string }) => {
    status: number;
    headers?: Record<string, string>;
    body?: string;
  },
): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = handle({
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://x').pathname,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const close = (server: Server | undefined) =>
  new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

describe('finlet doctor', () => {
  let gw: TestGateway;
  let secretKey: string;
  let page: { url: string; server: Server };
  let receiver: { url: string; server: Server };
  let csp = '';
  let meta = '';
  let verifying = true;
  const webhookSecret = `whsec_${Buffer.from('a test secret of 24 bytes').toString('base64')}`;
  const received: { type: string; verified: boolean }[] = [];
  const offset = { ms: 0 };

  beforeAll(async () => {
    gw = await startTestGateway({ clock: () => new Date(Date.now() + offset.ms) });
    page = await serve(() => ({
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        ...(csp ? { 'content-security-policy': csp } : {}),
      },
      body: `<!doctype html><html><head>${meta}<title>shop</title></head><body>
<script type="module" src="${gw.url}/finlet.js"></script><finlet-offers></finlet-offers></body></html>`,
    }));
    // The partner's receiver, verifying with @finlet/node as the webhooks guide says.
    receiver = await serve(({ headers, body }) => {
      if (!verifying) return { status: 200 };
      try {
        const event = verifyWebhook({ secret: webhookSecret, headers, body });
        received.push({ type: event.type, verified: true });
        return { status: 204 };
      } catch (error) {
        if (!(error instanceof WebhookVerificationError)) throw error;
        received.push({ type: JSON.parse(body).type, verified: false });
        return { status: 400, body: error.code };
      }
    });
    secretKey = (
      await createPartner(gw.store, {
        name: 'Doctor shop',
        origins: [page.url],
        scenarios: ['consumption', 'tourism'],
      })
    ).secretKey;
  });
  afterAll(async () => {
    await close(page?.server);
    await close(receiver?.server);
    await gw?.close();
  });

  const doctor = (args: string[], env: Record<string, string> = {}) =>
    run(['doctor', '--gateway', gw.url, ...args], { env });
  const json = async (args: string[], env: Record<string, string> = {}) => {
    const result = await doctor([...args, '--json'], env);
    return { ...result, report: JSON.parse(result.stdout) as Report };
  };
  const byId = (report: Report, id: string) => report.checks.filter((c) => c.id === id);

  it('passes every check on a good set-up, and never prints the secret key', async () => {
    csp = `default-src 'none'; script-src 'self' ${gw.url}; style-src 'self'; connect-src 'self' ${gw.url}`;
    meta = `<meta http-equiv="Content-Security-Policy" content="script-src ${gw.url}/finlet.js ${gw.url}/finlet/; connect-src *">`;
    received.length = 0;
    const args = ['--page', `${page.url}/shop`, '--webhook', `${receiver.url}/finlet/webhooks`];
    const { code, stdout, stderr, report } = await json(args, {
      FINLET_SECRET_KEY: secretKey,
      FINLET_WEBHOOK_SECRET: webhookSecret,
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['gateway', 'pass'],
      ['ready', 'pass'],
      ['secret-key', 'pass'],
      ['origin', 'pass'],
      ['clock', 'pass'],
      ['csp-script', 'pass'],
      ['csp-connect', 'pass'],
      ['csp-style', 'pass'],
      ['webhook-signed', 'pass'],
      ['webhook-forged', 'pass'],
    ]);
    expect(byId(report, 'gateway')[0]!.message).toMatch(/version \d+\.\d+\.\d+/);
    expect(byId(report, 'secret-key')[0]!.message).toMatch(
      /partner ptn_\w+, .*scenarios tourism, consumption$/,
    );
    expect(byId(report, 'clock')[0]!.message).toMatch(/from the session iat/);
    // The receiver verified the signed event and refused the forged one.
    expect(received).toEqual([
      { type: DOCTOR_EVENT_TYPE, verified: true },
      { type: DOCTOR_EVENT_TYPE, verified: false },
    ]);
    expect(stdout).not.toContain(secretKey);
    expect(stdout).not.toContain(webhookSecret);

    const text = await doctor(['--secret-key', secretKey, ...args, '--webhook-secret', webhookSecret]);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Checking ${gw.url}`);
    expect(lines.slice(1, -1).every((l) => l.startsWith('✓ '))).toBe(true);
    expect(lines.at(-1)).toBe('No failures.');
    expect(text.stdout + text.stderr).not.toContain(secretKey);
  });

  it('says what is wrong and how to fix it, and exits 1', async () => {
    csp = `default-src 'self'; style-src 'self' 'unsafe-inline'`;
    meta = `<meta content="connect-src 'self'" http-equiv="content-security-policy">`;
    verifying = false;
    try {
      const { code, stderr, report } = await json(
        ['--origin', 'https://evil.example', '--page', page.url, '--webhook', receiver.url],
        { FINLET_SECRET_KEY: secretKey, FINLET_WEBHOOK_SECRET: webhookSecret },
      );
      expect(code).toBe(1);
      expect(stderr).toMatch(/^finlet: \d+ of \d+ checks failed\n$/);
      expect(report.ok).toBe(false);
      expect(byId(report, 'origin').map((c) => c.status)).toEqual(['fail', 'pass']);
      expect(byId(report, 'origin')[0]!.message).toContain('https://evil.example is not one of');
      const script = byId(report, 'csp-script')[0]!;
      expect(script.status).toBe('fail');
      expect(script.fix).toBe(
        `policy 1 (header): add the directive \`script-src 'self' ${gw.url}\` (it falls back to default-src now)`,
      );
      const connect = byId(report, 'csp-connect')[0]!;
      expect(connect.status).toBe('fail');
      // Both policies block: the header by default-src, the <meta> by connect-src.
      expect(connect.fix).toBe(
        `policy 1 (header): add the directive \`connect-src 'self' ${gw.url}\` (it falls back to default-src now); policy 2 (<meta>): change it to \`connect-src 'self' ${gw.url}\``,
      );
      expect(byId(report, 'csp-style')[0]!.message).toContain("does not need the 'unsafe-inline'");
      expect(byId(report, 'webhook-forged')[0]).toMatchObject({
        status: 'fail',
        fix: expect.stringContaining('verifyWebhook'),
      });

      // Human output: one line per check, the fix on the same line.
      const text = await doctor(['--page', page.url], { FINLET_SECRET_KEY: secretKey });
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(
        `✗ csp-script: CSP blocks ${gw.url}/finlet.js and its chunks: policy 1 (header): default-src 'self' blocks ${gw.url}/finlet.js and ${gw.url}/finlet/chunk.js — fix: policy 1 (header): add the directive \`script-src 'self' ${gw.url}\``,
      );
      expect(text.stdout).toMatch(/^· webhook: no webhook endpoint: .* — to check: pass --webhook /m);
    } finally {
      verifying = true;
    }
  });

  it('checks the signed round trip with the right secret', async () => {
    csp = '';
    meta = '';
    const wrong = `whsec_${Buffer.from('another secret entirely!').toString('base64')}`;
    const { code, report } = await json(['--webhook', receiver.url, '--webhook-secret', wrong]);
    expect(code).toBe(1);
    expect(byId(report, 'webhook-signed')[0]).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('answered 400'),
    });
    expect(byId(report, 'webhook-forged')[0]!.status).toBe('pass');

    const unsigned = await json(['--webhook', receiver.url]);
    expect(unsigned.code).toBe(0);
    expect(byId(unsigned.report, 'webhook-signed')[0]!.status).toBe('skip');
  });

  it('refuses a key the gateway does not know, or an admin key, without printing it', async () => {
    const unknown = 'fsk_0000000000000000_00000000000000000000000000000000';
    const bad = await json([], { FINLET_SECRET_KEY: unknown });
    expect(bad.code).toBe(1);
    expect(byId(bad.report, 'secret-key')[0]).toMatchObject({
      status: 'fail',
      message: 'the gateway does not know this secret key',
    });
    expect(bad.stdout + bad.stderr).not.toContain(unknown);
    const admin = await json(['--secret-key', gw.author.apiKey]);
    expect(byId(admin.report, 'secret-key')[0]!.message).toMatch(/not a partner secret key/);
  });

  it('warns about clock skew above 5 s and fails above 60 s', async () => {
    try {
      offset.ms = 12_000;
      const warn = await json([], { FINLET_SECRET_KEY: secretKey });
      expect(warn.code).toBe(0);
      expect(byId(warn.report, 'clock')[0]).toMatchObject({
        status: 'warn',
        message: expect.stringMatching(/^local clock 1[12] s behind the gateway \(from the session iat\)$/),
      });
      offset.ms = -90_000;
      const fail = await json([], { FINLET_SECRET_KEY: secretKey });
      expect(fail.code).toBe(1);
      expect(byId(fail.report, 'clock')[0]).toMatchObject({
        status: 'fail',
        message: expect.stringMatching(/^local clock (89|90|91) s ahead of the gateway/),
        fix: expect.stringContaining('NTP'),
      });
    } finally {
      offset.ms = 0;
    }
    // Without a key, the Date header tells the gateway's time.
    const checks = await runDoctor({ gateway: gw.url, origins: [], now: () => Date.now() - 20_000 });
    const clock = checks.find((c) => c.id === 'clock');
    expect(clock).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(/^local clock \d+ s behind the gateway \(from the Date header\)$/),
    });
    // The reading is off by half a second (the header's resolution) plus half the round trip,
    // which a busy machine can stretch to seconds: the bound allows for that, not for a wrong sign.
    const seconds = Number(/(\d+) s/.exec(clock!.message)![1]);
    expect(Math.abs(seconds - 20)).toBeLessThanOrEqual(8);
  });

  it('explains an unreachable gateway and wrong flags', async () => {
    const closed = await serve(() => ({ status: 200 }));
    await close(closed.server);
    const down = await run(['doctor', '--gateway', closed.url, '--json']);
    expect(down.code).toBe(1);
    const report = JSON.parse(down.stdout) as Report;
    expect(report.checks[0]).toMatchObject({
      id: 'gateway',
      status: 'fail',
      message: `cannot reach the gateway at ${closed.url} (ECONNREFUSED)`,
    });

    const notFinlet = await run(['doctor', '--gateway', page.url]);
    expect(notFinlet.code).toBe(1);
    expect(notFinlet.stdout).toMatch(/^✗ gateway: .*without a Finlet health report/m);

    const usage = await doctor(['--webhook', receiver.url, '--webhook-secret', 'hunter2']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^finlet: the webhook secret must be whsec_/);
    expect((await doctor(['--page', 'ftp://x'])).code).toBe(2);
  });

  it('checks the bank side when pointed at the database: data dir modes, master key, sealed secrets', async () => {
    const tmp = tempDir();
    const dir = join(tmp.dir, 'bank');
    const key = randomBytes(32).toString('base64');
    try {
      expect((await run(['migrate', '--data-dir', dir])).code).toBe(0);
      const made = await run(['partners', 'create', '--name', 'Sealed', '--data-dir', dir], {
        env: { FINLET_MASTER_KEY: key },
      });
      expect(made.code).toBe(0);
      const atRest = (report: Report) =>
        report.checks.filter((c) => ['data-dir', 'master-key', 'secrets'].includes(c.id));

      const good = await json(['--data-dir', dir], { FINLET_MASTER_KEY: key });
      expect(good.code).toBe(0);
      expect(atRest(good.report).map((c) => [c.id, c.status])).toEqual([
        ['data-dir', 'pass'],
        ['master-key', 'pass'],
        ['secrets', 'pass'],
      ]);
      expect(good.stdout).not.toContain(key);

      const keyless = await json([], { FINLET_DATA_DIR: dir });
      expect(keyless.code).toBe(1);
      expect(atRest(keyless.report)).toMatchObject([
        { id: 'data-dir', status: 'pass' },
        { id: 'master-key', status: 'warn', message: expect.stringMatching(/stored in clear/) },
        { id: 'secrets', status: 'fail', message: expect.stringMatching(/no master key is configured/) },
      ]);

      const other = await json(['--data-dir', dir], { FINLET_MASTER_KEY: randomBytes(32).toString('hex') });
      expect(other.code).toBe(1);
      expect(byId(other.report, 'secrets')[0]).toMatchObject({
        status: 'fail',
        message: expect.stringMatching(/^1 stored secret cannot be opened: .*not with the configured/),
        fix: expect.stringMatching(/^set FINLET_MASTER_KEY to the master key with id [0-9a-f]{16}/),
      });

      chmodSync(dir, 0o755);
      const loose = await doctor(['--data-dir', dir], { FINLET_MASTER_KEY: key });
      expect(loose.code).toBe(0);
      expect(loose.stdout).toMatch(/^⚠ data-dir: data directory .* has mode 0755; run `chmod 700 .*`/m);
      const malformed = await doctor(['--data-dir', dir], { FINLET_MASTER_KEY: 'short' });
      expect(malformed.code).toBe(1);
      expect(malformed.stdout).toMatch(/^✗ master-key: FINLET_MASTER_KEY must be 32 random bytes/m);
    } finally {
      tmp.remove();
    }
  });
});
