import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ROOT, run, tempDir } from './test/run.js';
import { CLI_VERSION } from './version.js';

const oneLine = (text: string) => text.trimEnd().split('\n');

describe('finlet usage', () => {
  it.each([
    [[], /^finlet: `finlet` needs a command; see `finlet --help`$/],
    [['offers'], /^finlet: `finlet offers` needs a command; see `finlet offers --help`$/],
    [['bogus'], /^finlet: unknown command 'bogus'/],
    [['offers', 'validate'], /^finlet: missing required argument 'files'/],
    [['admin-keys', 'create', '--name', 'Li'], /^finlet: required option '--role <role>' not specified/],
    [
      ['admin-keys', 'create', '--name', 'Li', '--role', 'boss'],
      /Allowed choices are author, approver, reviewer, agent, admin/,
    ],
    [['serve', '--port', 'eighty'], /^finlet: --port must be a port number from 0 to 65535, got "eighty"$/],
    [['offers', 'approve', 'not-a-target'], /^finlet: "not-a-target" is not <offer-id>@<version>/],
    [
      ['partners', 'create', '--name', 'Shop', '--origin', 'https://shop.example.com/path'],
      /^finlet: --origin "https:\/\/shop\.example\.com\/path": must be an origin/,
    ],
    [
      ['token', '--user', 'u1', '--scenario', 'tourism'],
      /^finlet: pass --partner-key or set FINLET_PARTNER_KEY/,
    ],
    [
      ['token', '--partner-key', 'fsk_k', '--user', 'u1', '--scenario', 'tourism', '--signal', 'novalue'],
      /^finlet: --signal "novalue" is not key=value/,
    ],
  ])('%j exits 2 with one line on stderr', async (argv, pattern) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(pattern);
    expect(result.stdout).toBe('');
  });

  it('prints help and the version on stdout with exit 0', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: finlet');
    expect(help.stdout).toContain('FINLET_ADMIN_KEY');
    const publishHelp = await run(['offers', 'publish', '--help']);
    expect(publishHelp.stdout).toContain('finlet offers approve <id>@<version>');
    const version = await run(['--version']);
    expect(version).toEqual({ code: 0, stdout: `${CLI_VERSION}\n`, stderr: '' });
  });

  it('keeps its version in step with package.json', () => {
    const pkg = JSON.parse(readFileSync(join(CLI_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(CLI_VERSION).toBe(pkg.version);
  });
});

describe('finlet offers validate', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
    const demo = readFileSync(join(CLI_ROOT, 'demo/offers/scf-inventory-financing.yaml'), 'utf8');
    writeFileSync(join(tmp.dir, 'good.yaml'), demo);
    writeFileSync(
      join(tmp.dir, 'bad.yaml'),
      demo
        .replace('id: scf-inventory-financing', 'id: scf-bad')
        .replace('op: gte\n    value: 45', 'op: in\n    value: 45')
        .replace('apr: { min: 365, max: 720 }', 'apr: { min: 900, max: 720 }'),
    );
  });
  afterAll(() => tmp.remove());

  it('passes valid files with exit 0', async () => {
    const result = await run(['offers', 'validate', 'good.yaml'], { cwd: tmp.dir });
    expect(result).toEqual({ code: 0, stdout: '1 offer valid in 1 file\n', stderr: '' });
  });

  it('reports every error as file:line:col: path: reason and exits 1 with one summary line', async () => {
    const result = await run(['offers', 'validate', 'good.yaml', 'bad.yaml'], { cwd: tmp.dir });
    expect(result.code).toBe(1);
    const lines = oneLine(result.stdout);
    expect(lines).toHaveLength(2);
    expect(lines).toContain('bad.yaml:11:10: pricing.apr.min: `min` must not exceed `max`');
    expect(lines.find((l) => l.includes('eligibility.2.value'))).toMatch(
      /^bad\.yaml:\d+:5: eligibility\.2\.value: `in` needs a list of values$/,
    );
    expect(result.stderr).toBe('finlet: 2 problems in 1 file\n');
  });

  it('prints a JSON report with --json', async () => {
    const result = await run(['offers', 'validate', 'good.yaml', 'bad.yaml', '--json'], { cwd: tmp.dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      valid: boolean;
      offers: { id: string }[];
      problems: object[];
    };
    expect(report.valid).toBe(false);
    expect(report.offers.map((o) => o.id)).toEqual(['scf-inventory-financing']);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ file: 'bad.yaml', path: 'pricing.apr.min', line: 11 }),
    );
  });

  it('validates the whole demo catalogue by directory', async () => {
    const result = await run(['offers', 'validate', 'demo/offers', '--json'], { cwd: CLI_ROOT });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { offers: unknown[] }).offers.length).toBeGreaterThanOrEqual(8);
  });
});
