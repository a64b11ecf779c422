import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundleFromSource } from '@finlet/testing/bundle';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const out = join(root, 'console', 'dist', 'test-bundle');
/** The directory holding console.js and its chunks, as the gateway serves them under `/console/`. */
export const CONSOLE_TEST_BUNDLE_DIR = join(out, 'current');

/**
 * Builds `console.js` from source with the release build's rollup settings (as the widgets' test
 * bundle is built), so browser tests never run a stale console; returns its directory.
 */
export function buildConsoleTestBundle(): Promise<string> {
  return buildBundleFromSource({
    input: 'console/src/console.ts',
    out,
    entry: 'console.js',
    sources: ['console/src', 'packages/contracts/src', 'packages/client/src'],
  });
}
