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
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    } finally {
      stop.abort();
      tmp.remove();
    }
  });
});
