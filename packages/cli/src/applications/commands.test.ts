import { BankWebhookEndpointSecret } from '@finlet/contracts';
import {
  publishWorkspaceOffers,
  startReceiver,
  startTestGateway,
  submit,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../test/run.js';
import { CSV_COLUMNS, csvField } from './commands.js';

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('finlet applications export and bank-webhooks', () => {
  let gw: TestGateway;
  let reviewer: string;
  let ids: string[];
  const env = () => ({ FINLET_GATEWAY: gw.url, FINLET_ADMIN_KEY: reviewer });

  beforeAll(async () => {
    gw = await startTestGateway('sqlite', {
      gateway: { webhooks: { allowLoopback: true, pollIntervalMs: 100 } },
    });
    reviewer = (await gw.adminKey({ name: 'Sun Li', role: 'reviewer' })).apiKey;
    await publishWorkspaceOffers(gw);
    ids = [];
    for (const [i, name] of ['=HYPERLINK("x")', '赵敏', 'Li "Lei"'].entries()) {
      gw.clock.now = new Date(Date.parse('2026-03-01T08:00:00Z') + i * 3_600_000);
      const application = await submit(gw, {
        partner: 'A',
        userId: `export-${i}`,
        offer: 'inventory',
        amountYuan: 100_000 + i,
        name,
        phone: '13800138000',
        purpose: 'stock, for the spring season',
      });
      ids.push(application.id);
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  it('exports CSV across pages, newest first, masked for the key’s role, safe for spreadsheets', async () => {
    const result = await run(
      ['applications', 'export', '--format', 'csv', '--since', '2026-03-01', '--page-size', '2'],
      {
        env: env(),
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const [header, ...rows] = parseCsv(result.stdout);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => r[0])).toEqual([...ids].reverse());
    const phone = CSV_COLUMNS.indexOf('phone');
    const name = CSV_COLUMNS.indexOf('applicantName');
    expect(rows.map((r) => r[phone])).toEqual(['*******8000', '*******8000', '*******8000']);
    expect(rows.map((r) => r[name])).toEqual(['Li "Lei"', '赵敏', `'=HYPERLINK("x")`]);
    expect(rows[0]?.[CSV_COLUMNS.indexOf('purpose')]).toBe('stock, for the spring season');
    expect(rows[0]?.[CSV_COLUMNS.indexOf('amountValue')]).toBe('10000200');
    expect(result.stdout).not.toContain('13800138000');
    expect(result.stderr).toContain('Exported 3 application(s)');
  });

  it('exports JSON lines with filters; refuses a bad format or time in one line; a partner key is refused', async () => {
    const jsonl = await run(
      ['applications', 'export', '--since', '2026-03-01T08:30:00Z', '--until', '2026-03-01T09:30:00Z'],
      { env: env() },
    );
    expect(jsonl.code, jsonl.stderr).toBe(0);
    const lines = jsonl.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    expect(lines.map((l) => l.id)).toEqual([ids[1]]);
    const none = await run(['applications', 'export', '--status', 'approved'], { env: env() });
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');

    const badFormat = await run(['applications', 'export', '--format', 'xlsx'], { env: env() });
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format must be one of jsonl, csv');
    const badTime = await run(['applications', 'export', '--since', 'yesterday'], { env: env() });
    expect(badTime.code).toBe(2);
    const partner = await run(['applications', 'export'], {
      env: { FINLET_GATEWAY: gw.url, FINLET_ADMIN_KEY: gw.partnerA.secretKey },
    });
    expect(partner.code).toBe(1);
    expect(partner.stdout).toBe('');
  });

  it('registers, lists and disables a bank endpoint with an admin key; a reviewer may not', async () => {
    const receiver = await startReceiver();
    try {
      const admin = { FINLET_GATEWAY: gw.url, FINLET_ADMIN_KEY: gw.admins.admin.apiKey };
      const refused = await run(['bank-webhooks', 'create', '--url', receiver.url], { env: env() });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('forbidden');
      const badEvent = await run(
        ['bank-webhooks', 'create', '--url', receiver.url, '--events', 'nudge.created'],
        {
          env: admin,
        },
      );
      expect(badEvent.code).toBe(2);
      const created = await run(
        [
          'bank-webhooks',
          'create',
          '--url',
          receiver.url,
          '--events',
          'application.submitted',
          '--role',
          'approver',
          '--json',
        ],
        { env: admin },
      );
      expect(created.code, created.stderr).toBe(0);
      const { endpoint, secret } = BankWebhookEndpointSecret.parse(JSON.parse(created.stdout));
      expect(endpoint).toMatchObject({ role: 'approver', eventTypes: ['application.submitted'] });
      expect(secret).toMatch(/^whsec_/);
      const listed = await run(['bank-webhooks', 'list'], { env: admin });
      expect(listed.stdout).toContain(`${endpoint.id}  active  approver view`);
      const disabled = await run(['bank-webhooks', 'disable', endpoint.id], { env: admin });
      expect(disabled.code, disabled.stderr).toBe(0);
      expect(disabled.stdout).toContain(`Disabled ${endpoint.id}  disabled`);
    } finally {
      await receiver.close();
    }
  });

  it('escapes CSV fields', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('-1+1')).toBe("'-1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
