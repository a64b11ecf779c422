import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ManifestElement {
  tagName: string;
  name: string;
  events?: { name: string }[];
}

export interface Manifest {
  modules: { declarations?: (ManifestElement | { tagName?: undefined })[] }[];
}

/** widgets/custom-elements.json (analysed from the sources when a fresh clone has not built yet). */
export function readManifest(): Manifest {
  const path = join(ROOT, 'widgets', 'custom-elements.json');
  if (!existsSync(path)) {
    execFileSync('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs'], {
      cwd: join(ROOT, 'widgets'),
    });
  }
  // Another test may be rewriting the file this very moment: read again until it parses.
  for (let attempt = 0; ; attempt++) {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    } catch (error) {
      if (attempt >= 20) throw error;
      execFileSync('sleep', ['0.2']);
    }
  }
}

export function elementsOf(manifest: Manifest): ManifestElement[] {
  return manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .filter((d): d is ManifestElement => !!d.tagName);
}
