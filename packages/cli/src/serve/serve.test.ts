import { randomBytes } from 'node:crypto';
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../test/run.js';

describe('finlet serve', () => {
  it('refuses a database with pending migrations, naming the fix', async () => {
    const tmp = tempDir();
    try {
      // An empty data dir is a database with every migration pending.
      const result = await run(['serve', '--data-dir', tmp.dir, '--port', '0']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^finlet: the database \(SQLite in .*\) has \d+ pending migrations? \(.+\); run `finlet migrate` first, or start with `finlet serve --migrate`\n$/,
      );
    } finally {
      tmp.remove();
    }
  });

  it('with --migrate starts on a free port, answers, and stops cleanly when told', async () => {
    const tmp = tempDir();
    const stop = new AbortController();
    let url: string | undefined;
    let resolveUrl: (url: string) => void = () => {};
    const listening = new Promise<string>((resolve) => {
      resolveUrl = resolve;
    });
    const served = run(
      [
        'serve',
        '--migrate',
        '--data-dir',
        join(tmp.dir, 'db'),
        '--port',
        '0',
        '--json',
        '--log-level',
        'silent',
      ],
      {
        signal: stop.signal,
        onStdout: (all) => {
          const line = all.split('\n').find((l) => l.includes('"listening"'));
          if (line && !url) {
            url = (JSON.parse(line) as { url: string }).url;
            resolveUrl(url);
          }
        },
      },
    );
    try {
      const base = await Promise.race([
        listening,
        served.then((r) => Promise.reject(new Error(`serve ended early: ${r.stderr}`))),
      ]);
      expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      stop.abort();
      const result = await served;
      expect(result).toMatchObject({ code: 0, stderr: '' });
      // A fresh data dir is private; only the missing master key is worth a warning.
      const warnings = result.stdout
        .split('\n')
        .filter((l) => l.includes('"warning"'))
        .map((l) => (JSON.parse(l) as { message: string }).message);
      expect(warnings).toEqual([expect.stringMatching(/^no master key: set FINLET_MASTER_KEY/)]);
      // It stopped gracefully: drained first, nothing was left to cut.
      const events = result.stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { event: string; forced?: boolean });
      expect(events.map((e) => e.event).slice(-2)).toEqual(['draining', 'stopped']);
      expect(events.at(-1)?.forced).toBe(false);
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    } finally {
      stop.abort();
      tmp.remove();
    }
  });

  it('refuses shutdown settings that make no sense, in one line', async () => {
    const tmp = tempDir();
    try {
      const bad = await run(['serve', '--migrate', '--data-dir', join(tmp.dir, 'db'), '--port', '0'], {
        env: { FINLET_SHUTDOWN_TIMEOUT_MS: 'soon' },
      });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toBe(
        'finlet: FINLET_SHUTDOWN_TIMEOUT_MS must be whole milliseconds of at least 1, got "soon"\n',
      );
      const inverted = await run(['serve', '--migrate', '--data-dir', join(tmp.dir, 'db'), '--port', '0'], {
        env: { FINLET_SHUTDOWN_DELAY_MS: '5000', FINLET_SHUTDOWN_TIMEOUT_MS: '3000' },
      });
      expect(inverted.code).toBe(2);
      expect(inverted.stderr).toMatch(/^finlet: FINLET_SHUTDOWN_DELAY_MS \(5000\) must be shorter than/);
    } finally {
      tmp.remove();
    }
  });

  it('warns on start about a data directory others may read, and refuses a malformed master key', async () => {
    const tmp = tempDir();
    const dir = join(tmp.dir, 'db');
    const stop = new AbortController();
    try {
      expect((await run(['migrate', '--data-dir', dir])).code).toBe(0);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'finlet.db')).mode & 0o777).toBe(0o600);
      const bad = await run(['serve', '--data-dir', dir, '--port', '0'], {
        env: { FINLET_MASTER_KEY: 'not-a-key' },
      });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(
        /^finlet: FINLET_MASTER_KEY must be 32 random bytes as base64 or 64 hex digits.*\n$/,
      );

      chmodSync(dir, 0o755);
      let resolveWarned: (line: string) => void = () => {};
      const warned = new Promise<string>((resolve) => {
        resolveWarned = resolve;
      });
      const served = run(['serve', '--data-dir', dir, '--port', '0', '--log-level', 'silent'], {
        env: { FINLET_MASTER_KEY: randomBytes(32).toString('base64') },
        signal: stop.signal,
        onStdout: (all) => {
          if (all.includes('listening on')) resolveWarned(all);
        },
      });
      await Promise.race([warned, served.then((r) => Promise.reject(new Error(r.stderr)))]);
      stop.abort();
      const result = await served;
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(
        /^finlet: warning: data directory .* has mode 0755; run `chmod 700 .*`\n$/,
      );
    } finally {
      stop.abort();
      tmp.remove();
    }
  });
});
