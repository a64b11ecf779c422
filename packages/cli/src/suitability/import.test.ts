import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestGateway, type TestGateway } from '../test/gateway.js';
import { run, tempDir } from '../test/run.js';
import { loadDemoQuestionnaire } from './files.js';

interface ImportReport {
  questionnaires: {
    id: string;
    change: string;
    steps: string[];
    version: number | null;
    status: string | null;
  }[];
}

describe('finlet questionnaires through the admin API', () => {
  let gw: TestGateway;
  let tmp: ReturnType<typeof tempDir>;
  const cli = (args: string[], key?: string) =>
    run(args, { cwd: tmp.dir, env: { FINLET_GATEWAY: gw.url, ...(key ? { FINLET_ADMIN_KEY: key } : {}) } });
  const importAs = async (key: string, file = 'risk.yaml') => {
    const result = await cli(['questionnaires', 'import', file, '--json'], key);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as ImportReport;
  };

  beforeAll(async () => {
    gw = await startTestGateway();
    tmp = tempDir();
    writeFileSync(join(tmp.dir, 'risk.yaml'), stringify(await loadDemoQuestionnaire()));
  });
  afterAll(async () => {
    await gw?.close();
    tmp?.remove();
  });

  it('ships an eight-question demo questionnaire in both languages', async () => {
    const demo = await loadDemoQuestionnaire();
    expect(demo.questions).toHaveLength(8);
    for (const q of demo.questions) expect(q.text['zh-CN'] && q.text.en).toBeTruthy();
    expect(demo.bands.map((b) => b.level)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
  });

  it('submits as an author, publishes as an approver, then finds nothing to change', async () => {
    const first = await importAs(gw.author.apiKey);
    expect(first.questionnaires.map((q) => [q.id, q.change, q.status])).toEqual([
      ['investor-risk', 'new', 'in_review'],
    ]);
    const second = await importAs(gw.approver.apiKey);
    expect(second.questionnaires.map((q) => [q.steps, q.status])).toEqual([
      [['approve', 'publish'], 'published'],
    ]);
    expect((await gw.store.riskQuestionnaires.listPublished())[0]?.questions).toHaveLength(8);
    const again = await importAs(gw.author.apiKey);
    expect(again.questionnaires.every((q) => q.change === 'unchanged' && q.steps.length === 0)).toBe(true);
  });

  it('refuses a file whose bands fall with one readable line and a non-zero exit', async () => {
    const demo = await loadDemoQuestionnaire();
    writeFileSync(
      join(tmp.dir, 'bad.yaml'),
      stringify({
        ...demo,
        bands: [
          { level: 'C2', minScore: 0 },
          { level: 'C1', minScore: 10 },
        ],
      }),
    );
    const result = await cli(['questionnaires', 'validate', 'bad.yaml']);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain(
      'bad.yaml: bands.1.level: each band must name a higher level than the previous one',
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
