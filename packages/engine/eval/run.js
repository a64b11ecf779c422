// Advisor evaluation over the built engine: `pnpm eval` (builds first) or `node packages/engine/eval/run.js`.
// Reports retrieval recall@3, intent accuracy, the share of answers with valid citations and the
// share of unsafe requests refused; exits 1 when a target is missed. `--json` prints the report.
import * as contracts from '../../contracts/dist/index.js';
import * as engine from '../dist/index.js';
import { loadEvalInput } from './load.js';

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
if (json) {
  process.stdout.write(`${JSON.stringify({ ...report, targets }, null, 2)}\n`);
} else {
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
process.exitCode = missed.length > 0 ? 1 : 0;
