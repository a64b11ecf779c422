import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
// The source, not the package: the config loads before anything is built.
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './packages/testing/src/chromium.js';

const root = fileURLToPath(new URL('.', import.meta.url));

// Tests import workspace packages from source, so they never run against a stale build.
const alias = [
  { find: /^@finlet\/widgets$/, replacement: `${root}widgets/src/index.ts` },
  { find: /^@finlet\/widgets\/placeholder$/, replacement: `${root}widgets/src/placeholder.ts` },
  { find: /^@finlet\/widgets\/([a-z-]+)$/, replacement: `${root}widgets/src/$1/finlet-$1.ts` },
  { find: /^@finlet\/demo-sites$/, replacement: `${root}demo-sites/src/index.ts` },
  { find: /^@finlet\/([a-z-]+)$/, replacement: `${root}packages/$1/src/index.ts` },
  { find: /^@finlet\/([a-z-]+)\/([a-z-/]+)$/, replacement: `${root}packages/$1/src/$2.ts` },
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Browser journeys poll for what the page shows; two busy cores (another test run beside
          // this one) can take seconds per step, so the bounds are generous: they only cap a hang.
          expect: { poll: { timeout: 20_000, interval: 50 } },
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'demo-sites/src/**/*.test.ts',
            'widgets/src/**/*.test.ts',
            'console/src/**/*.test.ts',
            'docs/**/*.test.ts',
          ],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        // Every story of .storybook/ rendered in Debian's Chromium; its play function checks the
        // state it promises, then axe runs (`parameters.a11y.test: 'error'` fails on a violation).
        extends: true,
        plugins: [storybookTest({ configDir: `${root}.storybook` })],
        test: {
          name: 'storybook',
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: CHROMIUM_PATH,
                args: [...CHROMIUM_FLAGS],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
