import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Tests import workspace packages from source, so they never run against a stale build.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@finlet\/widgets$/, replacement: `${root}widgets/src/index.ts` },
      { find: /^@finlet\/widgets\/([a-z-]+)$/, replacement: `${root}widgets/src/$1/finlet-$1.ts` },
      { find: /^@finlet\/([a-z-]+)$/, replacement: `${root}packages/$1/src/index.ts` },
      { find: /^@finlet\/([a-z-]+)\/([a-z-/]+)$/, replacement: `${root}packages/$1/src/$2.ts` },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'widgets/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
