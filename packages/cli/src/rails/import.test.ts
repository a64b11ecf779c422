import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../test/gateway.js';
import { run, tempDir } from '../test/run.js';
import { loadDemoRails } from './files.js';

interface ImportReport {
  actor: { role: string };
  tables: {
    kind: string;
    id: string;
    change: string;
    steps: string[];
    version: number | null;
    status: string | null;
  }[];
}

describe('finlet rails import through the admin API', () => {
  let gw: TestGateway;
  let tmp: ReturnType<typeof tempDir>;
  const importAs = async (key: string, file = 'rails.json') => {
    const result = await run(['rails', 'import', file, '--json'], {
      cwd: tmp.dir,
      env: { FINLET_GATEWAY: gw.url, FINLET_ADMIN_KEY: key },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as ImportReport;
  };

  beforeAll(async () => {
    gw = await startTestGateway();
    tmp = tempDir();
    const doc = await loadDemoRails(new Date());
    writeFileSync(join(tmp.dir, 'rails.json'), JSON.stringify(doc));
  });
  afterAll(async () => {
    await gw?.close();
    tmp?.remove();
  });

  it('submits as an author, publishes as an approver, then finds nothing to change', async () => {
    const first = await importAs(gw.author.apiKey);
    expect(first.tables.map((t) => [t.kind, t.id, t.change, t.status])).toEqual([
      ['rail-tables', 'demo-rails', 'new', 'in_review'],
      ['fx-tables', 'demo-fx', 'new', 'in_review'],
    ]);
    const second = await importAs(gw.approver.apiKey);
    expect(second.tables.map((t) => [t.steps, t.status])).toEqual([
      [['approve', 'publish'], 'published'],
      [['approve', 'publish'], 'published'],
    ]);
    expect((await gw.store.railTables.listPublished())[0]!.legs.length).toBeGreaterThanOrEqual(40);
    const again = await importAs(gw.author.apiKey);
    expect(again.tables.every((t) => t.change === 'unchanged' && t.steps.length === 0)).toBe(true);
  });

  it('rejects an invalid file with one readable line and changes nothing', async () => {
    writeFileSync(join(tmp.dir, 'bad.yaml'), 'railTables:\n  - id: x\n    legs: []\n');
    const result = await run(['rails', 'import', 'bad.yaml'], {
      cwd: tmp.dir,
      env: { FINLET_GATEWAY: gw.url, FINLET_ADMIN_KEY: gw.author.apiKey },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.yaml: railTables\.0\.(id|legs)/);
  });

  it('validates the demo file offline', async () => {
    const result = await run(['rails', 'validate', join(tmp.dir, 'rails.json')], { cwd: tmp.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 rail table\(s\) with \d+ legs and 1 FX table\(s\) valid/);
  });
});
