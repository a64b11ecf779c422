// One rollup build for every library package: each `exports` entry `./dist/x.js` is built from
// `src/x.ts` to ESM, modules preserved so consumers tree-shake; declarations come from `tsc -b`.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { transformSync } from 'esbuild';
import esbuild from 'rollup-plugin-esbuild';

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function entriesOf(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const input = {};
  for (const target of Object.values(pkg.exports ?? {})) {
    const file = typeof target === 'string' ? target : target.import;
    const match = /^\.\/dist\/(.+)\.js$/.exec(file ?? '');
    // `dist/bundle/*` are self-contained bundles built below, not library modules.
    if (match && !match[1].startsWith('bundle/')) input[match[1]] = join(dir, 'src', `${match[1]}.ts`);
  }
  for (const extra of pkg.finlet?.extraEntries ?? []) input[extra] = join(dir, 'src', `${extra}.ts`);
  return input;
}

const isExternal = (id) =>
  builtins.has(id) || !(id.startsWith('.') || id.startsWith('/') || id.startsWith('\0'));

const libraries = [
  ...readdirSync('packages').map((name) => join('packages', name)),
  'demo-sites',
  'widgets',
].map((dir) => {
  return {
    input: entriesOf(dir),
    external: isExternal,
    plugins: [esbuild({ target: 'es2022', tsconfig: join(dir, 'tsconfig.json') })],
    output: {
      dir: join(dir, 'dist'),
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: join(dir, 'src'),
      sourcemap: true,
      entryFileNames: '[name].js',
    },
    onwarn(warning) {
      if (warning.code === 'EMPTY_BUNDLE') return;
      if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules')))
        return;
      throw new Error(`rollup: ${warning.message}`);
    },
  };
});

// The drop-in bundle: one minified ES module with Lit, the client and zod inside, for a
// `<script type="module">` served by the gateway or any CDN.
// Workspace packages are bundled from their sources, so the bundle never picks up a stale dist.
function workspaceSources() {
  return {
    name: 'finlet-workspace-sources',
    resolveId(id) {
      const match = /^@finlet\/(contracts|client)(?:\/([a-z-]+))?$/.exec(id);
      return match ? join('packages', match[1], 'src', `${match[2] ?? 'index'}.ts`) : null;
    },
  };
}

/**
 * A stylesheet without interpolations, minified by esbuild's CSS minifier (it only rewrites what
 * means the same: whitespace, `::before` as `:before`, shorter colours). Left as written if the
 * result would need escaping inside a template literal.
 */
function minifyCss(text) {
  const lines = text.split('\n').length - 1;
  const min = transformSync(text, {
    loader: 'css',
    minify: true,
    charset: 'utf8',
    logLevel: 'silent',
  }).code.trim();
  if (/[\\`$]/.test(min)) return text.replace(/\n[ \t]+/g, '\n');
  // As many line breaks as the stylesheet had, at its end: the code after it keeps its lines.
  return min + '\n'.repeat(lines);
}

/**
 * Drops the indentation inside Lit's `html`, `css` and `svg` templates (after esbuild, which keeps
 * template text as written): a line break followed by spaces becomes the line break alone. One
 * whitespace character stays wherever there was some, so HTML and CSS mean the same; no element
 * shows literal template whitespace (`white-space: pre*` only wraps interpolated text). Lines stay
 * where they were, so the source maps still point at the right lines. A `css` template without
 * interpolations is minified whole.
 */
function squeezeTemplates() {
  const tags = new Set(['html', 'css', 'svg']);
  return {
    name: 'finlet-squeeze-templates',
    transform(code, id) {
      if (!/[/\\]widgets[/\\]src[/\\].+\.ts$/.test(id) || !/`/.test(code)) return null;
      const ast = this.parse(code);
      // esbuild's minifier renames imports (`import{html as a}from"lit"`): find the local names.
      const local = new Map();
      for (const node of ast.body) {
        if (node.type !== 'ImportDeclaration' || node.source.value !== 'lit') continue;
        for (const spec of node.specifiers) {
          if (spec.type === 'ImportSpecifier' && tags.has(spec.imported.name))
            local.set(spec.local.name, spec.imported.name);
        }
      }
      if (local.size === 0) return null;
      const cuts = [];
      const visit = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (
          node.type === 'TaggedTemplateExpression' &&
          node.tag.type === 'Identifier' &&
          local.has(node.tag.name)
        ) {
          const quasis = node.quasi.quasis;
          const css =
            local.get(node.tag.name) === 'css' &&
            quasis.length === 1 &&
            !/[\\`$]/.test(code.slice(quasis[0].start, quasis[0].end));
          for (const quasi of quasis) cuts.push([quasi.start, quasi.end, css]);
        }
        for (const value of Object.values(node)) {
          if (Array.isArray(value)) for (const child of value) visit(child);
          else if (value && typeof value === 'object') visit(value);
        }
      };
      visit(ast);
      if (cuts.length === 0) return null;
      let out = '';
      let at = 0;
      for (const [start, end, css] of cuts.sort((a, b) => a[0] - b[0])) {
        const text = code.slice(start, end);
        out += code.slice(at, start) + (css ? minifyCss(text) : text.replace(/\n[ \t]+/g, '\n'));
        at = end;
      }
      return { code: out + code.slice(at), map: null };
    },
  };
}

/**
 * ky without its upload and download progress streams (ky's `utils/body.js`): no Finlet caller
 * passes `onUploadProgress` or `onDownloadProgress`, the only options that reach that code, so the
 * browser bundles keep the rest of ky (retries, timeouts, hooks) and drop ~360 B brotli from every
 * entry. The stand-ins throw if ever reached; the build fails if ky's module stops exporting
 * exactly these three (a ky upgrade must look again).
 */
function kyWithoutProgress() {
  const exportsOf = ['getBodySize', 'streamRequest', 'streamResponse'];
  return {
    name: 'finlet-ky-without-progress',
    load(id) {
      if (!/[/\\]ky[/\\]distribution[/\\]utils[/\\]body\.js$/.test(id)) return null;
      const found = [...readFileSync(id, 'utf8').matchAll(/^export const (\w+)/gm)].map((m) => m[1]).sort();
      if (found.join() !== exportsOf.join()) {
        throw new Error(`ky's utils/body.js exports ${found.join(', ')}: check kyWithoutProgress()`);
      }
      const stub = (name) =>
        `export const ${name} = () => { throw new Error('ky progress is not in the Finlet bundle'); };`;
      return exportsOf.map(stub).join('\n');
    },
  };
}

/**
 * ky without the feature probe it runs when it loads: `supportsRequestStreams` builds a `Request`
 * with a `ReadableStream` body to see whether the browser takes `duplex` (a few milliseconds of main
 * thread before a page's first frame, issue 20). It only matters for a request whose body is a
 * stream, and every Finlet body is a string: the bundles read it as `false` (ky then sets no
 * `duplex`, which a string body does not need). The build fails if ky stops having that probe.
 */
function kyWithoutStreamProbe() {
  const probe = /^export const supportsRequestStreams = \(\(\) => \{\n[\s\S]*?\n\}\)\(\);$/m;
  return {
    name: 'finlet-ky-without-stream-probe',
    transform(code, id) {
      if (!/[/\\]ky[/\\]distribution[/\\]core[/\\]constants\.js$/.test(id)) return null;
      if (!probe.test(code)) {
        throw new Error(
          "ky's core/constants.js has no supportsRequestStreams probe: check kyWithoutStreamProbe()",
        );
      }
      return { code: code.replace(probe, 'export const supportsRequestStreams = false;'), map: null };
    },
  };
}

const bundle = {
  input: 'widgets/src/finlet.ts',
  // Shared code stays in finlet.js itself (no facade), so a page loads one file for the everyday elements.
  preserveEntrySignatures: 'allow-extension',
  plugins: [
    // Chunk names carry content hashes: clear the old ones so the gateway never serves them.
    {
      name: 'clean-output-dir',
      renderStart(output) {
        if (output.dir) rmSync(output.dir, { recursive: true, force: true });
      },
    },
    workspaceSources(),
    kyWithoutProgress(),
    kyWithoutStreamProbe(),
    nodeResolve({ browser: true, exportConditions: ['browser', 'production', 'import', 'default'] }),
    esbuild({
      target: 'es2022',
      tsconfig: 'widgets/tsconfig.json',
      minify: true,
      legalComments: 'none',
      // Module scripts are always decoded as UTF-8: Chinese texts as themselves, not `\\uXXXX`.
      charset: 'utf8',
      define: { 'process.env.NODE_ENV': '"production"' },
    }),
    squeezeTemplates(),
    // Whole chunks again after esbuild's minifier: terser inlines and drops what esbuild keeps
    // (brotli: finlet.js 25,047 → 24,446 B, the chat alone 23,533 → 22,950 B, the kit 46,847 → 45,820 B).
    // A second pass gains a little on the kit; more passes, `unsafe_arrows` or `pure_getters` gained
    // nothing measurable, so none of their risk. `scripts/bundle-breakdown.mjs` shows what is left.
    // Measured again (issue 20): three passes with `pure_getters` took 104 B off the kit, 17 B off
    // finlet.js and 9 B off the chat alone: still not worth assuming no getter has side effects.
    terser({ module: true, ecma: 2022, compress: { passes: 2 }, format: { comments: false } }),
  ],
  // finlet.js plus the elements it loads on first use, in finlet/ beside it (hashed: cache forever).
  output: {
    dir: 'widgets/dist/bundle',
    entryFileNames: 'finlet.js',
    chunkFileNames: 'finlet/[name]-[hash].js',
    format: 'es',
    sourcemap: true,
    // English for the elements inside finlet.js comes as one file (one request on an `en` page);
    // the lazily loaded elements' (application form, chat, route quote) come with them. zh-CN, the
    // default, is inside each element.
    manualChunks(id) {
      if (/[/\\](?:internal[/\\]common|provider|offers|nudges)\.messages\.en\.ts$/.test(id))
        return 'messages-en';
      return undefined;
    },
  },
  onwarn(warning) {
    if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules')))
      return;
    throw new Error(`rollup: ${warning.message}`);
  },
};

// The publishing console served by the gateway at /console: console.js plus the chunks it loads
// later, flat beside it so the gateway serves each as `/console/<name>.js`.
const consoleBundle = {
  ...bundle,
  input: 'console/src/console.ts',
  // esbuild's minifier alone, as before: the console is one page for bank staff, not a partner's page.
  plugins: bundle.plugins
    .filter((plugin) => plugin.name !== 'terser')
    .map((plugin) =>
      plugin.name === 'esbuild'
        ? esbuild({
            target: 'es2022',
            tsconfig: 'console/tsconfig.json',
            minify: true,
            legalComments: 'none',
            define: { 'process.env.NODE_ENV': '"production"' },
          })
        : plugin,
    ),
  output: {
    dir: 'console/dist/bundle',
    entryFileNames: 'console.js',
    chunkFileNames: 'console-[name]-[hash].js',
    format: 'es',
    sourcemap: true,
  },
};

export default [...libraries, bundle, consoleBundle];
