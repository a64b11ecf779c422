import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** `packages/` of this checkout (the same from `src/` and from `dist/`). */
const packagesDir = fileURLToPath(new URL('../../', import.meta.url));

export interface SourceBundleOptions {
  /** The entry module (a path). */
  entry: string;
  outfile: string;
  format: 'esm' | 'cjs';
  /** Modules left as imports, resolved at run time (native and heavy dependencies). */
  external: string[];
  /** `@finlet/*` packages left as imports rather than bundled from source (front-end builds). */
  externalPackages?: string[];
}

/**
 * Bundles `entry` into one file for a test that needs it in a process of its own (to SIGTERM or
 * `kill -9` it), with every `@finlet/*` import taken from this checkout's sources: the child then
 * runs what the test sees, never a stale `dist`.
 *
 * @example
 * await bundleFromSource({ entry: gatewayIndex, outfile, format: 'cjs', external: ['better-sqlite3'] });
 */
export async function bundleFromSource(options: SourceBundleOptions): Promise<void> {
  const keep = new Set(options.externalPackages ?? []);
  await build({
    entryPoints: [options.entry],
    bundle: true,
    platform: 'node',
    format: options.format,
    target: 'node20',
    external: options.external,
    // Bundled CommonJS dependencies (commander) call `require`; ESM has none of its own.
    ...(options.format === 'esm'
      ? {
          banner: {
            js: "import { createRequire as __finletRequire } from 'node:module'; const require = __finletRequire(import.meta.url);",
          },
        }
      : {}),
    plugins: [
      {
        name: 'finlet-source',
        setup(b) {
          b.onResolve({ filter: /^@finlet\/[a-z-]+(\/[a-z-]+)?$/ }, (args) => {
            const [, pkg = '', sub] = /^@finlet\/([a-z-]+)(?:\/([a-z-]+))?$/.exec(args.path) ?? [];
            if (keep.has(pkg)) return { path: args.path, external: true };
            return { path: `${packagesDir}${pkg}/src/${sub ?? 'index'}.ts` };
          });
        },
      },
    ],
    outfile: options.outfile,
    logLevel: 'silent',
  });
}

/** The directory of a workspace package under `packages/` (`gateway` → its absolute path, with `/`). */
export function packageDir(name: string): string {
  return `${packagesDir}${name}/`;
}

/** The repository root (the same from `src/` and from `dist/`). */
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
  const dir = await buildBundleFromSource({
    input: 'widgets/src/finlet.ts',
    out,
    entry: 'finlet.js',
    sources: ['widgets/src', 'packages/client/src', 'packages/contracts/src'],
  });
  return join(dir, 'finlet.js');
}

/**
 * Builds one element's entry alone (e.g. `widgets/src/advice-chat/finlet-advice-chat.ts`), with
 * finlet.js's settings and file names: a page that loads `/finlet.js` then gets only that element,
 * as a partner's bundler would import `@finlet/widgets/<element>`.
 */
export async function buildElementBundle(input: string): Promise<string> {
  const name = input.replace(/^.*\/|\.ts$/g, '');
  const dir = await buildBundleFromSource({
    input: 'widgets/src/finlet.ts',
    entryInput: input,
    out: join(root, 'widgets', 'dist', `test-bundle-${name}`),
    entry: 'finlet.js',
    sources: ['widgets/src', 'packages/client/src', 'packages/contracts/src'],
  });
  return join(dir, 'finlet.js');
}

/**
 * Builds the rollup.config.mjs bundle whose input is `input` into `<out>/current` (returned), unless
 * its `entry` there is newer than every file under `sources` (paths from the repository root) and
 * the rollup config. Parallel test files may build at once: each swaps its own directory in.
 */
export async function buildBundleFromSource(options: {
  input: string;
  /** Another entry built with `input`'s settings. */
  entryInput?: string;
  out: string;
  entry: string;
  sources: readonly string[];
}): Promise<string> {
  const current = join(options.out, 'current');
  const sources = Math.max(
    ...options.sources.map((dir) => newest(join(root, dir))),
    statSync(join(root, 'rollup.config.mjs')).mtimeMs,
  );
  try {
    if (statSync(join(current, options.entry)).mtimeMs > sources) return current;
  } catch {}
  const { rollup } = await import('rollup');
  const configs = (await import(join(root, 'rollup.config.mjs'))).default as Array<Record<string, unknown>>;
  const config = configs.find((c) => c.input === options.input);
  if (!config) throw new Error(`rollup.config.mjs has no bundle of ${options.input}`);
  const tmp = join(options.out, `build-${process.pid}-${Date.now()}`);
  mkdirSync(options.out, { recursive: true });
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const build = await rollup({
      ...config,
      ...(options.entryInput ? { input: options.entryInput } : {}),
      output: undefined,
    } as never);
    await build.write({ ...(config.output as object), dir: tmp, sourcemap: false });
    await build.close();
  } finally {
    process.chdir(cwd);
  }
  const old = join(options.out, `old-${process.pid}-${Date.now()}`);
  try {
    renameSync(current, old);
  } catch {}
  try {
    renameSync(tmp, current);
  } catch {
    // Another worker swapped its build in first; it is built from the same sources.
    rmSync(tmp, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  return current;
}
