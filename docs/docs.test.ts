// Docs that cannot rot: every name the guides mention must exist in the code, every problem code
// has a troubleshooting section in both languages, and `js runnable` snippets run against a real
// gateway.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PROBLEM_CODES, type ProblemCode } from '@finlet/contracts';
import { ROUTES } from '@finlet/contracts/routes';
import { createPartner, type GatewayConfig } from '@finlet/gateway';
import { createEmbedSession } from '@finlet/node';
import { consumerOffer, receivablesOffer, startTestGateway, type TestGateway } from '@finlet/testing';
import { CHROMIUM_FLAGS } from '@finlet/testing/browser';
import { buildTestBundle } from '@finlet/testing/bundle';
import { TOKENS } from '@finlet/widgets';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const docs = join(root, 'docs');

function markdownUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownUnder(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );
}
const pages = markdownUnder(docs).map((path) => ({
  name: relative(docs, path),
  text: readFileSync(path, 'utf8'),
}));
const page = (name: string) => {
  const found = pages.find((p) => p.name === name);
  if (!found) throw new Error(`docs/${name} is missing`);
  return found.text;
};

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
}

/** The manifest of the sources (generated when a fresh clone has not built yet). */
function manifestElements(): Declaration[] {
  const path = join(root, 'widgets', 'custom-elements.json');
  if (!existsSync(path)) {
    execFileSync('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs'], {
      cwd: join(root, 'widgets'),
    });
  }
  // Another test may be rewriting the file this very moment: read again until it parses.
  for (let attempt = 0; ; attempt++) {
    try {
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as {
        modules: { declarations?: Declaration[] }[];
      };
      return manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
    } catch (error) {
      if (attempt >= 20) throw error;
      execFileSync('sleep', ['0.2']);
    }
  }
}
const elements = manifestElements();
const tags = new Map(elements.map((d) => [d.tagName!, d]));

const eventsSource = readFileSync(join(root, 'widgets/src/internal/events.ts'), 'utf8');
const eventMapBody = /interface FinletEventMap \{([\s\S]*?)\n\}/.exec(eventsSource)?.[1] ?? '';
/** Event name → its detail interface, read from `FinletEventMap`. */
const EVENTS = new Map(
  [...eventMapBody.matchAll(/'(finlet-[a-z-]+)': CustomEvent<(\w+)>/g)].map((m) => [m[1]!, m[2]!]),
);
const sessionManagerSource = readFileSync(join(root, 'widgets/src/internal/session-manager.ts'), 'utf8');
/** The components @finlet/react exports (generated from the manifest). */
const REACT_COMPONENTS = new Set(
  [
    ...readFileSync(join(root, 'packages/react/src/index.ts'), 'utf8').matchAll(/export \{ (Finlet\w+) \}/g),
  ].map((m) => m[1]!),
);

/** Attributes any HTML element takes, besides each Finlet element's own. */
const GLOBAL_ATTRIBUTES =
  /^(id|class|hidden|lang|dir|slot|title|style|part|exportparts|aria-[a-z-]+|data-[a-z-]+)$/;

const codeHeadings = (text: string) =>
  [...text.matchAll(/^## ([a-z][a-z0-9_]*)\s*$/gm)].map((m) => ({ code: m[1]!, index: m.index }));

describe('troubleshooting', () => {
  for (const name of ['troubleshooting.md', 'zh-CN/troubleshooting.md']) {
    it(`${name} has one section per problem code, with its status, and no section for a removed code`, () => {
      const text = page(name);
      const headings = codeHeadings(text);
      expect(headings.map((h) => h.code).sort()).toEqual(Object.keys(PROBLEM_CODES).sort());
      headings.forEach(({ code, index }, i) => {
        const section = text.slice(index, headings[i + 1]?.index ?? text.length);
        expect(section, code).toContain(`HTTP ${PROBLEM_CODES[code as ProblemCode]}`);
        // Cause and fix: more than a title.
        expect(section.split('\n').filter((l) => l.trim()).length, code).toBeGreaterThanOrEqual(3);
      });
    });
  }
});

describe('names in docs/**/*.md exist in the code', () => {
  it('reads the guides in both languages', () => {
    for (const guide of [
      'quick-start',
      'sessions-and-refresh',
      'strict-csp',
      'events',
      'theming',
      'webhooks',
      'locales-and-elder-mode',
      'scenarios',
      'advice-chat',
      'routing-for-banks',
      'publishing',
      'deployment',
      'rate-limits',
      'security-model',
      'frameworks',
      'agents-and-mcp',
      'group-chat',
      'performance',
      'portfolio-health-check',
      'suitability',
    ]) {
      page(`guides/${guide}.md`);
      page(`zh-CN/guides/${guide}.md`);
    }
  });

  for (const { name, text } of pages) {
    it(`${name}: elements, attributes, events, tokens and /v1 paths`, () => {
      const problems: string[] = [];
      for (const m of text.matchAll(/<(finlet-[a-z-]+)((?:\s+[a-z][a-z-]*(?:="[^"]*")?)*)\s*\/?>/g)) {
        const element = tags.get(m[1]!);
        if (!element) {
          problems.push(`<${m[1]}> is not an element`);
          continue;
        }
        const own = new Set(element.attributes?.map((a) => a.name));
        for (const a of m[2]!.matchAll(/([a-z][a-z-]*)(?:="[^"]*")?/g)) {
          if (!own.has(a[1]!) && !GLOBAL_ATTRIBUTES.test(a[1]!))
            problems.push(`<${m[1]} ${a[1]}> is not an attribute`);
        }
      }
      for (const m of text.matchAll(/<\/?(finlet-[a-z-]+)/g)) {
        if (!tags.has(m[1]!)) problems.push(`<${m[1]}> is not an element`);
      }
      for (const m of text.matchAll(/(?<![-\w/@.])(finlet-[a-z]+(?:-[a-z]+)*)(?![-\w]|\.[a-z])/g)) {
        const word = m[1]!;
        if (
          !tags.has(word) &&
          !EVENTS.has(word) &&
          !new RegExp(`[\`'"]${word}[:'"]`).test(sessionManagerSource)
        ) {
          problems.push(`${word} is neither an element nor an event`);
        }
      }
      for (const m of text.matchAll(/--finlet-[a-z-]+[a-z]/g)) {
        if (!(m[0] in TOKENS)) problems.push(`${m[0]} is not a token`);
      }
      // React: <FinletOffers …> and onFinletOfferSelect-style event props.
      for (const m of text.matchAll(/(?<![\w.])<(Finlet[A-Z]\w*)(?=[\s/>])/g)) {
        if (!REACT_COMPONENTS.has(m[1]!)) problems.push(`<${m[1]}> is not a component of @finlet/react`);
      }
      for (const m of text.matchAll(/\bon(Finlet(?:[A-Z][a-z]+)+)\b/g)) {
        const event = m[1]!.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase();
        if (!EVENTS.has(event)) problems.push(`on${m[1]} is not an event prop`);
      }
      for (const m of text.matchAll(/\/v1\/[A-Za-z0-9_{}.:/-]*[A-Za-z0-9_}]/g)) {
        const path = m[0];
        const known = ROUTES.some((r) =>
          new RegExp(`^${r.path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
        );
        if (!known) problems.push(`${path} is not a route`);
      }
      for (const m of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        // `/docs/…` are pages of the served site (references); docs/site/site.test.ts checks them.
        if (/^[a-z]+:/.test(m[1]!) || m[1]!.startsWith('/docs/')) continue;
        if (!existsSync(join(docs, dirname(name), m[1]!))) problems.push(`link ${m[1]} leads nowhere`);
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('guides cover everything they list', () => {
  for (const lang of ['', 'zh-CN/']) {
    it(`${lang || 'en/'}events.md names every event with its detail type`, () => {
      const text = page(`${lang}guides/events.md`);
      expect(EVENTS.size).toBeGreaterThanOrEqual(8);
      for (const [event, detail] of EVENTS) {
        expect(text, event).toContain(`\`${event}\``);
        expect(text, detail).toContain(detail);
      }
    });
    it(`${lang || 'en/'}theming.md names every token and every part of every element`, () => {
      const text = page(`${lang}guides/theming.md`);
      for (const token of Object.keys(TOKENS)) expect(text, token).toContain(`\`${token}\``);
      for (const element of elements) {
        const row = text.split('\n').find((l) => l.startsWith(`| \`<${element.tagName}>\` |`)) ?? '';
        for (const part of element.cssParts ?? []) {
          expect(row, `${element.tagName}::part(${part.name})`).toContain(`\`${part.name}\``);
        }
      }
    });
  }
});

/** What a snippet may import: the partner SDK, the reference Standard Webhooks library, React SSR. */
const requireFromNode = createRequire(join(root, 'packages/node/package.json'));
const requireFromReact = createRequire(join(root, 'packages/react/package.json'));
const SNIPPET_IMPORTS: Record<string, string> = {
  '@finlet/node': '@finlet/node',
  standardwebhooks: pathToFileURL(requireFromNode.resolve('standardwebhooks')).href,
  '@finlet/react': '@finlet/react',
  react: pathToFileURL(requireFromReact.resolve('react')).href,
  'react-dom/server': pathToFileURL(requireFromReact.resolve('react-dom/server')).href,
};

const runnable = pages.flatMap(({ name, text }) =>
  [...text.matchAll(/^```js runnable\n([\s\S]*?)^```$/gm)].map((m, i) => ({
    name: `${name} #${i + 1}`,
    code: m[1]!,
  })),
);

describe('runnable snippets run against a real gateway', () => {
  let gw: TestGateway;
  let dir: string;

  beforeAll(async () => {
    gw = await startTestGateway('sqlite', {
      gateway: { webhooks: { allowLoopback: true, pollIntervalMs: 100 } },
    });
    // Snippets stamp things with the real time: run the gateway on the real clock.
    Object.defineProperty(gw.clock, 'now', { get: () => new Date() });
    // A nudge the webhooks guide's signal raises.
    await gw.publish({
      ...receivablesOffer,
      triggers: [
        {
          id: 'receivables-high',
          when: [{ kind: 'threshold', signal: 'receivables.outstanding', op: 'gte', value: 10_000_000 }],
          cooldownDays: 1,
          prequalify: { kind: 'share_of_signal', signal: 'receivables.outstanding', percent: 80 },
        },
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'finlet-docs-'));
  });
  afterAll(async () => {
    await gw?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds the runnable snippets of the guides', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(4);
  });

  for (const [index, snippet] of runnable.entries()) {
    it(`runs ${snippet.name}`, async () => {
      const code = snippet.code.replace(/from '([^']+)'/g, (whole, specifier: string) => {
        if (specifier.startsWith('node:')) return whole;
        const target = SNIPPET_IMPORTS[specifier];
        if (!target)
          throw new Error(
            `${snippet.name} imports ${specifier}; runnable snippets may import only node:*, ${Object.keys(SNIPPET_IMPORTS).join(', ')}`,
          );
        return `from '${target}'`;
      });
      const file = join(dir, `snippet-${index}.mjs`);
      writeFileSync(file, code);
      const saved = { ...process.env };
      Object.assign(process.env, {
        FINLET_GATEWAY: gw.url,
        FINLET_SECRET_KEY: gw.partnerA.secretKey,
      });
      try {
        await import(/* @vite-ignore */ pathToFileURL(file).href);
      } finally {
        process.env = saved;
      }
    });
  }
});

/** What `http://127.0.0.1:4400` (the gateway of `finlet dev`) in an HTML snippet stands for. */
const DEV_GATEWAY = 'http://127.0.0.1:4400';
/** Placeholder an HTML snippet may use for a session token minted for the page. */
const TOKEN_PLACEHOLDER = '{{FINLET_SESSION_TOKEN}}';

/**
 * `html runnable` snippets, each with the files its page names: a code block of the same page
 * whose first line is a comment with a path (`// /js/finlet-setup.js`) is served at that path.
 */
const htmlRunnable = pages.flatMap(({ name, text }) => {
  const files = new Map(
    [
      ...text.matchAll(/^```(?:js|javascript|css)\n(?:\/\/|\/\*) (\/[\w./-]+)(?: \*\/)?\n([\s\S]*?)^```$/gm),
    ].map((m) => [m[1]!, m[2]!] as const),
  );
  return [...text.matchAll(/^```html runnable\n([\s\S]*?)^```$/gm)].map((m, i) => ({
    name: `${name} html #${i + 1}`,
    html: m[1]!,
    files,
  }));
});

/** What each element shows once it has done its job (offers listed, …); others: any content. */
const RENDERED: Record<string, string> = { 'finlet-offers': '[part~="offer"]' };

describe('html runnable snippets load in Chromium under a strict CSP', () => {
  let gw: TestGateway;
  let server: Server;
  let origin: string;
  let browser: Browser;
  let current: (typeof htmlRunnable)[number] | undefined;

  beforeAll(async () => {
    // The gateway serves the widget bundle built from source, as `finlet dev` serves the release one.
    const bundle = await buildTestBundle();
    const assets: NonNullable<GatewayConfig['assets']> = {
      '/finlet.js': { contentType: 'text/javascript', body: readFileSync(bundle) },
    };
    const chunks = join(dirname(bundle), 'finlet');
    for (const file of readdirSync(chunks)) {
      assets[`/finlet/${file}`] = { contentType: 'text/javascript', body: readFileSync(join(chunks, file)) };
    }
    gw = await startTestGateway('sqlite', { gateway: { assets } });
    Object.defineProperty(gw.clock, 'now', { get: () => new Date() });
    await gw.publish(consumerOffer);

    let partnerKey = '';
    const mint = async () => {
      // What the quick start's partner server puts in the session.
      const session = await createEmbedSession(
        { gateway: gw.url, secretKey: partnerKey },
        {
          userId: 'user-42',
          scenario: 'consumption',
          signals: { 'user.age': 34, 'user.verified': true },
          prefill: { applicantName: '李雷' },
        },
      );
      return { token: session.token, expiresAt: session.expiresAt };
    };
    let csp = '';
    server = createServer((req, res) => {
      const send = (status: number, type: string, body: string) => {
        res.writeHead(status, {
          'content-type': type,
          'content-security-policy': csp,
          'cache-control': 'no-store',
        });
        res.end(body);
      };
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (!current) return send(404, 'text/plain', 'no snippet');
      const snippet = current;
      if (path === '/api/finlet-session' && req.method === 'POST') {
        mint().then(
          (s) => send(200, 'application/json', JSON.stringify(s)),
          (e: unknown) => send(500, 'text/plain', String(e)),
        );
        return;
      }
      if (path === '/') {
        const fill = async () => {
          let html = snippet.html.replaceAll(DEV_GATEWAY, gw.url);
          if (html.includes(TOKEN_PLACEHOLDER))
            html = html.replaceAll(TOKEN_PLACEHOLDER, (await mint()).token);
          return /<html[\s>]/i.test(html)
            ? html
            : `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>snippet</title><link rel="icon" href="data:,"></head><body>\n${html}</body></html>`;
        };
        fill().then(
          (html) => send(200, 'text/html; charset=utf-8', html),
          (e: unknown) => send(500, 'text/plain', String(e)),
        );
        return;
      }
      const file = snippet.files.get(path);
      if (file !== undefined) {
        return send(
          200,
          path.endsWith('.css') ? 'text/css' : 'text/javascript',
          file.replaceAll(DEV_GATEWAY, gw.url),
        );
      }
      send(404, 'text/plain', 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The policy the quick start and the strict-CSP guide promise is enough.
    csp = `default-src 'none'; script-src 'self' ${gw.url}; style-src 'self'; connect-src 'self' ${gw.url}; img-src 'self' data:`;
    partnerKey = (
      await createPartner(gw.store, {
        name: 'Docs snippet shop',
        origins: [origin],
        scenarios: ['consumption', 'supply-chain', 'tourism', 'government'],
      })
    ).secretKey;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await gw?.close();
  });

  it('finds the html runnable snippets of the guides', () => {
    expect(htmlRunnable.map((s) => s.name)).toContain('guides/quick-start.md html #1');
  });

  for (const snippet of htmlRunnable) {
    it(`loads ${snippet.name} and sees its elements render`, async () => {
      current = snippet;
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`csp: ${e.violatedDirective} ${e.blockedURI}`),
        );
        document.addEventListener('finlet-error', (e) =>
          console.error(`finlet-error: ${JSON.stringify((e as CustomEvent).detail)}`),
        );
      });
      try {
        await page.goto(`${origin}/`);
        const tags = [...new Set([...snippet.html.matchAll(/<(finlet-[a-z-]+)/g)].map((m) => m[1]!))].filter(
          (t) => t !== 'finlet-provider',
        );
        expect(tags.length, 'a snippet places at least one element').toBeGreaterThan(0);
        for (const tag of tags) {
          const selector = RENDERED[tag];
          await expect
            .poll(
              () =>
                page.evaluate(
                  ([tag, selector]) =>
                    [...document.querySelectorAll(tag!)].every((el) =>
                      selector
                        ? (el.shadowRoot?.querySelectorAll(selector).length ?? 0) > 0
                        : (el.shadowRoot?.textContent?.trim().length ?? 0) > 0,
                    ),
                  [tag, selector] as const,
                ),
              { timeout: 15_000, message: `${tag} renders${selector ? ` ${selector}` : ''}` },
            )
            .toBe(true);
        }
        expect(problems).toEqual([]);
      } finally {
        current = undefined;
        await context.close();
      }
    });
  }
});
