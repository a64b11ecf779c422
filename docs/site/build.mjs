// Builds the docs site that `finlet dev` and `finlet serve` serve at `/docs`: the Markdown under
// docs/ (English and zh-CN) rendered to HTML, and the references generated from the code: the
// elements from widgets/custom-elements.json, the TypeScript API of @finlet/client and @finlet/node
// (TypeDoc), and the HTTP API page (Scalar, reading the gateway's own /v1/openapi.json).
// Output: packages/cli/dist/docs-site (gitignored, shipped with the CLI). Run by `pnpm build`.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';
import { Marked } from 'marked';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docs = join(root, 'docs');
const here = join(docs, 'site');
const target = join(root, 'packages', 'cli', 'dist', 'docs-site');
// Written next to the target, then swapped in: a gateway starting meanwhile reads a whole site.
const out = `${target}.tmp-${process.pid}`;
const require = createRequire(import.meta.url);

/** Source links for files outside the site (examples, packages). */
const REPO_BLOB = 'https://github.com/finlet/finlet/blob/main/';
const LANGS = ['en', 'zh-CN'];
const LABELS = {
  en: {
    home: 'Overview',
    guides: 'Guides',
    reference: 'Reference',
    troubleshooting: 'Troubleshooting',
    api: 'HTTP API',
    elements: 'Elements',
    other: '中文',
    skip: 'Skip to content',
    attributes: 'Attributes',
    properties: 'Properties',
    events: 'Events',
    slots: 'Slots',
    parts: 'CSS parts',
    cssProperties: 'CSS custom properties',
    name: 'Name',
    type: 'Type',
    default: 'Default',
    description: 'Description',
    field: 'Property',
    elementsIntro:
      'Generated from `widgets/custom-elements.json` (the JSDoc of each element class) at build time.',
  },
  'zh-CN': {
    home: '概览',
    guides: '指南',
    reference: '参考',
    troubleshooting: '故障排查',
    api: 'HTTP API',
    elements: '元素',
    other: 'English',
    skip: '跳到正文',
    attributes: '属性（attribute）',
    properties: '属性（property）',
    events: '事件',
    slots: '插槽',
    parts: 'CSS part',
    cssProperties: 'CSS 自定义属性',
    name: '名称',
    type: '类型',
    default: '默认值',
    description: '说明',
    field: '对应 property',
    elementsIntro: '构建时由 `widgets/custom-elements.json`（各元素类的 JSDoc）生成。',
  },
};

const escapeHtml = (s) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

/** Site path of a Markdown file (`guides/x.md`, `zh-CN/README.md`) → its URL under /docs. */
function urlOf(sitePath) {
  const noExt = sitePath.replace(/\.md$/, '');
  // A folder's README (docs) or index (TypeDoc) is the folder's own page.
  const page = noExt.replace(/(^|\/)(README|index)$/, '');
  return page ? `/docs/${page}` : '/docs';
}

function markdownUnder(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory())
      return ['site', 'examples', 'node_modules', 'dist'].includes(e.name) ? [] : markdownUnder(path, base);
    return e.name.endsWith('.md') ? [relative(base, path).split(sep).join('/')] : [];
  });
}

const langOf = (sitePath) => (sitePath.startsWith('zh-CN/') ? 'zh-CN' : 'en');
const titleOf = (markdown, fallback) => /^# (.+)$/m.exec(markdown)?.[1]?.trim() ?? fallback;

/** Site paths of the Markdown pages the site has; a link to any other file goes to the repository. */
const sitePages = new Set();
/** Files copied next to the pages (images a page shows). */
const copied = new Set();

/**
 * Markdown → HTML. Headings get GitHub-style ids (so `troubleshooting#not_found` lands on the
 * `## not_found` section); links to other pages lose `.md` and become absolute /docs URLs; links
 * out of docs/ point to the repository. Raw HTML in Markdown is shown as text: the site keeps a
 * strict CSP and a page never carries markup of its own.
 */
function render(markdown, sitePath, sourceDir) {
  const slugger = new GithubSlugger();
  const resolveHref = (href) => {
    if (/^([a-z][a-z0-9+.-]*:|#|\/)/i.test(href)) return href;
    const [target, hash] = href.split('#');
    const resolved = posix.normalize(posix.join(posix.dirname(sitePath), target));
    const suffix = hash ? `#${hash}` : '';
    if (resolved.startsWith('../')) {
      const repoPath = posix.normalize(posix.join('docs', posix.dirname(sitePath), target));
      return `${REPO_BLOB}${repoPath}${suffix}`;
    }
    if (/\.md$/.test(resolved) && sitePages.has(resolved)) return `${urlOf(resolved)}${suffix}`;
    if (sourceDir && /\.(png|jpe?g|svg|webp|gif)$/i.test(resolved) && existsSync(join(sourceDir, resolved))) {
      copied.add(resolved);
      return `/docs/${resolved}`;
    }
    return `${REPO_BLOB}docs/${resolved}${suffix}`;
  };
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth }) {
        const text = this.parser.parseInline(tokens);
        const id = slugger.slug(
          tokens
            .map((t) => t.text ?? t.raw)
            .join('')
            .replace(/<[^>]*>/g, ''),
        );
        return `<h${depth} id="${escapeHtml(id)}">${text} <a class="anchor" href="#${escapeHtml(id)}" aria-label="#">#</a></h${depth}>\n`;
      },
      link({ href, title, tokens }) {
        const text = this.parser.parseInline(tokens);
        const t = title ? ` title="${escapeHtml(title)}"` : '';
        return `<a href="${escapeHtml(resolveHref(href))}"${t}>${text}</a>`;
      },
      image({ href, title, text }) {
        const t = title ? ` title="${escapeHtml(title)}"` : '';
        return `<img src="${escapeHtml(resolveHref(href))}" alt="${escapeHtml(text)}"${t} loading="lazy">`;
      },
      html({ text }) {
        return escapeHtml(text);
      },
      code({ text, lang }) {
        const language = (lang ?? '').split(/\s+/)[0];
        const runnable = /\brunnable\b/.test(lang ?? '');
        const cls = language ? ` class="language-${escapeHtml(language)}"` : '';
        const badge = runnable ? '<span class="runnable" title="Run by the test suite">runnable</span>' : '';
        return `<pre${runnable ? ' data-runnable' : ''}>${badge}<code${cls}>${escapeHtml(text)}</code></pre>\n`;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}

/** A page: skip link, sidebar (this language's pages), language switch, content. */
function layout({ lang, title, body, url, nav, otherUrl, head = '' }) {
  const l = LABELS[lang];
  const link = (item) =>
    `<li><a href="${escapeHtml(item.url)}"${item.url === url ? ' aria-current="page"' : ''}>${escapeHtml(item.title)}</a></li>`;
  const group = (label, items) =>
    items.length ? `<h2>${escapeHtml(label)}</h2><ul>${items.map(link).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="${lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title === 'Finlet docs' ? title : `${title} · Finlet docs`)}</title>
<link rel="stylesheet" href="/docs/assets/site.css">
<link rel="icon" href="data:,">
${head}</head>
<body>
<a class="skip" href="#content">${escapeHtml(l.skip)}</a>
<header class="top">
<a class="brand" href="${lang === 'en' ? '/docs' : '/docs/zh-CN'}">Finlet docs</a>
<a class="lang" href="${escapeHtml(otherUrl)}" hreflang="${lang === 'en' ? 'zh-CN' : 'en'}" lang="${lang === 'en' ? 'zh-CN' : 'en'}">${escapeHtml(l.other)}</a>
</header>
<div class="layout">
<nav class="sidebar" aria-label="${escapeHtml(l.guides)}">
<ul>${nav.top.map(link).join('')}</ul>
${group(l.guides, nav.guides)}
${group(l.reference, nav.reference)}
</nav>
<main id="content">
${body}
</main>
</div>
</body>
</html>
`;
}

/** TypeDoc (with typedoc-plugin-markdown) for one package's entry point → Markdown files in `dir`. */
async function typedocMarkdown(pkg, dir) {
  const { Application } = await import('typedoc');
  const app = await Application.bootstrapWithPlugins({
    entryPoints: [join(root, 'packages', pkg, 'src', 'index.ts')],
    tsconfig: join(root, 'packages', pkg, 'tsconfig.json'),
    plugin: ['typedoc-plugin-markdown'],
    out: dir,
    readme: 'none',
    name: `@finlet/${pkg}`,
    disableSources: true,
    excludePrivate: true,
    excludeInternal: true,
    hideGenerator: true,
    skipErrorChecking: true,
    logLevel: 'Warn',
    entryFileName: 'index',
    hidePageHeader: true,
    hideBreadcrumbs: true,
  });
  const project = await app.convert();
  if (!project) throw new Error(`TypeDoc could not read @finlet/${pkg}`);
  await app.generateOutputs(project);
}

function elementsPage(lang) {
  const l = LABELS[lang];
  const manifest = JSON.parse(readFileSync(join(root, 'widgets', 'custom-elements.json'), 'utf8'));
  const elements = manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .filter((d) => d.tagName)
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
  // The manifest names events but not their detail types; `FinletEventMap` declares them once.
  const eventsSource = readFileSync(join(root, 'widgets', 'src', 'internal', 'events.ts'), 'utf8');
  const detailTypes = new Map(
    [...eventsSource.matchAll(/'(finlet-[a-z-]+)': CustomEvent<(\w+)>/g)].map((m) => [m[1], m[2]]),
  );
  const cell = (s) => (s ?? '').replace(/\|/g, '\\|').replace(/\n+/g, ' ');
  const code = (s) => (s ? `\`${cell(s)}\`` : '');
  const table = (heading, columns, rows) =>
    rows.length
      ? `### ${heading}\n\n| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|\n${rows
          .map((r) => `| ${r.join(' | ')} |`)
          .join('\n')}\n\n`
      : '';
  let md = `# ${l.elements}\n\n${l.elementsIntro}\n\n${elements.map((e) => `- [\`<${e.tagName}>\`](#${e.tagName})`).join('\n')}\n\n`;
  for (const e of elements) {
    md += `## ${e.tagName}\n\n`;
    if (e.summary) md += `${e.summary}\n\n`;
    if (e.description && e.description !== e.summary) md += `${e.description}\n\n`;
    md += table(
      l.attributes,
      [l.name, l.field, l.type, l.default, l.description],
      (e.attributes ?? []).map((a) => [
        code(a.name),
        code(a.fieldName),
        code(a.type?.text),
        code(a.default),
        cell(a.description),
      ]),
    );
    const props = (e.members ?? []).filter(
      (m) =>
        m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public' && !m.name.startsWith('_'),
    );
    md += table(
      l.properties,
      [l.name, l.type, l.default, l.description],
      props.map((m) => [code(m.name), code(m.type?.text), code(m.default), cell(m.description)]),
    );
    md += table(
      l.events,
      [l.name, l.type, l.description],
      (e.events ?? []).map((v) => [
        code(v.name),
        code(v.type?.text ?? (detailTypes.has(v.name) ? `CustomEvent<${detailTypes.get(v.name)}>` : '')),
        cell(v.description),
      ]),
    );
    md += table(
      l.slots,
      [l.name, l.description],
      (e.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]),
    );
    md += table(
      l.parts,
      [l.name, l.description],
      (e.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]),
    );
    md += table(
      l.cssProperties,
      [l.name, l.default, l.description],
      (e.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)]),
    );
  }
  return md;
}

/** The HTTP API page: Scalar's standalone bundle, started by a script file (nothing inline). */
function apiPage(lang) {
  const l = LABELS[lang];
  return `<!doctype html>
<html lang="${lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(l.api)} · Finlet docs</title>
<link rel="stylesheet" href="/docs/assets/site.css">
<link rel="icon" href="data:,">
<script src="/docs/assets/api-jitless.js" defer></script>
<script src="/docs/assets/scalar/standalone.js" defer></script>
<script src="/docs/assets/api.js" defer></script>
</head>
<body class="api">
<header class="top">
<a class="brand" href="${lang === 'en' ? '/docs' : '/docs/zh-CN'}">Finlet docs</a>
<span class="crumb">${escapeHtml(l.api)} · <a href="/v1/openapi.json">/v1/openapi.json</a></span>
</header>
<div id="finlet-api" data-openapi-url="/v1/openapi.json"></div>
</body>
</html>
`;
}

async function build() {
  const started = Date.now();
  const timings = [];
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const write = (path, body) => {
    const file = join(out, ...path.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  };
  const htmlFile = (url) =>
    `${url === '/docs' ? 'index' : url.replace(/^\/docs\//, '')}.html`.replace(
      /^zh-CN\.html$/,
      'zh-CN/index.html',
    );

  // Generated references first: their pages join the sidebar.
  const refDir = mkdtempSync(join(tmpdir(), 'finlet-typedoc-'));
  const references = [];
  try {
    await Promise.all(['client', 'node'].map((pkg) => typedocMarkdown(pkg, join(refDir, pkg))));
    timings.push(`TypeDoc ${Date.now() - started} ms`);
    for (const pkg of ['client', 'node']) {
      for (const file of markdownUnder(join(refDir, pkg))) {
        const text = readFileSync(join(refDir, pkg, ...file.split('/')), 'utf8');
        references.push({ sitePath: `reference/${pkg}/${file}`, text });
      }
    }
  } finally {
    rmSync(refDir, { recursive: true, force: true });
  }

  const sources = markdownUnder(docs).map((sitePath) => ({
    sitePath,
    text: readFileSync(join(docs, ...sitePath.split('/')), 'utf8'),
  }));
  const bySitePath = new Map(sources.map((s) => [s.sitePath, s]));
  for (const page of [...sources, ...references]) sitePages.add(page.sitePath);

  for (const lang of LANGS) {
    const l = LABELS[lang];
    const prefix = lang === 'en' ? '' : 'zh-CN/';
    const home = urlOf(`${prefix}README.md`);
    const index = bySitePath.get(`${prefix}README.md`)?.text ?? '';
    // Guides in the order the index lists them, then any the index does not list.
    const listed = [...index.matchAll(/\]\((guides\/[\w-]+\.md)\)/g)].map((m) => `${prefix}${m[1]}`);
    const guides = sources
      .filter((s) => s.sitePath.startsWith(`${prefix}guides/`))
      .sort((a, b) => {
        const ia = listed.indexOf(a.sitePath);
        const ib = listed.indexOf(b.sitePath);
        return (ia < 0 ? 1e3 : ia) - (ib < 0 ? 1e3 : ib) || a.sitePath.localeCompare(b.sitePath);
      });
    const nav = {
      top: [
        { url: home, title: l.home },
        ...(bySitePath.has(`${prefix}troubleshooting.md`)
          ? [{ url: urlOf(`${prefix}troubleshooting.md`), title: l.troubleshooting }]
          : []),
      ],
      guides: guides.map((g) => ({ url: urlOf(g.sitePath), title: titleOf(g.text, g.sitePath) })),
      reference: [
        { url: '/docs/api', title: l.api },
        { url: `/docs/${prefix}elements`, title: l.elements },
        { url: '/docs/reference/client', title: '@finlet/client' },
        { url: '/docs/reference/node', title: '@finlet/node' },
      ],
    };
    const counterpart = (sitePath) => {
      const other = lang === 'en' ? `zh-CN/${sitePath}` : sitePath.replace(/^zh-CN\//, '');
      if (bySitePath.has(other) || other.endsWith('elements.md')) return urlOf(other);
      return lang === 'en' ? '/docs/zh-CN' : '/docs';
    };
    const emit = (sitePath, text, sourceDir) => {
      const url = urlOf(sitePath);
      const body = render(text, sitePath, sourceDir);
      write(
        htmlFile(url),
        layout({ lang, title: titleOf(text, 'Finlet'), body, url, nav, otherUrl: counterpart(sitePath) }),
      );
    };
    for (const s of sources.filter((s) => langOf(s.sitePath) === lang)) emit(s.sitePath, s.text, docs);
    emit(`${prefix}elements.md`, elementsPage(lang), docs);
    // The TypeScript references are English (their JSDoc is); both sidebars link them.
    if (lang === 'en') for (const r of references) emit(r.sitePath, r.text, null);
  }

  write('api.html', apiPage('en'));
  for (const file of copied) write(file, readFileSync(join(docs, ...file.split('/'))));
  mkdirSync(join(out, 'assets', 'scalar'), { recursive: true });
  copyFileSync(join(here, 'site.css'), join(out, 'assets', 'site.css'));
  copyFileSync(join(here, 'api.js'), join(out, 'assets', 'api.js'));
  copyFileSync(join(here, 'api-jitless.js'), join(out, 'assets', 'api-jitless.js'));
  const scalar = join(dirname(require.resolve('@scalar/api-reference')), 'browser', 'standalone.js');
  copyFileSync(scalar, join(out, 'assets', 'scalar', 'standalone.js'));
  rmSync(target, { recursive: true, force: true });
  renameSync(out, target);
  console.log(`docs site: ${relative(root, target)} in ${Date.now() - started} ms (${timings.join(', ')})`);
}

await build();
