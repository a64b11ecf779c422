import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../test/bundle.js';
import { run, tempDir } from '../test/run.js';

/**
 * `finlet serve` in a process of its own, stopped by a real SIGTERM (as an orchestrator or
 * `deploy/cluster.mjs` stops it) while a client holds a request half-sent: the instance must still
 * exit, at FINLET_SHUTDOWN_TIMEOUT_MS, cutting the request rather than waiting for it.
 */
describe('finlet serve on SIGTERM (a process of its own)', () => {
  const bundled = bundleCli();
  afterAll(async () => (await bundled).remove());

  it('exits 0 within FINLET_SHUTDOWN_TIMEOUT_MS, cutting a request still in flight, and says so', async () => {
    const tmp = tempDir();
    const dataDir = join(tmp.dir, 'db');
    try {
      expect((await run(['migrate', '--data-dir', dataDir])).code).toBe(0);
      const { secretKey } = JSON.parse(
        (await run(['partners', 'create', '--name', 'Held', '--data-dir', dataDir, '--json'])).stdout,
      ) as { secretKey: string };
      const { command } = await bundled;
      const child = spawn(
        command[0]!,
        [
          ...command.slice(1),
          'serve',
          '--data-dir',
          dataDir,
          '--port',
          '0',
          '--json',
          '--log-level',
          'silent',
        ],
        {
          env: { ...process.env, FINLET_SHUTDOWN_DELAY_MS: '0', FINLET_SHUTDOWN_TIMEOUT_MS: '1000' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk;
          const line = stdout.split('\n').find((l) => l.includes('"listening"'));
          if (line) resolve((JSON.parse(line) as { url: string }).url);
        });
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk;
        });
        void exited.then(() => reject(new Error(`serve exited early: ${stderr}`)));
      });

      // A request whose body never finishes: its handler waits for it.
      const body = JSON.stringify({ userId: 'u-held', scenario: 'consumption' });
      const { port } = new URL(url);
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        answer += chunk;
      });
      socket.on('error', () => {});
      const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        `POST /v1/embed-sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${secretKey}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
      );
      // Readiness answers on another connection while the held one waits.
      expect((await fetch(`${url}/readyz`)).status).toBe(200);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await socketClosed;
      // Cut, not answered: the request never completed.
      expect(answer).toBe('');
      const events = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { event: string; forced?: boolean });
      expect(events.map((e) => e.event).slice(-2)).toEqual(['draining', 'stopped']);
      expect(events.at(-1)?.forced).toBe(true);
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    } finally {
      tmp.remove();
    }
  });
});
