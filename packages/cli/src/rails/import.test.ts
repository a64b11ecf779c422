import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportedObject, importFixture } from '../test/import-fixture.js';
import { loadDemoRails } from './files.js';

interface ImportReport {
  actor: { role: string };
  tables: (ImportedObject & { kind: string })[];
}

describe('finlet rails import through the admin API', () => {
  const fx = importFixture(async () => ({ 'rails.json': JSON.stringify(await loadDemoRails(new Date())) }));
  const importAs = (key: string, file = 'rails.json') =>
    fx.json<ImportReport>(['rails', 'import', file], key);

  it('submits as an author, publishes as an approver, then finds nothing to change', async () => {
    const first = await importAs(fx.gw.author.apiKey);
    expect(first.tables.map((t) => [t.kind, t.id, t.change, t.status])).toEqual([
      ['rail-tables', 'demo-rails', 'new', 'in_review'],
      ['fx-tables', 'demo-fx', 'new', 'in_review'],
    ]);
    const second = await importAs(fx.gw.approver.apiKey);
    expect(second.tables.map((t) => [t.steps, t.status])).toEqual([
      [['approve', 'publish'], 'published'],
      [['approve', 'publish'], 'published'],
    ]);
    expect((await fx.gw.store.railTables.listPublished())[0]!.legs.length).toBeGreaterThanOrEqual(40);
    const again = await importAs(fx.gw.author.apiKey);
    expect(again.tables.every((t) => t.change === 'unchanged' && t.steps.length === 0)).toBe(true);
  });

  it('shows the diff against the published tables in a dry run, and stores nothing', async () => {
    const doc = await loadDemoRails(new Date());
    const published = await fx.gw.store.railTables.listPublished();
    // The files as published, with one leg's fee changed and the FX table's max age changed.
    const stored = JSON.parse(readFileSync(join(fx.dir, 'rails.json'), 'utf8')) as typeof doc;
    const leg = stored.railTables[0]!.legs[2]! as Record<string, unknown>;
    const [field, before] = Object.entries(leg).find(([, v]) => typeof v === 'number') ?? [];
    expect(field, 'a numeric field on a leg').toBeDefined();
    leg[field!] = (before as number) + 1;
    stored.fxTables[0]!.maxAgeSeconds += 60;
    writeFileSync(join(fx.dir, 'changed.json'), JSON.stringify(stored));

    const text = await fx.finlet(['rails', 'import', 'changed.json', '--dry-run'], fx.gw.author.apiKey);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Dry run as Li Na (author)');
    expect(text.stdout).toContain(
      `changed   rail table demo-rails (legs) [latest v1 published]: would create → submit\n    legs[2].${field}: ${before} → ${(before as number) + 1}\n`,
    );
    expect(text.stdout).toMatch(
      /changed +FX table demo-fx \(maxAgeSeconds\) .*: would create → submit\n {4}maxAgeSeconds: \d+ → \d+\n/,
    );

    const json = await fx.finlet(
      ['rails', 'import', 'changed.json', '--dry-run', '--json'],
      fx.gw.approver.apiKey,
    );
    const report = JSON.parse(json.stdout) as ImportReport & { dryRun: boolean };
    expect(report.dryRun).toBe(true);
    expect(report.tables[0]).toMatchObject({
      change: 'changed',
      against: { version: 1, status: 'published' },
      changes: [{ path: `legs[2].${field}`, before, after: (before as number) + 1 }],
      steps: [],
      version: 1,
      status: 'published',
    });
    // Nothing was written.
    expect(await fx.gw.store.railTables.listPublished()).toEqual(published);
    const versions = await fetch(`${fx.gw.url}/v1/admin/rail-tables/demo-rails`, {
      headers: { authorization: `Bearer ${fx.gw.author.apiKey}` },
    });
    expect(((await versions.json()) as { tables: unknown[] }).tables).toHaveLength(1);
  });

  it('rejects an invalid file with one readable line and changes nothing', async () => {
    writeFileSync(join(fx.dir, 'bad.yaml'), 'railTables:\n  - id: x\n    legs: []\n');
    const result = await fx.finlet(['rails', 'import', 'bad.yaml'], fx.gw.author.apiKey);
    expect(result.code).toBe(1);
    // Every mistake, each as file: path: reason, then one summary line.
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toContain('bad.yaml: railTables.0.legs: Too small: expected array to have >=1 items');
    expect(lines.some((l) => /^bad\.yaml: railTables\.0\.id: /.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^finlet: \d+ problems in bad\.yaml; nothing was imported$/);

    writeFileSync(
      join(fx.dir, 'one.yaml'),
      'id: fx-one\nasOf: yesterday\nmaxAgeSeconds: 60\nrates: []\nextra: 1\n',
    );
    const one = await fx.finlet(['rails', 'validate', 'one.yaml', '--json']);
    expect(one.code).toBe(1);
    const { problems } = JSON.parse(one.stdout) as { problems: { file: string; path: string }[] };
    expect(problems.map((p) => `${p.file}: ${p.path}`).sort()).toEqual([
      'one.yaml: asOf',
      'one.yaml: extra',
      'one.yaml: rates',
    ]);
    expect(one.stderr).toMatch(/^finlet: 3 problems in one\.yaml\n$/);
  });

  it('validates the demo file offline', async () => {
    const result = await fx.finlet(['rails', 'validate', join(fx.dir, 'rails.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 rail table\(s\) with \d+ legs and 1 FX table\(s\) valid/);
  });
});
