import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const out = join(root, 'widgets', 'dist', 'test-bundle');
export const TEST_BUNDLE = join(out, 'finlet.js');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (!/\.(test|stories)\.ts$/.test(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Builds `finlet.js` from source with the same rollup settings as the release build, so browser
 * tests never run a stale bundle. Rebuilt only when a source file is newer than the last build.
 */
export async function buildTestBundle(): Promise<string> {
  const sources = Math.max(
    newest(join(root, 'widgets', 'src')),
    newest(join(root, 'packages', 'client', 'src')),
    newest(join(root, 'packages', 'contracts', 'src')),
  );
  try {
    if (statSync(TEST_BUNDLE).mtimeMs > sources) return TEST_BUNDLE;
  } catch {}
  const { rollup } = await import('rollup');
  const configs = (await import(join(root, 'rollup.config.mjs'))).default as Array<Record<string, unknown>>;
  const config = configs.find((c) => c.input === 'widgets/src/finlet.ts');
  if (!config) throw new Error('rollup.config.mjs has no finlet.js bundle');
  const tmp = join(out, `finlet.${process.pid}.${Date.now()}.js`);
  mkdirSync(out, { recursive: true });
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const build = await rollup({ ...config, output: undefined } as never);
    await build.write({ file: tmp, format: 'es', sourcemap: false });
    await build.close();
  } finally {
    process.chdir(cwd);
  }
  // Parallel test files may build at once: each writes its own file, the rename is atomic.
  renameSync(tmp, TEST_BUNDLE);
  return TEST_BUNDLE;
}
