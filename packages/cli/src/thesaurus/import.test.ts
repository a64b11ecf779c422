import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportedObject, importFixture } from '../test/import-fixture.js';

const FILE = `concepts:
  - id: harvest-loan
    kind: product
    terms:
      zh-CN: [春耕贷, 丰收贷]
      en: [harvest loan]
    note: Farmers still ask for it by its old branch name.
  - id: wedding
    kind: term
    terms:
      zh-CN: [喜事]
`;

interface Report {
  concepts: ImportedObject[];
}

describe('finlet thesaurus import through the admin API', () => {
  const fx = importFixture(() => ({ 'thesaurus.yaml': FILE }));
  const finlet = fx.finlet;

  it('submits as an author, publishes as an approver, then finds nothing to change', async () => {
    const first = await finlet(['thesaurus', 'import', 'thesaurus.yaml', '--json'], fx.gw.author.apiKey);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect((JSON.parse(first.stdout) as Report).concepts.map((c) => [c.id, c.change, c.status])).toEqual([
      ['harvest-loan', 'new', 'in_review'],
      ['wedding', 'new', 'in_review'],
    ]);
    const second = await finlet(['thesaurus', 'import', 'thesaurus.yaml'], fx.gw.approver.apiKey);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('concept harvest-loan');
    const published = await fx.gw.store.thesaurus.listPublished();
    expect(published.map((c) => [c.id, c.version, c.terms]).sort()).toEqual([
      ['harvest-loan', 1, { 'zh-CN': ['春耕贷', '丰收贷'], en: ['harvest loan'] }],
      ['wedding', 1, { 'zh-CN': ['喜事'] }],
    ]);
    const again = await finlet(['thesaurus', 'import', 'thesaurus.yaml', '--json'], fx.gw.author.apiKey);
    expect((JSON.parse(again.stdout) as Report).concepts.every((c) => c.change === 'unchanged')).toBe(true);
  });

  it('names every mistake of a file with its path, exits non-zero and imports nothing', async () => {
    writeFileSync(
      join(fx.dir, 'bad.yaml'),
      'concepts:\n  - id: bad-one\n    kind: product\n    terms:\n      zh-CN: [贷]\n    synonyms: [x]\n',
    );
    const checked = await finlet(['thesaurus', 'validate', 'bad.yaml'], fx.gw.author.apiKey);
    expect(checked.code).not.toBe(0);
    expect(checked.stdout).toContain(
      'bad.yaml: concepts.0.terms.zh-CN.0: a Chinese term needs at least two characters',
    );
    expect(checked.stdout).toContain('bad.yaml: concepts.0.synonyms: unknown field');
    const imported = await finlet(['thesaurus', 'import', 'bad.yaml'], fx.gw.author.apiKey);
    expect(imported.code).not.toBe(0);
    expect(imported.stderr.trim().split('\n').at(-1)).toBe(
      'finlet: 2 problems in bad.yaml; nothing was imported',
    );
    expect(await fx.gw.store.thesaurus.listVersions('bad-one')).toEqual([]);
  });

  it('says in one line when the gateway refuses a concept (a built-in concept of another kind)', async () => {
    writeFileSync(join(fx.dir, 'conflict.yaml'), 'id: car-loan\nkind: term\nterms:\n  zh-CN: [座驾贷]\n');
    const refused = await finlet(['thesaurus', 'import', 'conflict.yaml'], fx.gw.author.apiKey);
    expect(refused.code).not.toBe(0);
    const last = refused.stderr.trim().split('\n').at(-1) ?? '';
    expect(last).toMatch(/^finlet: car-loan: .*built-in product concept/);
    expect(await fx.gw.store.thesaurus.listVersions('car-loan')).toEqual([]);
  });
});
