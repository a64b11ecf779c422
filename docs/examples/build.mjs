// Bundles an example's page script (react/app.tsx, vue/app.ts) into <example>/dist/app.js with
// esbuild: one ES module, production React/Vue, nothing that needs eval, so it runs under the
// strict policy of server.mjs.
//
//   node build.mjs react
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const ENTRIES = { react: 'react/app.tsx', vue: 'vue/app.ts' };

/** Builds `example` into `outdir` (default `<example>/dist`); `tsconfig` overrides module resolution. */
export async function buildExample(example, options = {}) {
  const entry = ENTRIES[example];
  if (!entry) throw new Error(`no example "${example}" to build (${Object.keys(ENTRIES).join(', ')})`);
  const outdir = options.outdir ?? join(here, example, 'dist');
  await build({
    entryPoints: { app: join(here, entry) },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    ...(options.tsconfig ? { tsconfig: options.tsconfig } : {}),
    define: {
      'process.env.NODE_ENV': '"production"',
      // Vue's feature flags for the runtime-only build (no template compiler in the page).
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  });
  return join(outdir, 'app.js');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const example = process.argv[2];
  if (!example) {
    console.error('usage: node build.mjs react|vue');
    process.exit(1);
  }
  console.log(`built ${await buildExample(example)}`);
}
