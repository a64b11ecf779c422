// What each chunk of the drop-in bundle is made of, in brotli bytes (quality 11, as
// widgets/src/bundle.test.ts measures): `node scripts/bundle-breakdown.mjs [entry] [rows]`.
// Each module's code is minified alone and compressed alone; its share of those sums is its
// share of the chunk's real size (an estimate: brotli finds repeats across modules too).
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { transformSync } from 'esbuild';
import { rollup } from 'rollup';

const [entry = 'widgets/src/finlet.ts', rows = '25'] = process.argv.slice(2);
const configs = (await import(join(process.cwd(), 'rollup.config.mjs'))).default;
const base = configs.find((config) => config.input === 'widgets/src/finlet.ts');
const brotli = (text) =>
  brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const minified = (code) => transformSync(code, { minify: true, charset: 'utf8', logLevel: 'silent' }).code;
const short = (id) =>
  id.replace(/.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(`${process.cwd()}/`, '');

const build = await rollup({
  ...base,
  input: entry,
  plugins: base.plugins.filter((plugin) => plugin.name !== 'clean-output-dir'),
});
const { output } = await build.generate(entry === base.input ? base.output : { format: 'es' });
await build.close();
let all = '';
for (const chunk of output) {
  if (chunk.type !== 'chunk') continue;
  all += chunk.code;
  const size = brotli(chunk.code);
  const modules = Object.entries(chunk.modules)
    .filter(([, module]) => module.code)
    .map(([id, module]) => ({ id: short(id), weight: brotli(minified(module.code)) }));
  const sum = modules.reduce((total, module) => total + module.weight, 0) || 1;
  console.log(`\n${chunk.fileName}: ${size} B brotli (${chunk.code.length} B)`);
  for (const module of modules.sort((a, b) => b.weight - a.weight).slice(0, Number(rows))) {
    console.log(`${String(Math.round((module.weight * size) / sum)).padStart(7)}  ${module.id}`);
  }
}
console.log(`\nall chunks together: ${brotli(all)} B brotli`);
