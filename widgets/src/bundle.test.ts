import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { buildTestBundle } from '@finlet/testing/bundle';
import { beforeAll, describe, expect, it } from 'vitest';

let code: string;
let chunks: Map<string, string>;
let chatAlone: string;
/** The chunks `<finlet-advice-chat>` imported alone loads later, by name. */
let chatLater: Map<string, string>;

const root = fileURLToPath(new URL('../../', import.meta.url));

/** What `import '@finlet/widgets/<element>'` puts on a page, minified like finlet.js (lazy parts apart). */
async function entryAlone(input: string): Promise<{ entry: string; later: Map<string, string> }> {
  const { rollup } = await import('rollup');
  const configs = (await import(join(root, 'rollup.config.mjs'))).default as Array<Record<string, unknown>>;
  const base = configs.find((c) => c.input === 'widgets/src/finlet.ts') as {
    plugins: Array<{ name: string }>;
  };
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const build = await rollup({
      ...base,
      input,
      plugins: base.plugins.filter((plugin) => plugin.name !== 'clean-output-dir'),
      output: undefined,
    } as never);
    const { output } = await build.generate({ format: 'es' });
    await build.close();
    const later = new Map<string, string>();
    for (const chunk of output.slice(1)) if (chunk.type === 'chunk') later.set(chunk.fileName, chunk.code);
    return { entry: output[0].code, later };
  } finally {
    process.chdir(cwd);
  }
}

beforeAll(async () => {
  const entry = await buildTestBundle();
  code = readFileSync(entry, 'utf8');
  const dir = join(dirname(entry), 'finlet');
  chunks = new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
  ({ entry: chatAlone, later: chatLater } = await entryAlone(
    'widgets/src/advice-chat/finlet-advice-chat.ts',
  ));
}, 120_000);

const brotli = (text: string) =>
  brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

describe('the drop-in finlet.js', () => {
  it('registers the everyday elements itself and the application form, chat and route quote on first use', () => {
    for (const tag of ['finlet-provider', 'finlet-offers', 'finlet-nudges']) {
      expect(code).toContain(`"${tag}"`);
    }
    // Most page views never open an application: <finlet-apply> is not in every page's finlet.js.
    expect(code).not.toContain('确认申请信息');
    // <finlet-apply> and <finlet-suitability> load through the loaders the elements that open them in place use.
    expect(code).toMatch(/import\("\.\/finlet\/finlet-apply-[\w-]+\.js"\)\.then\(\w+=>\w+\.openApply\)/);
    expect(code).toMatch(/"finlet-advice-chat":\(\)=>import\("\.\/finlet\/finlet-advice-chat-[\w-]+\.js"\)/);
    // finlet.js registered the client's transport (its offers need it at once): the chat it loads
    // carries no deferred client of its own.
    const chat = [...chunks].find(([name]) => name.startsWith('finlet-advice-chat-'))?.[1] ?? '';
    expect(chat).toContain('"finlet-advice-chat"');
    expect(chat).not.toContain('new Proxy');
    expect(code).toMatch(/"finlet-route-quote":\(\)=>import\("\.\/finlet\/finlet-route-quote-[\w-]+\.js"\)/);
    expect(code).toMatch(
      /"finlet-health-check":\(\)=>import\("\.\/finlet\/finlet-health-check-[\w-]+\.js"\)/,
    );
    expect(code).not.toContain('持仓健诊');
    expect(code).toMatch(
      /import\("\.\/finlet\/finlet-suitability-[\w-]+\.js"\)\.then\(\w+=>\w+\.openAssessment\)/,
    );
    // The event-stream reader loads with the first stream (a chat, a live status), not on every page.
    expect(code).toMatch(/import\("\.\/finlet\/sse-[\w-]+\.js"\)/);
    expect([...chunks.keys()].sort()).toEqual([
      expect.stringMatching(/^advice-chat\.messages\.en-[\w-]+\.js$/),
      expect.stringMatching(/^apply-status-[\w-]+\.js$/),
      expect.stringMatching(/^apply\.messages\.en-[\w-]+\.js$/),
      expect.stringMatching(/^chat-follow-[\w-]+\.js$/),
      expect.stringMatching(/^finlet-advice-chat-[\w-]+\.js$/),
      expect.stringMatching(/^finlet-apply-[\w-]+\.js$/),
      expect.stringMatching(/^finlet-health-check-[\w-]+\.js$/),
      expect.stringMatching(/^finlet-route-quote-[\w-]+\.js$/),
      expect.stringMatching(/^finlet-suitability-[\w-]+\.js$/),
      expect.stringMatching(/^health-check\.messages\.en-[\w-]+\.js$/),
      expect.stringMatching(/^messages-en-[\w-]+\.js$/),
      expect.stringMatching(/^rich-[\w-]+\.js$/),
      expect.stringMatching(/^route-quote\.messages\.en-[\w-]+\.js$/),
      expect.stringMatching(/^sse-[\w-]+\.js$/),
      expect.stringMatching(/^suitability\.messages\.en-[\w-]+\.js$/),
    ]);
    for (const [name, chunk] of chunks) {
      if (name.startsWith('finlet-')) expect(chunk).toMatch(/from"\.\.\/finlet\.js"/);
    }
  });

  it("loads <finlet-apply>'s status view and reply form only on a page that shows an application", () => {
    const chunk = [...chunks].find(([name]) => name.startsWith('apply-status-'))?.[1] ?? '';
    const apply = [...chunks].find(([name]) => name.startsWith('finlet-apply-'))?.[1] ?? '';
    expect(chunk).toContain('reply-documents-hint');
    expect(chunk).toMatch(/from"\.\.\/finlet\.js"/);
    expect(apply).not.toContain('reply-documents-hint');
    expect(apply).toMatch(/import\("\.\/apply-status-[\w-]+\.js"\)/);
  });

  it("carries zh-CN texts of the everyday elements only; English and the lazy elements' texts load apart", () => {
    expect(code).toContain('为您推荐的金融服务');
    expect(code).not.toContain('Financing for you');
    // The chat's and the route quote's own texts travel with them, not in every page's finlet.js.
    expect(code).not.toContain('智能理财顾问');
    expect(code).not.toContain('跨境汇款方案');
    expect(code).not.toContain('风险承受能力评估');
    const chunk = (prefix: string) => [...chunks].find(([name]) => name.startsWith(prefix))?.[1] ?? '';
    expect(chunk('messages-en-')).toContain('Financing for you');
    expect(chunk('messages-en-')).not.toContain('为您推荐的金融服务');
    expect(chunk('finlet-advice-chat-')).toContain('智能理财顾问');
    expect(chunk('finlet-apply-')).toContain('确认申请信息');
    // <finlet-apply>'s English travels with it: an English page that never applies does not load it.
    expect(chunk('apply.messages.en-')).toContain('Check your details');
    expect(chunk('messages-en-')).not.toContain('Check your details');
    expect(chunk('advice-chat.messages.en-')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("ships Lit's html and css templates without their source indentation", () => {
    for (const text of [code, ...chunks.values()]) {
      expect(text).not.toMatch(/\n[ \t]+</);
      expect(text).not.toMatch(/\n[ \t]+[a-z-]+: [^\n;]+;/);
    }
    // One whitespace character stays where there was some: `<p>a</p>\n<p>b</p>` reads the same.
    expect(code).toMatch(/>\n</);
    // A stylesheet is minified whole (esbuild's CSS minifier).
    expect(code).toContain(':host{display:block;box-sizing:border-box}:host([hidden]){display:none}');
  });

  it('carries no zod and nothing that needs eval, so it runs under script-src self', () => {
    for (const text of [code, ...chunks.values()]) {
      expect(text).not.toMatch(/\$ZodType|ZodError/);
      expect(text).not.toMatch(/new Function\s*\(|\beval\s*\(/);
    }
  });

  it('carries ky without its upload and download progress streams (no widget asks for progress)', () => {
    for (const text of [code, ...chunks.values()]) expect(text).not.toContain('transferredBytes');
    expect(code).toContain('ky progress is not in the Finlet bundle');
  });

  // Budgets just above today's sizes: a regression guard. Goals (issue 20): finlet.js 25 KB (met:
  // <finlet-apply> loads on first use), the chat alone 15 KB, the whole kit 30 KB. ky stays (the
  // design's client is built on it) and is in the kit once; Lit, ky and the client alone are about
  // 15.5 KB, what <finlet-provider> weighs imported alone.
  // <finlet-offers>'s "I understand this exceeds my risk level" step (issue 21) is in it: 24.2 KB.
  // Terser after esbuild's minifier (issue 20): 25,047 → 24,446 B. The event-stream reader loads
  // with the first stream, which made room for the call to take the risk assessment (issue 21).
  // ky without its progress streams (issue 20): 24,209 → 23,894 B; 170 B of margin.
  // The chat's transport loading on its own (issue 20): 23,894 → 24,188 B (the page's transport
  // registration, the provider importing it when it shows agent grants).
  // Amounts, rates and counts written without Intl (issue 20: the first Intl number formatter
  // costs ~40 ms of main thread between the match's answer and the offers on screen): the currency
  // signs and the writer, 24,188 → 24,421 B.
  // The match's first attempt with plain fetch, ky built on the first call that needs it, and the
  // session's cross-tab parts opened after the first frame (issue 20: ~8 ms less main thread before
  // the first frame): 24,421 → 24,693 B; ky's stream probe left out of the bundles: 24,549 B.
  // Budget 24.25 KB, still under the 25 KB.
  it('keeps what every page loads within the 24.25 KB brotli budget, Lit included', () => {
    expect(brotli(code)).toBeLessThanOrEqual(24.25 * 1024);
  });

  // The chat renders a health check and a withheld product card (issue 21): 22.97 KB. The health
  // check's view is <finlet-health-check>, loaded when an answer carries one, not part of the chat.
  // Terser after esbuild's minifier (issue 20): 23,533 → 22,950 B. What is left is about 5.4 KB of
  // Lit, 4.6 KB of ky, 4 KB of the client, 4 KB of the shared element base and 5 KB of the chat
  // itself (`node scripts/bundle-breakdown.mjs widgets/src/advice-chat/finlet-advice-chat.ts`).
  // ky without its progress streams (issue 20): 22,591 → 22,254 B; 270 B of margin. ky is still
  // ~3.8 KB of it (measured with ky stubbed out), so the 15 KB goal needs more than trimming.
  // The chat calls the gateway only once the user asks (or a conversation is restored), so imported
  // alone it paints without the client's transport (ky and the route calls, ~6.4 KB brotli), which
  // loads alongside (issue 20): 22,254 → 16,790 B. In finlet.js the transport is there already
  // (the offers need it at once) and nothing more loads.
  // Figures written without Intl: +242 B. The answer parts with figures (offer cards, route tables,
  // an agent's application card, a health check) and the money formatting they use load beside the
  // first paint (parts/rich.ts), and the live stream of a hand-off when one starts
  // (chat-follow.ts): 17,032 → 15,265 B, the 15 KB goal.
  it("keeps <finlet-advice-chat> imported alone within 15 KB brotli (no transport, no figures, no <finlet-apply>, no other element's texts)", () => {
    // The currency signs: money is written by the parts that show it, loaded beside the first paint.
    expect(chatAlone).not.toContain('CN¥');
    for (const part of ['rich-', 'chat-follow-']) {
      const [name] = [...chatLater.keys()].filter((n) => n.startsWith(part));
      expect(name, part).toBeDefined();
      expect(chatAlone).toContain(`import("./${name}")`);
    }
    expect(chatAlone).not.toContain('为您推荐的金融服务');
    expect(chatAlone).not.toContain('"finlet-apply"');
    expect(chatAlone).not.toContain('持仓健诊');
    // ky's timeout message: the transport is not in the entry but in the chunk it loads.
    expect(chatAlone).not.toContain('Request timed out');
    const transport = [...chatLater].filter(([name]) => name.startsWith('transport-'));
    expect(transport).toHaveLength(1);
    expect(transport[0]![1]).toContain('Request timed out');
    expect(chatAlone).toContain(`import("./${transport[0]![0]}")`);
    expect(brotli(chatAlone)).toBeLessThanOrEqual(15 * 1024);
  });

  // <finlet-suitability> (issue 21) loads on first use, so no page pays for it unless it shows it; the
  // kit, which counts every element, grew by it and the override step to 41.3 KB. <finlet-health-check>
  // (issue 21, its form, report view and texts in both locales) loads on first use too; the kit grew
  // by it to 45.25 KB. Once merged with the one call core (issue 22), the chat's controller, the
  // match as a simple request (issue 20) and applications without an amount: 45.7 KB. Terser after
  // esbuild's minifier (issue 20): 46,847 → 45,820 B. The call to take the risk assessment from the
  // offers and a nudge (issue 21), and the event-stream reader in a chunk of its own: 45,952 B.
  // ky without its progress streams (issue 20): 46,067 → 45,669 B. Shared code (Lit, ky, the
  // client, the element base) is already in finlet.js once, the lazy chunks import it. The way back
  // from a nudge's questionnaire and `focusStart` as a property (issue 21): about +120 B.
  // The chat's deferred client, for when it is imported alone (issue 20): 45,669 → 46,213 B.
  // Figures without Intl, the chat's parts with figures and its hand-off stream in chunks of their
  // own (issue 20): 46,213 → 46,754 B (a chunk's imports and exports cost a few dozen bytes each).
  it('keeps the whole kit, every element and locale, within 45.75 KB brotli', () => {
    expect(brotli([code, ...chunks.values()].join(''))).toBeLessThanOrEqual(45.75 * 1024);
  });
});
