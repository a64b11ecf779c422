import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFromSource, packageDir } from '@finlet/testing';

/**
 * The `finlet` command built from this checkout's sources into one file, for tests that need it in
 * a process of its own (to SIGTERM or `kill -9` it). The gateway's dependencies stay external and
 * resolve from its own `node_modules`, which is why the bundle is written beneath it.
 */
export async function bundleCli(): Promise<{ command: string[]; remove(): void }> {
  const gatewayDir = packageDir('gateway');
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
    `import { main } from ${JSON.stringify(fileURLToPath(new URL('../index.ts', import.meta.url)))};
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
`,
  );
  const outfile = join(dir, 'finlet.mjs');
  await bundleFromSource({
    entry,
    outfile,
    format: 'esm',
    external: gatewayDeps,
    // Front-end packages are served as built files; the CLI finds them (or warns) itself.
    externalPackages: ['widgets', 'console'],
  });
  return {
    command: [process.execPath, outfile],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
