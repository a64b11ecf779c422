import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of the workspace, checked on the source rather than trusted to review:
 * a package reaches another only through its published name (never into its `src`), and no chain
 * of imports comes back to where it started — neither between files of a package (type-only
 * imports count: they are how the last cycles crept in) nor between packages.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

interface Workspace {
  /** The package's folder, relative to the root (`packages/gateway`). */
  dir: string;
  name: string;
}

const workspaces: Workspace[] = [
  ...readdirSync(join(root, 'packages')).map((d) => `packages/${d}`),
  'widgets',
  'console',
  'demo-sites',
]
  .filter((dir) => existsSync(join(root, dir, 'package.json')))
  .map((dir) => ({
    dir,
    name: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).name as string,
  }));

/** Tests and the support only tests load (end-to-end helpers, story support, test bundling). */
const isTest = (file: string) =>
  /\.(test|spec|stories)\.ts$/.test(file) ||
  /[/\\](e2e|test|__fixtures__|stories-support)[/\\]/.test(relative(root, file)) ||
  relative(root, file).startsWith(`packages${sep}testing${sep}`);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      if (entry === 'node_modules' || entry === 'dist') continue;
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) out.push(path);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Every module specifier a file names: static and type-only imports, re-exports and `import()`. */
function specifiers(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/**
 * What a file needs before it can be read, types included: its import and export declarations. A
 * lazy `import()` is left out: it is how a chunk loads later (a locale's messages), not an order
 * in which modules must be evaluated.
 */
function staticSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    )
      out.push(statement.moduleSpecifier.text);
  }
  return out;
}

/** A relative specifier as the file it names (`./x.js` is `./x.ts` in the source), or undefined. */
function resolveRelative(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c));
}

const ownerOf = (file: string) => workspaces.find((w) => file.startsWith(join(root, w.dir) + sep));

/** The cycles of a graph (one per strongly connected component of more than one node, or a self-loop). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  // Tarjan's algorithm, iterative so a deep chain cannot overflow the stack.
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  for (const start of graph.keys()) {
    if (indices.has(start)) continue;
    const work: { node: string; next: Iterator<string> }[] = [];
    const visit = (node: string) => {
      indices.set(node, index);
      low.set(node, index);
      index++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: (graph.get(node) ?? new Set()).values() });
    };
    visit(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const step = frame.next.next();
      if (!step.done) {
        const to = step.value;
        if (!indices.has(to)) visit(to);
        else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, indices.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === indices.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || graph.get(frame.node)?.has(frame.node)) found.push(component.sort());
      }
    }
  }
  return found;
}

/** One shortest loop through the first member of a cycle, as `a → b → a`: what to break. */
function shortestLoop(graph: Map<string, Set<string>>, component: string[]): string {
  const members = new Set(component);
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const to of graph.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
        return [...path, start].join(' → ');
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return component.join(', ');
}

describe('workspace imports', () => {
  const files = workspaces.flatMap((w) =>
    [...sourceFiles(join(root, w.dir, 'src')), ...sourceFiles(join(root, w.dir, 'test'))].map((file) => ({
      file,
      owner: w,
    })),
  );

  it('finds the workspace packages and their sources', () => {
    expect(workspaces.map((w) => w.name)).toEqual(
      expect.arrayContaining(['@finlet/contracts', '@finlet/gateway', '@finlet/widgets', '@finlet/testing']),
    );
    expect(files.length).toBeGreaterThan(300);
  });

  it("no package imports another package's files by path (only by its published name)", () => {
    const crossings: string[] = [];
    for (const { file, owner } of files) {
      for (const spec of specifiers(file)) {
        if (/^@finlet\/[a-z-]+\/src(\/|$)/.test(spec)) crossings.push(`${relative(root, file)} → ${spec}`);
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file), spec);
        const targetOwner = ownerOf(target);
        // Another package's sources; its data (a demo YAML file a story loads) is not code.
        const intoSources = targetOwner && target.startsWith(join(root, targetOwner.dir, 'src') + sep);
        if (targetOwner !== owner && intoSources) crossings.push(`${relative(root, file)} → ${spec}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('no import cycle between the files of a package (type-only imports included)', () => {
    const graph = new Map<string, Set<string>>();
    for (const { file } of files) {
      if (isTest(file)) continue;
      const edges = new Set<string>();
      for (const spec of staticSpecifiers(file)) {
        if (!spec.startsWith('.')) continue;
        const target = resolveRelative(file, spec);
        if (target && !isTest(target)) edges.add(target);
      }
      graph.set(relative(root, file), new Set([...edges].map((t) => relative(root, t))));
    }
    expect(cycles(graph).map((component) => shortestLoop(graph, component))).toEqual([]);
  });

  it('no cycle between packages (what their non-test sources import by name)', () => {
    const names = new Set(workspaces.map((w) => w.name));
    const graph = new Map<string, Set<string>>(workspaces.map((w) => [w.name, new Set()]));
    for (const { file, owner } of files) {
      if (isTest(file)) continue;
      for (const spec of staticSpecifiers(file)) {
        const name = spec.match(/^@finlet\/[a-z-]+/)?.[0];
        if (name && names.has(name) && name !== owner.name) graph.get(owner.name)!.add(name);
      }
    }
    expect(cycles(graph)).toEqual([]);
  });

  it('the cycle finder finds a cycle (so the empty answers above mean something)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['d'])],
      ['e', new Set(['a'])],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c'], ['d']]);
  });
});
