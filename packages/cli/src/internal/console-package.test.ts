import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { gatewayAssets } from './assets.js';

const root = new URL('../../../../', import.meta.url);
const manifest = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

describe('@finlet/console as a package', () => {
  it('is published with only its bundle and shell, and is a dependency of the CLI', () => {
    const pkg = manifest('console/package.json');
    expect(pkg.private).toBeUndefined();
    expect(pkg.files).toEqual(['index.html', 'dist/bundle']);
    expect(Object.keys(pkg.exports)).toEqual(['./console.js', './index.html', './package.json']);
    const cli = manifest('packages/cli/package.json');
    expect(cli.dependencies['@finlet/console']).toBeDefined();
    expect(cli.devDependencies?.['@finlet/console']).toBeUndefined();
  });

  it('is found by the CLI through its exports, so an installed gateway serves /console', () => {
    const require = createRequire(new URL('packages/cli/src/internal/assets.ts', root));
    expect(require.resolve('@finlet/console/console.js')).toMatch(
      /console[\\/]dist[\\/]bundle[\\/]console\.js$/,
    );
    expect(require.resolve('@finlet/console/index.html')).toMatch(/console[\\/]index\.html$/);
    const warnings: string[] = [];
    const assets = gatewayAssets((line) => warnings.push(line));
    expect(warnings.filter((w) => w.includes('console'))).toEqual([]);
    expect(assets['/console']?.contentType).toContain('text/html');
    expect(assets['/console/*']).toBe(assets['/console']);
    expect(assets['/console/console.js']?.contentType).toContain('javascript');
  });
});
