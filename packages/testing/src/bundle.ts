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
