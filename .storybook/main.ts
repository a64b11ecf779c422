import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const widgets = `${root}widgets/`;

// The docs tables come from the custom-elements manifest, which `pnpm build` generates. A fresh
// checkout has none yet: generate it here so `pnpm storybook` works before the first build.
if (!existsSync(`${widgets}custom-elements.json`)) {
  execFileSync(
    `${widgets}node_modules/.bin/cem`,
    ['analyze', '--config', 'custom-elements-manifest.config.mjs'],
    {
      cwd: widgets,
      stdio: 'inherit',
    },
  );
}

const config: StorybookConfig = {
  stories: ['../widgets/src/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(config) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(config, {
      resolve: {
        // Stories import workspace packages from source, like the tests (see vitest.config.ts).
        alias: [
          { find: /^@finlet\/widgets$/, replacement: `${widgets}src/index.ts` },
          { find: /^@finlet\/widgets\/([a-z-]+)$/, replacement: `${widgets}src/$1/finlet-$1.ts` },
          { find: /^@finlet\/([a-z-]+)$/, replacement: `${root}packages/$1/src/index.ts` },
          { find: /^@finlet\/([a-z-]+)\/([a-z-/]+)$/, replacement: `${root}packages/$1/src/$2.ts` },
        ],
      },
      // Stories read the CLI's demo data (packages/cli/demo/*.yaml) as JSON modules, parsed here
      // in Node with the CLI's own YAML parser, so the browser never needs one.
      plugins: [yamlModules()],
      // Lit's legacy decorators, as in widgets/tsconfig.json (experimentalDecorators,
      // useDefineForClassFields: false): vite 8 transforms TypeScript with oxc.
      oxc: {
        decorator: { legacy: true },
        assumptions: { setPublicClassFields: true },
        typescript: { removeClassFieldsWithoutInitializer: true },
      },
    });
  },
};

/** `import data from './file.yaml'` gives the parsed document (validate it with a contract). */
function yamlModules() {
  const { parse } = createRequire(`${root}packages/cli/package.json`)('yaml') as {
    parse: (text: string) => unknown;
  };
  return {
    name: 'finlet-yaml-modules',
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      if (!id.endsWith('.yaml')) return null;
      return { code: `export default ${JSON.stringify(parse(code))};`, map: null };
    },
  };
}

export default config;
