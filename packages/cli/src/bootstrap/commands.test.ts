import { join } from 'node:path';
import { openStore } from '@finlet/gateway';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropSchema, PG_URL, run, tempDir } from '../test/run.js';

describe('bootstrap commands on SQLite', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dataDir: string;
  beforeEach(() => {
    tmp = tempDir();
    dataDir = join(tmp.dir, 'data');
  });
  afterEach(() => tmp.remove());

  it('migrate creates the data dir, applies migrations once, then reports up to date', async () => {
    const first = await run(['migrate', '--data-dir', dataDir, '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const applied = (JSON.parse(first.stdout) as { applied: string[] }).applied;
    expect(applied.length).toBeGreaterThan(0);
    const second = await run(['migrate'], { env: { FINLET_DATA_DIR: dataDir } });
    expect(second).toMatchObject({ code: 0, stdout: `SQLite in ${dataDir}: already up to date\n` });
  });

  it('refuses to create keys before migrations, in one line', async () => {
    const missing = await run([
      'admin-keys',
      'create',
      '--name',
      'Li Na',
      '--role',
      'author',
      '--data-dir',
      dataDir,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^finlet: no database in .*; run `finlet migrate` first/);
  });

  it('partners create prints the id and secrets once, and the partner is stored', async () => {
    await run(['migrate', '--data-dir', dataDir]);
    const result = await run([
      'partners',
      'create',
      '--name',
      'Cloud Travel',
      '--origin',
      'https://travel.example.com',
      'http://127.0.0.1:4401',
      '--scenario',
      'tourism',
      '--webhook-url',
      // A literal public address: partner creation resolves and judges the host, and tests have no DNS.
      'https://93.184.215.14/hooks/finlet',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout) as {
      partner: { id: string; origins: string[]; scenarios: string[] };
      secretKey: string;
      webhookSecret: string;
    };
    expect(created.partner.id).toMatch(/^ptn_/);
    expect(created.partner.origins).toEqual(['https://travel.example.com', 'http://127.0.0.1:4401']);
    expect(created.partner.scenarios).toEqual(['tourism']);
    expect(created.secretKey).toMatch(/^fsk_/);
    expect(created.webhookSecret).toMatch(/^whsec_/);

    const human = await run(['partners', 'create', '--name', 'Shop', '--data-dir', dataDir]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/partner id +ptn_\w+\n +secret key +fsk_\w+\n +webhook secret +whsec_/);

    const store = await openStore({ dataDir });
    try {
      expect((await store.partners.list()).map((p) => p.name).sort()).toEqual(['Cloud Travel', 'Shop']);
    } finally {
      await store.close();
    }
  });

  it('partners create refuses a webhook URL on a non-public address with one line, and stores nothing', async () => {
    await run(['migrate', '--data-dir', dataDir]);
    for (const url of [
      'http://[::169.254.169.254]/latest',
      'http://[2002:7f00:1::1]/hook',
      'http://127.0.0.1:9/hook',
    ]) {
      const result = await run([
        'partners',
        'create',
        '--name',
        'Sly',
        '--webhook-url',
        url,
        '--data-dir',
        dataDir,
      ]);
      expect(result.code, url).not.toBe(0);
      expect(result.stderr).toMatch(/^finlet: --webhook-url ".*": .*(loopback|not a public address).*\n$/);
    }
    const store = await openStore({ dataDir });
    try {
      expect(await store.partners.list()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('funnel rebuild builds the rollups again in the configured zone, and refuses an unknown zone in one line', async () => {
    const unmigrated = await run(['funnel', 'rebuild', '--data-dir', dataDir]);
    expect(unmigrated.code).not.toBe(0);
    await run(['migrate', '--data-dir', dataDir]);
    const rebuilt = await run(['funnel', 'rebuild', '--data-dir', dataDir, '--json'], {
      env: { FINLET_TIME_ZONE: 'Europe/Berlin' },
    });
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.code).toBe(0);
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ timeZone: 'Europe/Berlin', dailyRows: 0 });
    const wrong = await run(['funnel', 'rebuild', '--data-dir', dataDir], {
      env: { FINLET_TIME_ZONE: 'Mars/Base' },
    });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/^finlet: FINLET_TIME_ZONE: unknown time zone "Mars\/Base"[^\n]*\n$/);
  });

  it('admin-keys create prints a key of the role', async () => {
    await run(['migrate', '--data-dir', dataDir]);
    const result = await run(['admin-keys', 'create', '--name', 'Zhao Min', '--role', 'approver', '--json'], {
      env: { FINLET_DATA_DIR: dataDir },
    });
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout) as { admin: { id: string; role: string }; apiKey: string };
    expect(created.admin.role).toBe('approver');
    expect(created.apiKey).toMatch(/^fak_/);
    const human = await run([
      'admin-keys',
      'create',
      '--name',
      'Li Na',
      '--role',
      'author',
      '--data-dir',
      dataDir,
    ]);
    expect(human.stdout).toMatch(/^Created author key for Li Na \(adm_\w+\)\n {2}FINLET_ADMIN_KEY=fak_\w+\n/);
  });
});

describe('bootstrap commands on PostgreSQL', () => {
  const schema = `finlet_cli_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const env = { FINLET_DATABASE_URL: PG_URL, FINLET_DATABASE_SCHEMA: schema };
  afterAll(async () => {
    await dropSchema(schema);
  });

  it('migrates, then creates a partner and an admin key in its own schema', async () => {
    const migrated = await run(['migrate', '--json'], { env });
    expect(migrated.stderr).toBe('');
    expect(JSON.parse(migrated.stdout)).toMatchObject({
      database: expect.stringContaining(`(schema ${schema})`),
    });

    const partner = await run(
      ['partners', 'create', '--name', 'GovServe', '--scenario', 'government', '--json'],
      { env },
    );
    expect(partner.code).toBe(0);
    const partnerId = (JSON.parse(partner.stdout) as { partner: { id: string } }).partner.id;

    const key = await run(['admin-keys', 'create', '--name', 'Ops', '--role', 'admin', '--json'], { env });
    expect(key.code).toBe(0);

    const store = await openStore({ databaseUrl: PG_URL, schema });
    try {
      expect((await store.partners.get(partnerId))?.name).toBe('GovServe');
      expect((await store.adminKeys.list()).map((k) => k.identity.role)).toEqual(['admin']);
    } finally {
      await store.close();
    }
  });

  it('explains an unreachable database in one line', async () => {
    const result = await run(['migrate'], {
      env: { FINLET_DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/none' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^finlet: cannot connect to PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none: .+\n$/,
    );
    expect(result.stderr).not.toContain('secret');
  });
});
