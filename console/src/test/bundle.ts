import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const out = join(root, 'console', 'dist', 'test-bundle');
/** The directory holding console.js and its chunks, as the gateway serves them under `/console/`. */
export const CONSOLE_TEST_BUNDLE_DIR = join(out, 'current');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (!/\.test\.ts$/.test(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Builds `console.js` from source with the release build's rollup settings, so browser tests never
 * run a stale console. Rebuilt only when a source file is newer than the last build.
 */
export async function buildConsoleTestBundle(): Promise<string> {
  const sources = Math.max(
    newest(join(root, 'console', 'src')),
    newest(join(root, 'packages', 'contracts', 'src')),
    statSync(join(root, 'rollup.config.mjs')).mtimeMs,
  );
  try {
    if (statSync(join(CONSOLE_TEST_BUNDLE_DIR, 'console.js')).mtimeMs > sources)
      return CONSOLE_TEST_BUNDLE_DIR;
  } catch {}
  const { rollup } = await import('rollup');
  const configs = (await import(join(root, 'rollup.config.mjs'))).default as Array<Record<string, unknown>>;
  const config = configs.find((c) => c.input === 'console/src/console.ts');
  if (!config) throw new Error('rollup.config.mjs has no console.js bundle');
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
    renameSync(CONSOLE_TEST_BUNDLE_DIR, old);
  } catch {}
  try {
    renameSync(tmp, CONSOLE_TEST_BUNDLE_DIR);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  return CONSOLE_TEST_BUNDLE_DIR;
}
