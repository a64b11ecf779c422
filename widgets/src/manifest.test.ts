import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TOKENS } from './internal/tokens.js';

const widgets = fileURLToPath(new URL('..', import.meta.url));

interface Declaration {
  tagName?: string;
  attributes?: { name: string; fieldName?: string; description?: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}
let elements: Declaration[];

beforeAll(() => {
  const path = join(widgets, 'custom-elements.json');
  // Regenerated here so the test reads the manifest of the sources under test, not of the last build.
  execFileSync('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs'], {
    cwd: widgets,
  });
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { modules: { declarations?: Declaration[] }[] };
  elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
});

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourcesUnder(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('custom-elements.json', () => {
  it('describes every element with its shared and own attributes and its events', () => {
    const byTag: Record<string, Declaration> = Object.fromEntries(elements.map((e) => [e.tagName, e]));
    expect(Object.keys(byTag).sort()).toEqual([
      'finlet-advice-chat',
      'finlet-apply',
      'finlet-health-check',
      'finlet-nudges',
      'finlet-offers',
      'finlet-provider',
      'finlet-route-quote',
      'finlet-suitability',
    ]);
    for (const tag of [
      'finlet-offers',
      'finlet-apply',
      'finlet-nudges',
      'finlet-route-quote',
      'finlet-advice-chat',
      'finlet-suitability',
      'finlet-health-check',
    ]) {
      const names = byTag[tag]!.attributes!.map((a) => a.name);
      expect(names).toEqual(expect.arrayContaining(['gateway', 'session-token', 'locale', 'mode']));
      expect(byTag[tag]!.events!.map((e) => e.name)).toEqual(
        expect.arrayContaining(['finlet-ready', 'finlet-error', 'finlet-session-expired']),
      );
      expect(byTag[tag]!.cssParts!.map((p) => p.name)).toEqual(
        expect.arrayContaining(['base', 'header', 'error']),
      );
    }
    expect(byTag['finlet-offers']!.attributes!.map((a) => a.name)).toEqual(
      expect.arrayContaining(['amount', 'currency', 'term-months']),
    );
    expect(byTag['finlet-offers']!.events!.map((e) => e.name)).toContain('finlet-offer-select');
    expect(byTag['finlet-apply']!.events!.map((e) => e.name)).toContain('finlet-application-submit');
    // Set by the elements that open the questionnaire in place, and documented for pages that do too.
    expect(byTag['finlet-suitability']!.attributes!.find((a) => a.name === 'focus-start')).toMatchObject({
      fieldName: 'focusStart',
      description: expect.stringContaining('keyboard focus'),
    });
  });

  it('documents every --finlet-* token the styles read, in the token list and on the element reading it', () => {
    const tokensIn = (files: string[]) => {
      const used = new Set<string>();
      for (const file of files) {
        for (const match of readFileSync(file, 'utf8').matchAll(/var\(\s*(--finlet-[a-z-]+)/g))
          used.add(match[1]!);
      }
      return used;
    };
    const shared = tokensIn(sourcesUnder(join(widgets, 'src', 'internal')));
    expect(shared.size).toBeGreaterThan(5);
    for (const element of elements.filter((e) => e.tagName !== 'finlet-provider')) {
      const folder = element.tagName!.replace(/^finlet-/, '');
      const used = new Set([...shared, ...tokensIn(sourcesUnder(join(widgets, 'src', folder)))]);
      expect(
        [...used].filter((token) => !(token in TOKENS)),
        element.tagName,
      ).toEqual([]);
      const documented = new Set(element.cssProperties?.map((p) => p.name));
      expect(
        [...used].filter((token) => !documented.has(token)),
        element.tagName,
      ).toEqual([]);
    }
  });
});

describe('server-side rendering safety', () => {
  it('imports every entry in Node without touching window', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const entries = await Promise.all([
      import('./index.js'),
      import('./offers/finlet-offers.js'),
      import('./apply/finlet-apply.js'),
      import('./nudges/finlet-nudges.js'),
      import('./advice-chat/finlet-advice-chat.js'),
      import('./route-quote/finlet-route-quote.js'),
      import('./suitability/finlet-suitability.js'),
      import('./health-check/finlet-health-check.js'),
      import('./provider/finlet-provider.js'),
    ]);
    expect(entries[0].FinletOffers).toBeTypeOf('function');
  });
});
