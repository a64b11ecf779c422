import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DevRun, openSite, startDev } from '@finlet/testing/dev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// One fresh `finlet dev`: the supply-chain merchant in one browser context, the bank's reviewer in
// the console (served by the same dev gateway) in another, and the bank's loan-origination system
// as a plain HTTP server registered as the bank's own webhook endpoint.
let dev: DevRun;
let reviewerKey: string;
let adminKey: string;
let bank: { server: Server; url: string; received: { headers: IncomingHttpHeaders; body: string }[] };

/** The Standard Webhooks reference library, as a bank's system would verify with it. */
interface StandardWebhook {
  verify(payload: string, headers: Record<string, string>): unknown;
}
type WebhookClass = new (secret: string) => StandardWebhook;
// Resolved from @finlet/node, which has it as a dev dependency: no new install for this one.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const { Webhook } = createRequire(join(ROOT, 'packages/node/package.json'))('standardwebhooks') as {
  Webhook: WebhookClass;
};

beforeAll(async () => {
  dev = await startDev();
  reviewerKey = /^\s+reviewer\s+(\S+)$/m.exec(dev.output())![1]!;
  adminKey = /^\s+admin\s+(\S+)$/m.exec(dev.output())![1]!;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  bank = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/los`, received };
}, 180_000);

afterAll(async () => {
  await dev?.stop();
  await new Promise((resolve) => bank?.server.close(resolve));
});

const poll = { timeout: 60_000, interval: 200 };

async function gateway(method: string, path: string, key: string, body?: unknown) {
  const response = await fetch(`${dev.gatewayUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the bank workspace, end to end', () => {
  it('nudge → application on the supply-chain site → reviewer reads the cited brief and approves a changed amount → applicant, partner and bank each learn what they may', async () => {
    // The bank's loan-origination system subscribes to the reviewer's view of its own feed.
    const registered = await gateway('POST', '/v1/admin/webhook-endpoints', adminKey, {
      url: bank.url,
      role: 'reviewer',
      eventTypes: ['application.submitted', 'application.decided'],
    });
    expect(registered.status).toBe(201);
    const secret = registered.body.secret as string;

    // The merchant: slowing turnover raises a nudge; accepting it opens a pre-filled application.
    const user = await openSite(dev.browser, dev.sites['supply-chain']);
    const { page } = user;
    await page.locator('#login-button').click();
    await expect.poll(() => page.locator('#app').isVisible(), poll).toBe(true);
    await page.locator('#simulate').click();
    const nudge = page.locator('finlet-nudges [part="nudge"]').first();
    await expect.poll(() => nudge.count(), poll).toBe(1);
    await nudge.locator('[part="accept"]').click();
    const apply = page.locator('finlet-nudges finlet-apply');
    await expect.poll(() => apply.locator('#f-amount').count(), poll).toBe(1);
    await apply.locator('button[type="submit"]').click();
    await expect.poll(() => apply.locator('[part="consent"]').count(), poll).toBe(1);
    await apply.locator('#agree').check();
    await apply.locator('[part="submit"]').click();
    const result = apply.locator('[part="result"]');
    await expect.poll(() => result.count(), poll).toBe(1);
    const id = /app_[A-Za-z0-9]+/.exec(await result.innerText())?.[0];
    expect(id).toBeDefined();

    // The bank hears of the submission.
    const ofType = (type: string) =>
      bank.received.filter((r) => (JSON.parse(r.body) as { type: string }).type === type);
    await expect.poll(() => ofType('application.submitted').length, poll).toBe(1);

    const file = await gateway('GET', `/v1/admin/applications/${id}`, reviewerKey);
    expect(file.status).toBe(200);
    const requested = (file.body.application as { amount: { value: number } }).amount.value;
    // A changed amount: 10,000 yuan less than asked, at most 400,000 (under four eyes at 500,000).
    const approvedMinor = Math.min(requested - 1_000_000, 40_000_000);
    const approvedYuan = approvedMinor / 100;

    // The reviewer finds it in the inbox and opens it.
    const context = await dev.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const consolePage = await context.newPage();
    const consoleProblems: string[] = [];
    consolePage.on('pageerror', (error) => consoleProblems.push(`pageerror: ${error.message}`));
    await consolePage.goto(`${dev.gatewayUrl}/console/applications`);
    await consolePage.locator('fc-sign-in input[name="apiKey"]').fill(reviewerKey);
    await consolePage.locator('fc-sign-in button[type="submit"]').click();
    const rows = consolePage.locator('fc-application-inbox tbody tr');
    await expect.poll(() => rows.count(), poll).toBeGreaterThan(0);
    await consolePage.locator('fc-application-inbox input[name="q"]').fill(id!);
    await consolePage.locator('fc-application-inbox button[type="submit"]').click();
    await expect.poll(() => rows.first().getAttribute('data-id'), poll).toBe(id);
    expect(await rows.count()).toBe(1);
    await rows.first().locator('a').click();
    await expect.poll(() => consolePage.url(), poll).toContain(`/console/applications/${id}`);

    // The brief states the turnover trend the nudge came from, and cites the signals.
    const brief = consolePage.locator('fc-application-file .brief');
    const trend = brief.locator('li.statement', { hasText: '46 → 63 → 92' });
    await expect.poll(() => trend.count(), poll).toBeGreaterThan(0);
    const cites = trend.first().locator('a[data-cite]');
    expect(await cites.count()).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < (await cites.count()); i++) {
      const cited = await cites.nth(i).getAttribute('data-cite');
      expect(await brief.locator(`[data-fact="${cited}"]`).count()).toBe(1);
    }

    // Approves with a changed amount.
    const panel = consolePage.locator('fc-decision-panel');
    await expect.poll(() => panel.locator('input[value="approved"]').count(), poll).toBe(1);
    await panel.locator('input[value="approved"]').check();
    await panel.locator('input[name="amount"]').fill(approvedYuan.toLocaleString('en-US'));
    await panel.locator('button[type="submit"]').click();
    await expect.poll(() => panel.locator('.message.final').count(), poll).toBe(1);
    expect(await consolePage.locator('fc-application-file h2 .badge').getAttribute('data-status')).toBe(
      'approved',
    );

    // The applicant sees the decision in words, with the approved amount.
    await result.locator('button').click();
    const status = apply.locator('[part="status"]');
    await expect.poll(() => status.count(), poll).toBe(1);
    const refresh = status.locator('.actions button');
    await expect
      .poll(async () => {
        const text = await status.innerText();
        if (!text.includes('您的申请已获批准')) await refresh.click().catch(() => {});
        return text;
      }, poll)
      .toContain('您的申请已获批准');
    expect(await status.innerText()).toContain(approvedYuan.toLocaleString('en-US'));

    // The partner's server received application.updated (verified by the demo backend), and what
    // the gateway sent it carries the status only: no decision, terms or reasons.
    const log = async () =>
      (
        (await (await fetch(`${dev.sites['supply-chain']}api/dev/log`)).json()) as {
          entries: { kind: string; type: string; detail: { id?: string; status?: string } }[];
        }
      ).entries;
    await expect
      .poll(
        async () =>
          (await log()).some(
            (e) =>
              e.kind === 'webhook' &&
              e.type === 'application.updated' &&
              e.detail.id === id &&
              e.detail.status === 'approved',
          ),
        poll,
      )
      .toBe(true);
    const partnerId = (file.body.application as { partnerId: string }).partnerId;
    const partnerKey = new RegExp(`id ${partnerId}\\s+secret key (\\S+)`).exec(dev.output())![1]!;
    const events = await gateway('GET', '/v1/webhook-events?type=application.updated', partnerKey);
    const updates = (events.body.events as { payload: { data: Record<string, unknown> } }[])
      .map((e) => e.payload.data)
      .filter((data) => data.id === id && data.status === 'approved');
    expect(updates).toHaveLength(1);
    const sent = updates[0]!;
    expect(sent).not.toHaveProperty('decision');
    expect(JSON.stringify(sent)).not.toMatch(/approvedTerms|reasons|question/);
    expect((sent.amount as { value: number }).value).toBe(requested);

    // The bank's endpoint received application.decided, verified with the Standard Webhooks library.
    await expect.poll(() => ofType('application.decided').length, poll).toBe(1);
    const delivery = ofType('application.decided')[0]!;
    const headers = Object.fromEntries(
      Object.entries(delivery.headers).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    const verified = new Webhook(secret).verify(delivery.body, headers) as {
      type: string;
      data: {
        application: { id: string; status: string };
        decision: { status: string; approvedTerms: { amount: { value: number } } | null };
      };
    };
    expect(verified.type).toBe('application.decided');
    expect(verified.data.application).toMatchObject({ id, status: 'approved' });
    expect(verified.data.decision.status).toBe('approved');
    expect(verified.data.decision.approvedTerms?.amount.value).toBe(approvedMinor);
    const tampered = delivery.body.replace('"approved"', '"declined"');
    expect(() => new Webhook(secret).verify(tampered, headers)).toThrow();

    expect(user.problems).toEqual([]);
    expect(consoleProblems).toEqual([]);
    await context.close();
    await user.context.close();
  }, 300_000);
});
