import { describe, expect, it } from 'vitest';
import { spawnCli } from './test/run.js';

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
});
