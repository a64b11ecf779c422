import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The `finlet` command built from this checkout's sources into one file, for tests that need it in
 * a process of its own (to SIGTERM or `kill -9` it): they then run what they test, never a stale
 * `dist`. The gateway's dependencies stay external and resolve from its own `node_modules`, which
 * is why the bundle is written beneath it.
 */
export async function bundleCli(): Promise<{ command: string[]; remove(): void }> {
  const gatewayDir = src('../../../gateway/');
  const dir = join(
    gatewayDir,
    'node_modules',
    '.finlet-test',
    `cli-${process.pid}-${Date.now().toString(36)}`,
  );
  mkdirSync(dir, { recursive: true });
  const gatewayDeps = Object.keys(
    (JSON.parse(readFileSync(join(gatewayDir, 'package.json'), 'utf8')) as { dependencies: object })
      .dependencies,
  ).filter((name) => !name.startsWith('@finlet/'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { main } from ${JSON.stringify(src('../index.ts'))};
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
`,
  );
  const outfile = join(dir, 'finlet.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: gatewayDeps,
    // Bundled CommonJS dependencies (commander) call `require`; ESM has none of its own.
    banner: {
      js: "import { createRequire as __finletRequire } from 'node:module'; const require = __finletRequire(import.meta.url);",
    },
    plugins: [
      {
        name: 'finlet-source',
        setup(b) {
          b.onResolve({ filter: /^@finlet\/[a-z-]+(\/[a-z-]+)?$/ }, (args) => {
            const [, pkg = '', sub] = /^@finlet\/([a-z-]+)(?:\/([a-z-]+))?$/.exec(args.path) ?? [];
            // Front-end packages are served as built files; the CLI finds them (or warns) itself.
            if (pkg === 'widgets' || pkg === 'console') return { path: args.path, external: true };
            return { path: src(`../../../${pkg}/src/${sub ?? 'index'}.ts`) };
          });
        },
      },
    ],
    outfile,
    logLevel: 'silent',
  });
  return {
    command: [process.execPath, outfile],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
