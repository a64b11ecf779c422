import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type ImportedObject, importFixture } from '../test/import-fixture.js';
import { loadDemoQuestionnaire } from './files.js';

interface ImportReport {
  questionnaires: ImportedObject[];
}

describe('finlet questionnaires through the admin API', () => {
  const fx = importFixture(async () => ({ 'risk.yaml': stringify(await loadDemoQuestionnaire()) }));
  const importAs = (key: string, file = 'risk.yaml') =>
    fx.json<ImportReport>(['questionnaires', 'import', file], key);

  it('ships an eight-question demo questionnaire in both languages', async () => {
    const demo = await loadDemoQuestionnaire();
    expect(demo.questions).toHaveLength(8);
    for (const q of demo.questions) expect(q.text['zh-CN'] && q.text.en).toBeTruthy();
    expect(demo.bands.map((b) => b.level)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
  });

  it('submits as an author, publishes as an approver, then finds nothing to change', async () => {
    const first = await importAs(fx.gw.author.apiKey);
    expect(first.questionnaires.map((q) => [q.id, q.change, q.status])).toEqual([
      ['investor-risk', 'new', 'in_review'],
    ]);
    const second = await importAs(fx.gw.approver.apiKey);
    expect(second.questionnaires.map((q) => [q.steps, q.status])).toEqual([
      [['approve', 'publish'], 'published'],
    ]);
    expect((await fx.gw.store.riskQuestionnaires.listPublished())[0]?.questions).toHaveLength(8);
    const again = await importAs(fx.gw.author.apiKey);
    expect(again.questionnaires.every((q) => q.change === 'unchanged' && q.steps.length === 0)).toBe(true);
  });

  it('refuses a file whose bands fall with one readable line and a non-zero exit', async () => {
    const demo = await loadDemoQuestionnaire();
    writeFileSync(
      join(fx.dir, 'bad.yaml'),
      stringify({
        ...demo,
        bands: [
          { level: 'C2', minScore: 0 },
          { level: 'C1', minScore: 10 },
        ],
      }),
    );
    const result = await fx.finlet(['questionnaires', 'validate', 'bad.yaml']);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain(
      'bad.yaml: bands.1.level: each band must name a higher level than the previous one',
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
