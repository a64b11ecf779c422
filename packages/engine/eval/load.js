// Loads the evaluation inputs: the questions, the demo knowledge documents (Markdown with front
// matter) and the demo offers (YAML) of packages/cli/demo, as published versions.
// `contracts` is passed in so that the script can use the build and tests the source.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const demo = join(here, '../../cli/demo');
// YAML is a dependency of the CLI, which owns the demo files.
const { parse: parseYaml } = createRequire(join(demo, '../package.json'))('yaml');

const STAMP = '2026-01-01T00:00:00Z';
const WORKFLOW = {
  version: 1,
  status: 'published',
  createdBy: 'adm_eval',
  createdAt: STAMP,
  updatedAt: STAMP,
  submittedBy: 'adm_eval',
  approvedBy: 'adm_review',
  publishedAt: STAMP,
  retiredAt: null,
};

/** Demo signals per scenario, as the demo partners' servers put them in sessions (packages/cli/demo/partners.yaml). */
export function demoSignals() {
  const partners = parseYaml(readFileSync(join(demo, 'partners.yaml'), 'utf8')).partners;
  return Object.fromEntries(partners.map((p) => [p.sampleSession.scenario, p.sampleSession.signals ?? {}]));
}

export function loadDocuments(contracts) {
  const dir = join(demo, 'docs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const { frontMatter, body } = contracts.splitFrontMatter(readFileSync(join(dir, f), 'utf8'));
      const content = contracts.KnowledgeDocumentContent.parse(
        contracts.knowledgeFromMarkdown(parseYaml(frontMatter), body),
      );
      return { ...content, ...WORKFLOW };
    });
}

export function loadOffers(contracts) {
  const dir = join(demo, 'offers');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({
      ...contracts.OfferContent.parse(parseYaml(readFileSync(join(dir, f), 'utf8'))),
      ...WORKFLOW,
    }));
}

export function loadQuestions() {
  return JSON.parse(readFileSync(join(here, 'questions.json'), 'utf8')).questions;
}

export function loadEvalInput(contracts) {
  return {
    questions: loadQuestions(),
    documents: loadDocuments(contracts),
    offers: loadOffers(contracts),
    signals: demoSignals(),
    now: new Date('2026-06-01T00:00:00Z'),
  };
}

/**
 * The bank set (bank/documents.json, bank/questions.json): a bank's own product documents and its
 * customers' questions, written apart from the demo catalogue, evaluated next to the demo
 * documents and offers as a bank would run them.
 */
export function loadBankEvalInput(contracts) {
  const raw = JSON.parse(readFileSync(join(here, 'bank/documents.json'), 'utf8')).documents;
  const oneLanguage = new Set(raw.filter((d) => Object.keys(d.texts).length === 1).map((d) => d.id));
  const documents = raw.map((d) => {
    // Today's contract needs both locales: a bank with a one-language document copies its text into both.
    const only = Object.values(d.texts)[0];
    const texts = { 'zh-CN': d.texts['zh-CN'] ?? only, en: d.texts.en ?? only };
    return { ...contracts.KnowledgeDocumentContent.parse({ ...d, texts }), ...WORKFLOW };
  });
  return {
    questions: JSON.parse(readFileSync(join(here, 'bank/questions.json'), 'utf8')).questions,
    documents: [...loadDocuments(contracts), ...documents],
    offers: loadOffers(contracts),
    signals: demoSignals(),
    now: new Date('2026-06-01T00:00:00Z'),
    oneLanguage,
  };
}

/** The held-out intent set (intents.json): messages worded apart from the classifiers' training sets. */
export function loadIntentEvalInput() {
  const { cases, trickySafe } = JSON.parse(readFileSync(join(here, 'intents.json'), 'utf8'));
  return { cases, trickySafe };
}
