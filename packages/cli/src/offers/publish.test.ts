import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../test/gateway.js';
import { CLI_ROOT, run, tempDir } from '../test/run.js';

interface PublishReport {
  dryRun: boolean;
  actor: { role: string };
  offers: {
    id: string;
    change: string;
    changedFields: string[];
    against: { version: number; status: string } | null;
    changes: { path: string; before?: unknown; after?: unknown }[];
    steps: string[];
    waitingFor: string | null;
    result: { version: number; status: string } | null;
  }[];
}

describe('finlet offers publish / approve through the admin API', () => {
  let gw: TestGateway;
  let tmp: ReturnType<typeof tempDir>;
  const as = (key: string) => ({ FINLET_GATEWAY: gw.url, FINLET_ADMIN_KEY: key });
  const publish = async (key: string, ...extra: string[]) => {
    const result = await run(['offers', 'publish', 'offers', '--json', ...extra], {
      cwd: tmp.dir,
      env: as(key),
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as PublishReport;
  };
  const byId = (report: PublishReport, id: string) => report.offers.find((o) => o.id === id)!;

  beforeAll(async () => {
    gw = await startTestGateway();
    tmp = tempDir();
    mkdirSync(join(tmp.dir, 'offers'));
    for (const name of ['scf-inventory-financing.yaml', 'consumer-loan.yaml']) {
      copyFileSync(join(CLI_ROOT, 'demo/offers', name), join(tmp.dir, 'offers', name));
    }
  });
  afterAll(async () => {
    await gw?.close();
    tmp?.remove();
  });

  it('walks an offer from file to published with four eyes, and is idempotent', async () => {
    const dry = await publish(gw.author.apiKey, '--dry-run');
    expect(dry.dryRun).toBe(true);
    expect(dry.offers.map((o) => [o.id, o.change, o.steps])).toEqual([
      ['consumer-loan', 'new', ['create', 'submit']],
      ['scf-inventory-financing', 'new', ['create', 'submit']],
    ]);
    // A dry run changes nothing.
    expect((await publish(gw.author.apiKey, '--dry-run')).offers[0]!.change).toBe('new');

    const authored = await publish(gw.author.apiKey);
    expect(authored.offers.map((o) => o.result)).toEqual([
      { version: 1, status: 'in_review' },
      { version: 1, status: 'in_review' },
    ]);

    // The approver's publish cannot skip the approval step.
    const early = await publish(gw.approver.apiKey);
    expect(byId(early, 'consumer-loan')).toMatchObject({
      change: 'unchanged',
      steps: [],
      waitingFor: 'an approver to run `finlet offers approve consumer-loan@1`',
    });

    // Whoever wrote a version may not approve it, whatever the role.
    const selfApproval = await run(['offers', 'approve', 'consumer-loan@1'], { env: as(gw.author.apiKey) });
    expect(selfApproval.code).toBe(1);
    expect(selfApproval.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(selfApproval.stderr).toMatch(/^finlet: consumer-loan@1: .*\[forbidden, /);

    const approved = await run(
      [
        'offers',
        'approve',
        'consumer-loan@1',
        'scf-inventory-financing@1',
        '--comment',
        'checked against the rate sheet',
        '--json',
      ],
      { env: as(gw.approver.apiKey) },
    );
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({
      approved: [
        { id: 'consumer-loan', version: 1, status: 'approved', approvedBy: gw.approver.admin.id },
        { id: 'scf-inventory-financing', version: 1, status: 'approved' },
      ],
    });

    const live = await publish(gw.approver.apiKey);
    expect(live.offers.map((o) => o.result)).toEqual([
      { version: 1, status: 'published' },
      { version: 1, status: 'published' },
    ]);

    const again = await publish(gw.author.apiKey);
    expect(again.offers.map((o) => [o.change, o.steps])).toEqual([
      ['unchanged', []],
      ['unchanged', []],
    ]);

    const audit = await fetch(`${gw.url}/v1/admin/audit?targetId=consumer-loan`, {
      headers: { authorization: `Bearer ${gw.approver.apiKey}` },
    });
    const actions = ((await audit.json()) as { entries: { action: string }[] }).entries.map((e) => e.action);
    expect(actions).toEqual(['offer.publish', 'offer.approve', 'offer.submit', 'offer.create']);
  });

  it('shows changed offers in a dry run and submits them as a new version', async () => {
    const file = join(tmp.dir, 'offers', 'consumer-loan.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('apr: { min: 360, max: 1800 }', 'apr: { min: 388, max: 1800 }'),
    );
    const dry = await run(['offers', 'publish', 'offers', '--dry-run'], {
      cwd: tmp.dir,
      env: as(gw.author2.apiKey),
    });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run as Wang Wei (author)');
    expect(dry.stdout).toMatch(
      /changed +consumer-loan \(pricing\) \[latest v1 published\]: would create draft v2 → submit for review/,
    );
    expect(dry.stdout).toMatch(/unchanged +scf-inventory-financing \[latest v1 published\]: nothing to do/);
    expect(dry.stdout).toContain('\n    pricing.apr.min: 360 → 388\n');
    const dryJson = await publish(gw.author2.apiKey, '--dry-run');
    expect(byId(dryJson, 'consumer-loan')).toMatchObject({
      against: { version: 1, status: 'published' },
      changes: [{ path: 'pricing.apr.min', before: 360, after: 388 }],
    });
    expect(byId(dryJson, 'scf-inventory-financing')).toMatchObject({ change: 'unchanged', changes: [] });

    const submitted = await publish(gw.author2.apiKey);
    expect(byId(submitted, 'consumer-loan')).toMatchObject({
      change: 'changed',
      result: { version: 2, status: 'in_review' },
    });
  });

  it('refuses invalid files before calling the gateway, and explains a missing key or gateway', async () => {
    writeFileSync(join(tmp.dir, 'broken.yaml'), 'id: Not Valid\n');
    const invalid = await run(['offers', 'publish', 'broken.yaml'], {
      cwd: tmp.dir,
      env: as(gw.author.apiKey),
    });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^broken\.yaml:1:1: id: must be lower-case/);
    expect(invalid.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^finlet: \d+ problems in 1 file; nothing was published$/,
    );

    const noKey = await run(['offers', 'publish', 'offers'], {
      cwd: tmp.dir,
      env: { FINLET_GATEWAY: gw.url },
    });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/^finlet: set FINLET_ADMIN_KEY/);

    const badKey = await run(['offers', 'list'], {
      env: as('fak_0000000000000000_00000000000000000000000000000000'),
    });
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toMatch(/^finlet: The API key is not valid: .*\[invalid_api_key, req_/);

    const closed = await closedPort();
    const down = await run(['offers', 'list', '--gateway', `http://127.0.0.1:${closed}`], {
      env: as(gw.author.apiKey),
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(
      `finlet: cannot reach the gateway at http://127.0.0.1:${closed} (ECONNREFUSED); is it running? Set --gateway or FINLET_GATEWAY\n`,
    );
  });

  it('lists offers by status', async () => {
    const result = await run(['offers', 'list', '--status', 'in_review', '--json'], {
      env: as(gw.approver.apiKey),
    });
    expect(result.code).toBe(0);
    const { offers } = JSON.parse(result.stdout) as { offers: { id: string; version: number }[] };
    expect(offers.map((o) => `${o.id}@${o.version}`)).toEqual(['consumer-loan@2']);
  });
});

/** A port nobody listens on: bound once by us, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
