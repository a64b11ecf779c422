import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, CLI_ROOT, cleanEnv, spawnCli } from './test/run.js';

/** Runs the binary with a stdout whose reader has already gone, as `finlet … | head -1` ends up. */
async function withClosedStdout(argv: string[]) {
  const child = spawn(process.execPath, [BIN, ...argv], {
    cwd: CLI_ROOT,
    env: cleanEnv() as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { ...exit, stderr };
}

describe('bin/finlet.js as a real process', () => {
  it('exits 2 with one line for wrong usage', async () => {
    const cli = spawnCli(['offers', 'frobnicate']);
    expect(await cli.exited).toEqual({ code: 2, signal: null });
    expect(cli.output().stderr).toMatch(/^finlet: unknown command 'frobnicate'.*\n$/);
  });

  it('validates offer files and exits 1 on a missing file, 0 on the demo catalogue', async () => {
    const bad = spawnCli(['offers', 'validate', 'demo/offers', 'no-such-file.yaml']);
    expect((await bad.exited).code).toBe(1);
    expect(bad.output().stdout).toBe('no-such-file.yaml: cannot read: no such file\n');
    expect(bad.output().stderr).toBe('finlet: 1 problem in 1 file\n');
    const good = spawnCli(['offers', 'validate', 'demo/offers', '--json']);
    expect((await good.exited).code).toBe(0);
    expect(JSON.parse(good.output().stdout)).toMatchObject({ valid: true });
  });

  it('exits quietly when the reader of its output goes away (piped into head)', async () => {
    for (const argv of [['--help'], ['offers', 'validate', 'demo/offers', '--json'], ['offers', '--help']]) {
      const result = await withClosedStdout(argv);
      expect(result.stderr, argv.join(' ')).toBe('');
      expect(result, argv.join(' ')).toMatchObject({ code: 0, signal: null });
    }
  });
});
