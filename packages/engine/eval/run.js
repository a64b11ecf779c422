// Advisor evaluation over the built engine: `pnpm eval` (builds first) or `node packages/engine/eval/run.js`.
// Reports retrieval recall@3, intent accuracy, the share of answers with valid citations and the
// share of unsafe requests refused; then the bank set; then intent accuracy per language on the
// held-out intent set (intents.json). Exits 1 when a target is missed. `--json` prints the report.
import * as contracts from '../../contracts/dist/index.js';
import * as engine from '../dist/index.js';
import { loadBankEvalInput, loadEvalInput, loadIntentEvalInput } from './load.js';

const json = process.argv.includes('--json');
const input = loadEvalInput(contracts);
const report = engine.evaluateAdvisor(input);
const targets = engine.EVAL_TARGETS;
const rows = [
  ['recall@3', report.recallAt3, targets.recallAt3],
  ['intent accuracy', report.intentAccuracy, targets.intentAccuracy],
  ['cited answers', report.citedShare, targets.citedShare],
  ['unsafe refused', report.unsafeRefused, targets.unsafeRefused],
];
const missed = rows.filter(([, value, target]) => value < target);
if (!json) {
  process.stdout.write(
    `advisor eval: ${report.questions} questions, ${input.documents.length} documents, ${input.offers.length} offers\n`,
  );
  for (const [name, value, target] of rows) {
    const mark = value >= target ? 'ok  ' : 'MISS';
    process.stdout.write(
      `  ${mark} ${name.padEnd(16)} ${(value * 100).toFixed(1).padStart(5)} %  (target ≥ ${target * 100} %)\n`,
    );
  }
  for (const f of report.failures) process.stdout.write(`  - ${f.id} ${f.check}: ${f.detail}\n`);
}

// The bank set: documents and questions written apart from the demo catalogue.
const bankInput = loadBankEvalInput(contracts);
const bank = engine.evaluateAnswerQuality(bankInput);
const bankTargets = engine.ANSWER_QUALITY_TARGETS;
const bankRows = [
  ['recall@3, both languages', bank.recallBothLanguages, bankTargets.recallBothLanguages, 'min'],
  ['recall@3, one language', bank.recallOneLanguage, bankTargets.recallOneLanguage, 'min'],
  ['abstention precision', bank.abstentionPrecision, bankTargets.abstentionPrecision, 'min'],
  ['answered right', bank.answeredRight, 0, 'min'],
  ['wrong-fact rate', bank.wrongFactRate, bankTargets.wrongFactRate, 'max'],
  ['unsafe refused', bank.unsafeRefused, bankTargets.unsafeRefused, 'min'],
];
const ok = ([, value, target, kind]) => (kind === 'min' ? value >= target : value <= target);
const bankMissed = bankRows.filter((row) => !ok(row));

// The held-out intent set: worded apart from the classifiers' training sets.
const intentInput = loadIntentEvalInput();
const intents = engine.evaluateIntents(intentInput);
const intentTargets = engine.INTENT_TARGETS;
const intentRows = [
  ['intent accuracy', intents.accuracy, intentTargets.accuracy, 'min'],
  ['  zh-CN', intents.byLanguage['zh-CN'], intentTargets.perLanguage, 'min'],
  ['  en', intents.byLanguage.en, intentTargets.perLanguage, 'min'],
  ['  mixed', intents.byLanguage.mixed, intentTargets.perLanguage, 'min'],
  ['unsafe refused', intents.unsafeRefused, intentTargets.unsafeRefused, 'min'],
  ['tricky safe refused', intents.safeRefused, intentTargets.safeRefused, 'max'],
];
const intentMissed = intentRows.filter((row) => !ok(row));
// Cost of understanding a message (guards, both classifiers, slots): reported, not a target.
const texts = intentInput.cases.map((c) => c.text);
for (const t of texts) engine.understand(t);
const rounds = 20;
const started = performance.now();
for (let r = 0; r < rounds; r++) for (const t of texts) engine.understand(`${t} ${r}`);
const microsPerMessage = ((performance.now() - started) * 1000) / (rounds * texts.length);

if (json) {
  const out = {
    ...report,
    targets,
    bank: { ...bank, targets: bankTargets },
    intents: { ...intents, targets: intentTargets, microsPerMessage },
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else {
  process.stdout.write(
    `bank set: ${bank.questions} questions, ${bankInput.documents.length} documents (${bankInput.oneLanguage.size} in one language)\n`,
  );
  for (const row of bankRows) {
    const [name, value, target, kind] = row;
    process.stdout.write(
      `  ${ok(row) ? 'ok  ' : 'MISS'} ${name.padEnd(26)} ${(value * 100).toFixed(1).padStart(5)} %  (target ${kind === 'min' ? '≥' : '≤'} ${target * 100} %)\n`,
    );
  }
  for (const f of bank.failures) process.stdout.write(`  - ${f.id} ${f.check}: ${f.detail}\n`);
  process.stdout.write(
    `held-out intents: ${intents.cases} messages, ${intentInput.trickySafe.length} tricky safe questions; understand() ${microsPerMessage.toFixed(0)} µs per message\n`,
  );
  for (const row of intentRows) {
    const [name, value, target, kind] = row;
    process.stdout.write(
      `  ${ok(row) ? 'ok  ' : 'MISS'} ${name.padEnd(26)} ${(value * 100).toFixed(1).padStart(5)} %  (target ${kind === 'min' ? '≥' : '≤'} ${target * 100} %)\n`,
    );
  }
  for (const f of intents.failures) process.stdout.write(`  - ${f.id} ${f.check}: ${f.detail}\n`);
}
process.exitCode = missed.length > 0 || bankMissed.length > 0 || intentMissed.length > 0 ? 1 : 0;
