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

/**
 * Every import, under `root`, of the gateway's sources from outside the gateway's own folder: tests
 * elsewhere reach a gateway through `@finlet/testing`, and the gateway's public API through
 * `@finlet/gateway`, so the gateway can rearrange its `src` without breaking another package.
 */
function gatewaySourceImports(root: string, dirs: readonly string[]): string[] {
  const gatewaySrc = join(root, 'packages', 'gateway', 'src') + sep;
  const found: string[] = [];
  for (const dir of dirs) {
    let files: string[];
    try {
      files = sources(join(root, dir));
    } catch {
      continue;
    }
    for (const file of files) {
      if (file === SELF || file.startsWith(join(root, 'packages', 'gateway') + sep)) continue;
      for (const [, , specifier = ''] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
        const target = specifier.startsWith('.') ? resolve(dirname(file), specifier) : '';
        if (target.startsWith(gatewaySrc) || /^@finlet\/gateway\/src\b/.test(specifier)) {
          found.push(`${relative(root, file)} imports ${specifier}`);
        }
      }
    }
  }
  return found;
}

const OUTSIDE_GATEWAY = ['packages', 'widgets', 'console', 'docs', '.storybook', 'demo-sites', 'deploy'];

describe('the boundary around the gateway', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'finlet-boundary-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('holds: no file outside packages/gateway imports its sources', () => {
    expect(gatewaySourceImports(ROOT, OUTSIDE_GATEWAY)).toEqual([]);
  });

  it('is seen when crossed, by a relative path or a package path, and not from inside the gateway', () => {
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), text);
    };
    write('widgets/src/x/x.test.ts', "import { a } from '../../../packages/gateway/src/bootstrap.js';\n");
    write('console/src/y.test.ts', "const m = await import('../../packages/gateway/src/e2e/x.js');\n");
    write('packages/cli/src/z.ts', "export * from '@finlet/gateway/src/server.js';\n");
    write('packages/gateway/src/e2e/own.test.ts', "import { b } from '../bootstrap.js';\n");
    write('packages/client/src/fine.test.ts', "import { startTestGateway } from '@finlet/testing';\n");
    expect(gatewaySourceImports(scratch, OUTSIDE_GATEWAY).sort()).toEqual([
      `${join('console', 'src', 'y.test.ts')} imports ../../packages/gateway/src/e2e/x.js`,
      `${join('packages', 'cli', 'src', 'z.ts')} imports @finlet/gateway/src/server.js`,
      `${join('widgets', 'src', 'x', 'x.test.ts')} imports ../../../packages/gateway/src/bootstrap.js`,
    ]);
  });
});
