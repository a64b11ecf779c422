import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../test/run.js';

describe('finlet serve: FINLET_SESSION_MAX_SECONDS', () => {
  it('lowers the longest embed session, and refuses a value outside 60–900 in one line', async () => {
    const tmp = tempDir();
    const dataDir = join(tmp.dir, 'db');
    const stop = new AbortController();
    try {
      expect((await run(['migrate', '--data-dir', dataDir])).code).toBe(0);
      const created = JSON.parse(
        (await run(['partners', 'create', '--name', 'Short sessions', '--data-dir', dataDir, '--json']))
          .stdout,
      ) as { secretKey: string };

      for (const bad of ['1800', '30', 'ten']) {
        const refused = await run(['serve', '--data-dir', dataDir, '--port', '0', '--log-level', 'silent'], {
          env: { FINLET_SESSION_MAX_SECONDS: bad },
        });
        expect(refused.code).toBe(2);
        expect(refused.stderr).toBe(
          `finlet: FINLET_SESSION_MAX_SECONDS must be whole seconds from 60 to 900, got "${bad}"\n`,
        );
      }

      let resolveUrl: (url: string) => void = () => {};
      const listening = new Promise<string>((resolve) => {
        resolveUrl = resolve;
      });
      const served = run(['serve', '--data-dir', dataDir, '--port', '0', '--json', '--log-level', 'silent'], {
        env: { FINLET_SESSION_MAX_SECONDS: '300' },
        signal: stop.signal,
        onStdout: (all) => {
          const line = all.split('\n').find((l) => l.includes('"listening"'));
          if (line) resolveUrl((JSON.parse(line) as { url: string }).url);
        },
      });
      const base = await Promise.race([
        listening,
        served.then((r) => Promise.reject(new Error(`serve ended early: ${r.stderr}`))),
      ]);
      const response = await fetch(`${base}/v1/embed-sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${created.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'u-serve', scenario: 'consumption', ttlSeconds: 900 }),
      });
      expect(response.status).toBe(201);
      const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: string };
      const { iat } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
        iat: number;
      };
      expect(new Date(expiresAt).getTime() / 1000 - iat).toBe(300);
      stop.abort();
      expect((await served).code).toBe(0);
    } finally {
      stop.abort();
      tmp.remove();
    }
  });
});
