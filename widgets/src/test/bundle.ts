import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const out = join(root, 'widgets', 'dist', 'test-bundle');
/** The directory holding finlet.js and its lazily loaded `finlet/*.js` chunks. */
export const TEST_BUNDLE_DIR = join(out, 'current');
export const TEST_BUNDLE = join(TEST_BUNDLE_DIR, 'finlet.js');

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
    statSync(join(root, 'rollup.config.mjs')).mtimeMs,
  );
  try {
    if (statSync(TEST_BUNDLE).mtimeMs > sources) return TEST_BUNDLE;
  } catch {}
  const { rollup } = await import('rollup');
  const configs = (await import(join(root, 'rollup.config.mjs'))).default as Array<Record<string, unknown>>;
  const config = configs.find((c) => c.input === 'widgets/src/finlet.ts');
  if (!config) throw new Error('rollup.config.mjs has no finlet.js bundle');
  const tmp = join(out, `build-${process.pid}-${Date.now()}`);
  mkdirSync(out, { recursive: true });
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const build = await rollup({ ...config, output: undefined } as never);
    await build.write({ ...(config.output as object), dir: tmp, sourcemap: false });
    await build.close();
  } finally {
    process.chdir(cwd);
  }
  // Parallel test files may build at once: each writes its own directory and swaps it in.
  const old = join(out, `old-${process.pid}-${Date.now()}`);
  try {
    renameSync(TEST_BUNDLE_DIR, old);
  } catch {}
  try {
    renameSync(tmp, TEST_BUNDLE_DIR);
  } catch {
    // Another worker swapped its build in first; it is built from the same sources.
    rmSync(tmp, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  return TEST_BUNDLE;
}
