import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { OfferMatchResult } from '@finlet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, PG_URL, run, spawnCli, tempDir } from '../test/run.js';
import { loadDemoOffers, loadDemoPartners } from './demo.js';
import { DEV_KEYS_FILE } from './keys.js';

interface Ready {
  event: 'ready';
  url: string;
  openapi: string;
  admins: Record<'author' | 'approver' | 'reviewer' | 'agent' | 'admin', { id: string; apiKey: string }>;
  partners: { handle: string; id: string; secretKey: string }[];
  offers: { id: string; change: string; version: number; status: string }[];
  documents: { id: string; change: string; status: string | null }[];
  curl: string;
}

/** Runs `finlet dev --json` in-process until the ready event, then returns it and a stop function. */
async function startDev(dataDir: string) {
  const stop = new AbortController();
  let resolveReady: (ready: Ready) => void = () => {};
  const ready = new Promise<Ready>((resolve) => {
    resolveReady = resolve;
  });
  const finished = run(['dev', '--port', '0', '--data-dir', dataDir, '--json', '--log-level', 'silent'], {
    signal: stop.signal,
    onStdout: (all) => {
      const line = all.split('\n').find((l) => l.startsWith('{'));
      if (line) resolveReady(JSON.parse(line) as Ready);
    },
  });
  const first = await Promise.race([ready, finished.then((r) => Promise.reject(new Error(r.stderr)))]);
  return {
    ready: first,
    stop: async () => {
      stop.abort();
      return finished;
    },
  };
}

describe('finlet dev (in-process)', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.remove());

  it('seeds keys, partners and published offers, and reuses them across restarts', async () => {
    const dataDir = join(tmp.dir, 'dev');
    const demoOffers = await loadDemoOffers(new Date());
    const first = await startDev(dataDir);
    expect(first.ready.openapi).toBe(`${first.ready.url}/v1/openapi.json`);
    expect(Object.keys(first.ready.admins).sort()).toEqual([
      'admin',
      'agent',
      'approver',
      'author',
      'reviewer',
    ]);
    expect(first.ready.partners.map((p) => p.handle).sort()).toEqual(
      (await loadDemoPartners()).map((p) => p.handle).sort(),
    );
    expect(first.ready.offers).toHaveLength(demoOffers.length);
    expect(
      first.ready.offers.every((o) => o.change === 'new' && o.status === 'published' && o.version === 1),
    ).toBe(true);
    expect(first.ready.curl).toContain(`${first.ready.url}/v1/offers/match`);
    expect(first.ready.documents.length).toBeGreaterThanOrEqual(20);
    expect(first.ready.documents.every((d) => d.change === 'new' && d.status === 'published')).toBe(true);
    expect(statSync(join(dataDir, DEV_KEYS_FILE)).mode & 0o777).toBe(0o600);

    // Published through the admin API by two different identities: the audit log says so.
    const audit = await fetch(`${first.ready.url}/v1/admin/audit?action=offer.approve`, {
      headers: { authorization: `Bearer ${first.ready.admins.admin.apiKey}` },
    });
    const entries = ((await audit.json()) as { entries: { actor: { id: string } }[] }).entries;
    expect(entries).toHaveLength(demoOffers.length);
    expect(entries.every((e) => e.actor.id === first.ready.admins.approver.id)).toBe(true);
    expect(await first.stop()).toMatchObject({ code: 0, stderr: '' });

    const second = await startDev(dataDir);
    try {
      expect(second.ready.admins).toEqual(first.ready.admins);
      expect(second.ready.partners).toEqual(first.ready.partners);
      expect(second.ready.offers.every((o) => o.change === 'unchanged' && o.version === 1)).toBe(true);
      expect(second.ready.documents.every((d) => d.change === 'unchanged')).toBe(true);
    } finally {
      expect((await second.stop()).code).toBe(0);
    }
  });
});

describe('finlet dev (child process)', () => {
  it('prints the URL and keys, serves the slice, and exits 0 on SIGTERM', async () => {
    const tmp = tempDir();
    const dev = spawnCli(['dev', '--port', '0', '--data-dir', join(tmp.dir, 'dev')]);
    try {
      const [, url] = await dev.waitFor(/Finlet dev gateway +(http:\/\/127\.0\.0\.1:\d+)/);
      const [, partnerId, secretKey] = await dev.waitFor(
        /supply-chain .*\n +id (ptn_\w+) +secret key (fsk_\w+)/,
      );
      await dev.waitFor(/Press Ctrl\+C to stop/);
      expect(dev.output().stdout).toMatch(
        / {2}author +fak_\w+\n {2}approver +fak_\w+\n {2}reviewer +fak_\w+\n {2}agent +fak_\w+\n {2}admin +fak_\w+/,
      );
      expect(partnerId).toMatch(/^ptn_/);

      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const bundle = await fetch(`${url}/finlet.js`, { headers: { origin: 'https://any-partner.example' } });
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(bundle.headers.get('access-control-allow-origin')).toBe('*');
      const code = await bundle.text();
      expect(code).toContain('finlet-offers');
      const lazy = /import\("\.\/(finlet\/finlet-advice-chat-[\w-]+\.js)"\)/.exec(code)?.[1];
      const chunk = await fetch(`${url}/${lazy}`);
      expect(chunk.status).toBe(200);
      expect(chunk.headers.get('cache-control')).toContain('immutable');
      const sample = (await loadDemoPartners()).find((p) => p.handle === 'supply-chain')!.sampleSession;
      const session = await fetch(`${url}/v1/embed-sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(sample),
      });
      expect(session.status).toBe(201);
      const { token } = (await session.json()) as { token: string };
      const match = await fetch(`${url}/v1/offers/match`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ amount: { value: 50_000_000, currency: 'CNY' } }),
      });
      expect(match.status).toBe(200);
      const result = (await match.json()) as OfferMatchResult;
      const ranked = result.matches.filter((m) => m.eligible).map((m) => [m.rank, m.offer.id]);
      expect(ranked.length).toBeGreaterThanOrEqual(2);
      expect(ranked.map(([rank]) => rank)).toEqual(ranked.map((_, i) => i + 1));
      expect(ranked.map(([, id]) => id)).toEqual(
        expect.arrayContaining(['scf-inventory-financing', 'scf-receivables-financing']),
      );

      dev.child.kill('SIGTERM');
      const exit = await dev.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(dev.output().stderr).toBe('');
    } finally {
      if (dev.child.exitCode === null) dev.child.kill('SIGKILL');
      tmp.remove();
    }
  });
});

describe('finlet dev on PostgreSQL (child process)', () => {
  const schema = `finlet_dev_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  afterAll(async () => {
    await dropSchema(schema);
  });

  // Seeding the demo catalogue over HTTP takes a while on a busy machine: a generous bound.
  it('creates a missing data dir (mode 700) for its keys and names the database without the password', {
    timeout: 120_000,
  }, async () => {
    const tmp = tempDir();
    const dataDir = join(tmp.dir, 'not', 'yet', 'dev');
    // The test server trusts every local connection, so any password works; none may be printed.
    const url = new URL(PG_URL);
    url.password = 'n0t-for-print';
    const dev = spawnCli(['dev', '--port', '0', '--demo-ports', 'off', '--data-dir', dataDir], {
      env: { FINLET_DATABASE_URL: url.href, FINLET_DATABASE_SCHEMA: schema },
    });
    try {
      await dev.waitFor(/Press Ctrl\+C to stop/);
      const { stdout } = dev.output();
      expect(stdout).toContain(
        `  database          PostgreSQL ${url.host}${url.pathname} (schema ${schema})\n`,
      );
      expect(stdout).toContain(`  keys              ${join(dataDir, DEV_KEYS_FILE)} (mode 0600)\n`);
      expect(stdout).not.toContain('SQLite');
      expect(stdout).not.toContain('n0t-for-print');
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, DEV_KEYS_FILE)).mode & 0o777).toBe(0o600);
      // The database is PostgreSQL's: no SQLite file appears next to the keys.
      expect(existsSync(join(dataDir, 'finlet.db'))).toBe(false);
      dev.child.kill('SIGTERM');
      expect(await dev.exited).toEqual({ code: 0, signal: null });
      expect(dev.output().stderr).toBe('');
    } finally {
      if (dev.child.exitCode === null) dev.child.kill('SIGKILL');
      tmp.remove();
    }
  });
});
