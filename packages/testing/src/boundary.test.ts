import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** This file, whose own examples of a crossing are not one. */
const SELF = fileURLToPath(import.meta.url);
const SKIP = new Set(['node_modules', 'dist', '.git', 'storybook-static']);
const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;
/** `from '…'`, `import '…'`, `import('…')` and `vi.mock('…')`: every way a module names another. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\bmock\(\s*)(['"])([^'"]+)\1/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** A path as the lists below write it, whatever the platform. */
const posix = (path: string) => path.split(sep).join('/');

/** The workspace's packages (as `pnpm-workspace.yaml` lists them), each a folder with its own `src`. */
function packageDirs(root: string): string[] {
  const nested = readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, 'packages', entry.name));
  return [
    ...nested,
    join(root, 'demo-sites'),
    join(root, 'widgets'),
    join(root, 'console'),
    join(root, 'docs', 'examples'),
  ];
}

/**
 * Every import, under `root`, of one package's `src` from a file outside that package: a package
 * reaches another through its published entry points (`@finlet/gateway`, `@finlet/engine`) and
 * tests reach a gateway through `@finlet/testing`, so a package can rearrange its `src` without
 * breaking another.
 */
function crossPackageSourceImports(root: string, dirs: readonly string[]): string[] {
  const packages = packageDirs(root);
  const owner = (path: string) => packages.find((dir) => path.startsWith(dir + sep));
  const found: string[] = [];
  for (const dir of dirs) {
    let files: string[];
    try {
      files = sources(join(root, dir));
    } catch {
      continue;
    }
    for (const file of files) {
      if (file === SELF) continue;
      const from = owner(file);
      // Docs pages and their tests belong to no package: they too reach a package through its
      // entry points (`from` is undefined, so every package's `src` is another's). Storybook's
      // set-up is the widgets' own tooling (it renders their stories from source), so it may.
      if (from === undefined && posix(relative(root, file)).startsWith('.storybook/')) continue;
      for (const [, , specifier = ''] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
        if (/^@finlet\/[^/]+\/src\b/.test(specifier)) {
          found.push(`${posix(relative(root, file))} imports ${specifier}`);
          continue;
        }
        if (!specifier.startsWith('.')) continue;
        const target = resolve(dirname(file), specifier);
        const to = owner(target);
        if (to !== undefined && to !== from && target.startsWith(join(to, 'src') + sep)) {
          found.push(`${posix(relative(root, file))} imports ${specifier}`);
        }
      }
    }
  }
  return found;
}

const EVERYWHERE = ['packages', 'widgets', 'console', 'docs', '.storybook', 'demo-sites', 'deploy'];

describe('the boundaries between packages', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'finlet-boundary-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('hold: no file imports the sources of another package', () => {
    expect(crossPackageSourceImports(ROOT, EVERYWHERE)).toEqual([]);
  });

  it('are seen when crossed, by a relative path or a package path, also from the docs, and not within a package', () => {
    // The scratch files' specifiers are quoted at run time, so this file's own text holds no
    // import of another package's sources for a reader of the repository to trip on.
    const q = (specifier: string) => `'${specifier}'`;
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), text);
    };
    for (const dir of [
      'packages/gateway/src',
      'packages/cli/src',
      'packages/client/src',
      'packages/engine/src',
      'widgets/src',
      'console/src',
    ]) {
      mkdirSync(join(scratch, dir), { recursive: true });
    }
    write(
      'widgets/src/x/x.test.ts',
      `import { a } from ${q('../../../packages/gateway/src/bootstrap.js')};\n`,
    );
    write('console/src/y.test.ts', `const m = await import(${q('../../packages/gateway/src/e2e/x.js')});\n`);
    write('packages/cli/src/z.ts', `export * from ${q('@finlet/gateway/src/server.js')};\n`);
    write(
      'packages/cli/src/w.test.ts',
      `import { quoteRoutes } from ${q('../../engine/src/routes/index.js')};\n`,
    );
    write('docs/examples/v.test.ts', `vi.mock(${q('../../packages/client/src/http.js')});\n`);
    write(
      'docs/guides/page.test.ts',
      `import { createClient } from ${q('../../packages/client/src/index.js')};\n`,
    );
    write('docs/site/entry.test.ts', "import { DOCS_CSP } from '@finlet/cli/docs-site';\n");
    write('packages/gateway/src/e2e/own.test.ts', "import { b } from '../bootstrap.js';\n");
    write('packages/client/src/fine.test.ts', "import { startTestGateway } from '@finlet/testing';\n");
    write('packages/cli/src/data.test.ts', "import rails from '../../engine/demo/rails.yaml';\n");
    expect(crossPackageSourceImports(scratch, EVERYWHERE).sort()).toEqual([
      'console/src/y.test.ts imports ../../packages/gateway/src/e2e/x.js',
      'docs/examples/v.test.ts imports ../../packages/client/src/http.js',
      'docs/guides/page.test.ts imports ../../packages/client/src/index.js',
      'packages/cli/src/w.test.ts imports ../../engine/src/routes/index.js',
      'packages/cli/src/z.ts imports @finlet/gateway/src/server.js',
      'widgets/src/x/x.test.ts imports ../../../packages/gateway/src/bootstrap.js',
    ]);
  });
});
