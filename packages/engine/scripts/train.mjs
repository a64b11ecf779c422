// Trains the advisor's classifiers on the labelled sets in src/advisor and writes
// src/advisor/models.generated.ts, which the engine imports (`pnpm build` runs this first).
// The training code is the engine's own TypeScript, bundled on the fly with esbuild.
//   node packages/engine/scripts/train.mjs [--check]   (--check: exit 1 when the file is stale)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const entry = fileURLToPath(new URL('../src/advisor/train.ts', import.meta.url));
const target = fileURLToPath(new URL('../src/advisor/models.generated.ts', import.meta.url));
const bundled = await build({
  entryPoints: [entry],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  external: ['@finlet/contracts'],
  logLevel: 'error',
});
const url = `data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`;
const { modelsModuleSource } = await import(url);
const source = modelsModuleSource();
const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
if (process.argv.includes('--check')) {
  if (current !== source) {
    process.stderr.write('models.generated.ts is stale: run `pnpm --filter @finlet/engine train`\n');
    process.exitCode = 1;
  }
} else if (current !== source) {
  writeFileSync(target, source);
  process.stdout.write('engine: retrained models.generated.ts\n');
}
