import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportedObject, importFixture } from '../test/import-fixture.js';
import { CLI_ROOT, tempDir } from '../test/run.js';
import { loadDocFiles } from './files.js';

interface ImportReport {
  actor: { role: string };
  documents: ImportedObject[];
}

describe('knowledge document files', () => {
  it('loads the demo documents: Markdown with front matter in both locales, plain text bodies', async () => {
    const report = await loadDocFiles([join(CLI_ROOT, 'demo', 'docs')], CLI_ROOT);
    expect(report.problems).toEqual([]);
    expect(report.docs.length).toBeGreaterThanOrEqual(20);
    const faq = report.docs.find((d) => d.content.id === 'faq-inventory-financing')!.content;
    expect(faq.texts['zh-CN']?.title).toBe('存货融资常见问题');
    expect(faq.texts.en?.body.split('\n\n').length).toBeGreaterThan(1);
    expect(faq.texts.en?.body).not.toMatch(/##|\*\*/);
  });

  it('reports every mistake with its file and path, and duplicate ids', async () => {
    const tmp = tempDir();
    try {
      writeFileSync(
        join(tmp.dir, 'a.md'),
        '---\nid: dup\nkind: memo\nscenarios: [tourism]\ntitle: { zh-CN: 标题, en: Title }\n---\n## zh-CN\n正文\n## en\nBody\n',
      );
      writeFileSync(
        join(tmp.dir, 'b.json'),
        JSON.stringify({
          documents: [
            {
              id: 'dup',
              kind: 'faq',
              scenarios: ['tourism'],
              texts: { 'zh-CN': { title: 't', body: 'b' }, en: { title: 't', body: 'b' } },
            },
          ],
        }),
      );
      writeFileSync(join(tmp.dir, 'c.md'), 'no front matter');
      writeFileSync(
        join(tmp.dir, 'd.md'),
        '---\nid: doc-d\nkind: faq\nscenarios: [tourism]\ncolour: red\ntitle: { zh-CN: 标题, en: Title }\n---\n## zh-CN\n正文\n',
      );
      const report = await loadDocFiles([tmp.dir], tmp.dir);
      expect(report.problems.map((p) => `${p.file}:${p.path}`)).toEqual([
        'a.md:kind',
        'c.md:',
        // An English title without an English section is half a language (one language alone is fine).
        'd.md:## en section',
        'd.md:colour',
      ]);
      expect(report.problems.find((p) => p.path === 'colour')?.message).toBe('unknown field');
      writeFileSync(
        join(tmp.dir, 'e.json'),
        JSON.stringify({ documents: [{ id: 'doc-e', kind: 'faq', scenarios: ['moon'], texts: {} }] }),
      );
      const json = await loadDocFiles(['e.json'], tmp.dir);
      expect(json.problems.map((p) => `${p.file}: ${p.path}`)).toEqual([
        'e.json: documents.0.scenarios.0',
        'e.json: documents.0.texts',
      ]);
      expect(json.problems.find((p) => p.path.endsWith('texts'))?.message).toMatch(/at least one language/);
      const dup = await loadDocFiles([join(tmp.dir, 'b.json'), join(tmp.dir, 'b.json')], tmp.dir);
      expect(dup.problems.some((p) => p.message.startsWith('duplicate id dup'))).toBe(true);
    } finally {
      tmp.remove();
    }
  });
});

describe('finlet docs import through the admin API', () => {
  const names = ['faq-inventory-financing.md', 'fees-business-lending.md'];
  const fx = importFixture(() =>
    Object.fromEntries(
      names.map((n) => [`docs/${n}`, readFileSync(join(CLI_ROOT, 'demo', 'docs', n), 'utf8')]),
    ),
  );
  const importAs = (key: string) => fx.json<ImportReport>(['docs', 'import', 'docs'], key);

  it('an author submits, an approver publishes, a re-run changes nothing', async () => {
    const authored = await importAs(fx.gw.author.apiKey);
    expect(authored.documents.map((d) => [d.id, d.change, d.steps.join(','), d.status])).toEqual([
      ['faq-inventory-financing', 'new', 'create,submit', 'in_review'],
      ['fees-business-lending', 'new', 'create,submit', 'in_review'],
    ]);
    const approved = await importAs(fx.gw.approver.apiKey);
    expect(
      approved.documents.every((d) => d.steps.join(',') === 'approve,publish' && d.status === 'published'),
    ).toBe(true);
    const again = await importAs(fx.gw.author.apiKey);
    expect(again.documents.every((d) => d.change === 'unchanged' && d.steps.length === 0)).toBe(true);
    expect((await fx.gw.store.knowledge.listPublished()).map((d) => d.id)).toEqual([
      'faq-inventory-financing',
      'fees-business-lending',
    ]);
  });

  it('shows the diff against the published version in a dry run, and stores nothing', async () => {
    const file = join(fx.dir, 'docs', 'fees-business-lending.md');
    const original = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      original.replace('en: Business lending fees', 'en: Business lending fees and charges'),
    );
    try {
      const text = await fx.finlet(['docs', 'import', 'docs', '--dry-run'], fx.gw.author.apiKey);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('Dry run as Li Na (author)');
      expect(text.stdout).toMatch(
        /changed +fees-business-lending \(texts\) \[latest v1 published\]: would create → submit\n {4}texts\.en\.title: "Business lending fees" → "Business lending fees and charges"\n/,
      );
      expect(text.stdout).toMatch(
        /unchanged +faq-inventory-financing \[latest v1 published\]: nothing to do/,
      );
      const dry = JSON.parse(
        (await fx.finlet(['docs', 'import', 'docs', '--dry-run', '--json'], fx.gw.author.apiKey)).stdout,
      ) as { dryRun: boolean; documents: Record<string, unknown>[] };
      expect(dry.dryRun).toBe(true);
      expect(dry.documents.find((d) => d.id === 'fees-business-lending')).toMatchObject({
        change: 'changed',
        against: { version: 1, status: 'published' },
        changes: [
          {
            path: 'texts.en.title',
            before: 'Business lending fees',
            after: 'Business lending fees and charges',
          },
        ],
        steps: ['create', 'submit'],
        version: 1,
        status: 'published',
      });
      // Nothing was written: still one version, and no audit entry beyond the first import's.
      const versions = await fetch(`${fx.gw.url}/v1/admin/knowledge/fees-business-lending`, {
        headers: { authorization: `Bearer ${fx.gw.author.apiKey}` },
      });
      expect(((await versions.json()) as { documents: unknown[] }).documents).toHaveLength(1);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('fails with one readable line on invalid files, importing nothing', async () => {
    writeFileSync(join(fx.dir, 'docs', 'bad.md'), '---\nid: Bad Id\n---\n');
    const result = await fx.finlet(['docs', 'import', 'docs'], fx.gw.author.apiKey);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^docs\/bad\.md: id: /m);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^finlet: \d+ problems in 3 files; nothing was imported$/,
    );
  });
});
