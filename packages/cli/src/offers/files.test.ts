import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/temp.js';
import { formatProblem, loadOfferFiles } from './files.js';

const VALID = `id: scf-inventory
productType: inventory_financing
scenarios: [supply-chain]
currency: CNY
amount:
  min: { value: 5000000, currency: CNY }
  max: { value: 300000000, currency: CNY }
pricing:
  apr: { min: 365, max: 720 }
texts:
  zh-CN: { name: 存货融资, tagline: 以库存为依托的流动资金 }
  en: { name: Inventory financing, tagline: Working capital backed by stock }
eligibility:
  - id: trading-history
    signal: business.age_months
    op: gte
    value: 6
    label: { zh-CN: 经营满 6 个月, en: Trading for 6 months or more }
effective: { from: '2026-01-01T00:00:00Z' }
`;

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

const write = (name: string, text: string) => {
  writeFileSync(join(tmp.dir, name), text);
  return name;
};

describe('loadOfferFiles', () => {
  it('accepts a valid one-offer YAML file and applies the contract defaults', async () => {
    write('scf.yaml', VALID);
    const report = await loadOfferFiles(['scf.yaml'], tmp.dir);
    expect(report.problems).toEqual([]);
    expect(report.offers).toHaveLength(1);
    expect(report.offers[0]!.content.priority).toBe(50);
  });

  it('reports each mistake as file:line:col: path: reason, pointing at the YAML line', async () => {
    write(
      'scf.yaml',
      VALID.replace('op: gte\n    value: 6', 'op: in\n    value: 6').replace(
        'currency: CNY\namount',
        'currency: CNY\ncolour: blue\namount',
      ),
    );
    const report = await loadOfferFiles(['scf.yaml'], tmp.dir);
    const lines = report.problems.map(formatProblem);
    expect(lines).toContain('scf.yaml:5:1: colour: unknown field');
    expect(lines).toContain('scf.yaml:18:5: eligibility.0.value: `in` needs a list of values');
    expect(report.offers).toEqual([]);
  });

  it('locates offers in a list under `offers:` with their index in the path', async () => {
    const indented = VALID.split('\n')
      .map((line, i) => (line ? `${i === 0 ? '  - ' : '    '}${line}` : line))
      .join('\n');
    const second = indented
      .replace('id: scf-inventory', 'id: scf-second')
      .replace("from: '2026-01-01T00:00:00Z'", "from: 'next week'");
    write('many.yml', `offers:\n${indented}${second}`);
    const report = await loadOfferFiles(['many.yml'], tmp.dir);
    expect(report.offers.map((o) => o.content.id)).toEqual(['scf-inventory']);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ file: 'many.yml', path: 'offers.1.effective.from', line: 39 });
  });

  it('reads JSON with line numbers too', async () => {
    const json = JSON.stringify({ id: 'Bad Id', productType: 'installment' }, null, 2);
    write('bad.json', json);
    const report = await loadOfferFiles(['bad.json'], tmp.dir);
    const id = report.problems.find((p) => p.path === 'id');
    expect(id).toMatchObject({ line: 2, message: 'must be lower-case letters, digits and single hyphens' });
    expect(report.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['scenarios', 'currency', 'texts']),
    );
  });

  it('reports YAML syntax errors, duplicate keys and unreadable files', async () => {
    write('broken.yaml', 'id: a\nid: b\n');
    write('syntax.yaml', 'id: [unclosed\n');
    const report = await loadOfferFiles(['broken.yaml', 'syntax.yaml', 'missing.yaml'], tmp.dir);
    const lines = report.problems.map(formatProblem);
    expect(lines[0]).toMatch(/^broken\.yaml:2:1: not valid YAML: Map keys must be unique/);
    expect(lines.some((l) => l.startsWith('syntax.yaml:') && l.includes('not valid YAML'))).toBe(true);
    expect(lines).toContain('missing.yaml: cannot read: no such file');
  });

  it('reads every offer file of a directory and refuses duplicate ids across files', async () => {
    mkdirSync(join(tmp.dir, 'offers'));
    write('offers/a.yaml', VALID);
    write('offers/b.json', JSON.stringify({ offers: [JSON.parse(JSON.stringify(yamlAsJson()))] }));
    write('offers/notes.txt', 'ignored');
    const report = await loadOfferFiles(['offers'], tmp.dir);
    expect(report.files).toEqual(['offers/a.yaml', 'offers/b.json']);
    expect(report.problems.map(formatProblem)).toEqual([
      'offers/b.json:1:13: offers.0.id: duplicate offer id scf-inventory (also in offers/a.yaml)',
    ]);
  });

  it('says what a file must hold when it is neither an offer nor a list', async () => {
    write('scalar.yaml', 'just text\n');
    write('empty-list.yaml', 'offers: []\n');
    const report = await loadOfferFiles(['scalar.yaml', 'empty-list.yaml'], tmp.dir);
    expect(report.problems.map(formatProblem)).toEqual([
      'scalar.yaml:1:1: expected one offer (a mapping with `id`) or a list of offers under `offers:`',
      'empty-list.yaml:1:1: offers: the list of offers is empty',
    ]);
  });
});

function yamlAsJson() {
  return {
    id: 'scf-inventory',
    productType: 'inventory_financing',
    scenarios: ['supply-chain'],
    currency: 'CNY',
    amount: { min: { value: 5000000, currency: 'CNY' }, max: { value: 300000000, currency: 'CNY' } },
    pricing: {},
    texts: {
      'zh-CN': { name: '存货融资', tagline: '以库存为依托的流动资金' },
      en: { name: 'Inventory financing', tagline: 'Working capital backed by stock' },
    },
    effective: { from: '2026-01-01T00:00:00Z' },
  };
}
