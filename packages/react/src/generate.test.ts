import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { elementsOf, type Manifest, ROOT, readManifest } from './test/manifest.js';

const dir = mkdtempSync(join(tmpdir(), 'finlet-react-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `generate.mjs --check` against `manifest`; never writes into src/. */
function check(manifest: Manifest) {
  const path = join(dir, `manifest-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(manifest));
  return spawnSync(process.execPath, ['packages/react/scripts/generate.mjs', '--check', '--manifest', path], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

describe('the wrappers generated from custom-elements.json', () => {
  it('are up to date with the manifest of the current sources', () => {
    const result = check(readManifest());
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('are reported stale when an element gains an event', () => {
    const manifest = readManifest();
    const offers = elementsOf(manifest).find((e) => e.tagName === 'finlet-offers')!;
    offers.events = [...(offers.events ?? []), { name: 'finlet-application-submit' }];
    const result = check(manifest);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('offers.ts');
    expect(result.stderr).toContain('pnpm --filter @finlet/react generate');
  });

  it('are reported stale when an element is added, and refused when @finlet/widgets does not export it', () => {
    const manifest = readManifest();
    const offers = elementsOf(manifest).find((e) => e.tagName === 'finlet-offers')!;
    manifest.modules.push({ declarations: [{ ...offers, tagName: 'finlet-loans', name: 'FinletLoans' }] });
    const result = check(manifest);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('@finlet/widgets has no "./loans" export for <finlet-loans>');
  });
});
