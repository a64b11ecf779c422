import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROUTES, VersionAction } from '@finlet/contracts';
import { describe, expect, it } from 'vitest';

// The other direction of `route-coverage.test.ts`: every route of the contracts' route list has a
// caller that goes through the one `call(operation, input)` core (`@finlet/client`, `@finlet/node`,
// the CLI, the console), or is on the allow-list below with the reason nobody calls it. A route
// added without a caller fails here until one calls it or the allow-list explains why not.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CALLERS = ['packages/client/src', 'packages/node/src', 'packages/cli/src', 'console/src'];

/** Routes no caller package calls, and why. Keep it short: a route here is a route nobody uses. */
const GAP = 'no caller yet: an admin read or action only reachable with a raw HTTP request (known gap)';
const NO_CALLER: Readonly<Record<string, string>> = {
  // Called by others than Finlet's packages.
  jwks: 'fetched by JWT libraries that verify session tokens (standard discovery document)',
  openapi: 'fetched by OpenAPI tooling (code generators, API explorers)',
  receiveFeishuEvent: 'called by Feishu’s servers (the bot’s event callback)',
  // Known gaps: each wants a method in `@finlet/node`'s admin client (and the console where it shows).
  getOfferVersion: GAP,
  getKnowledgeDocumentVersion: GAP,
  previewOfferVersion: GAP,
  listDisclosures: GAP,
  listRiskAssessments: GAP,
  getRiskAssessmentRecord: GAP,
  listBankWebhookEvents: GAP,
  rotateSigningKey: GAP,
  setPartnerRateLimits: GAP,
};

const OPERATIONS = new Set<string>(ROUTES.map((r) => r.operationId));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|\.d\.ts$/.test(entry.name) ? [path] : [];
  });
}

/**
 * The operations one source file calls: a quoted operation id (`call('listOffers', …)`), a route
 * imported from `@finlet/contracts/route-table` by its operation id (`call(matchOffers, …)`), and a
 * name the file composes from its own words (`` `${action}${this.noun}` `` over the nouns
 * the file spells out and the workflow's actions).
 */
function operationsCalled(source: string): Set<string> {
  const called = new Set<string>();
  const words = new Set<string>(VersionAction.options);
  for (const [, word] of source.matchAll(/['"]([A-Za-z]+)['"]/g)) {
    if (word === undefined) continue;
    if (OPERATIONS.has(word)) called.add(word);
    words.add(word);
  }
  for (const [, names] of source.matchAll(/import\s*{([^}]*)}\s*from\s*'@finlet\/contracts\/route-table'/g)) {
    for (const name of (names ?? '').split(',').map((n) => n.replace(/^\s*type\s+/, '').trim())) {
      if (OPERATIONS.has(name)) called.add(name);
    }
  }
  for (const [, template] of source.matchAll(/`([A-Za-z]*(?:\$\{[^}`]*\}[A-Za-z]*)+)`/g)) {
    const parts = (template ?? '').split(/\$\{[^}]*\}/);
    for (const operation of OPERATIONS) {
      if (composedOf(operation, parts, words)) called.add(operation);
    }
  }
  return called;
}

/** Whether `operation` is the fixed `parts` with one of `words` between each two. */
function composedOf(operation: string, parts: readonly string[], words: ReadonlySet<string>): boolean {
  const [first = '', ...rest] = parts;
  if (!operation.startsWith(first)) return false;
  const tail = operation.slice(first.length);
  if (rest.length === 0) return tail === '';
  for (const word of words) {
    if (word.length > 0 && tail.startsWith(word) && composedOf(tail.slice(word.length), rest, words))
      return true;
  }
  return false;
}

describe('every route of the route list', () => {
  it('has a caller in the client, the Node SDK, the CLI or the console, or says why not', () => {
    const called = new Map<string, string>();
    for (const dir of CALLERS) {
      for (const file of sources(join(ROOT, dir))) {
        for (const op of operationsCalled(readFileSync(file, 'utf8'))) called.set(op, relative(ROOT, file));
      }
    }
    const uncalled = [...OPERATIONS].filter((op) => !called.has(op) && !(op in NO_CALLER)).sort();
    expect(uncalled).toEqual([]);
    // An allow-listed route that found a caller leaves the list.
    expect(Object.keys(NO_CALLER).filter((op) => called.has(op) || !OPERATIONS.has(op))).toEqual([]);
  });

  it('finds calls by quoted id, by imported route and by composed name, and nothing else', () => {
    expect([...operationsCalled("await call('listOffers', { query })")]).toEqual(['listOffers']);
    expect([...operationsCalled("import { matchOffers } from '@finlet/contracts/route-table';")]).toEqual([
      'matchOffers',
    ]);
    const composed = [
      "const NOUNS = { rails: 'RailTable' };",
      'this.call(`$',
      '{action}$',
      '{this.noun}`, {});',
    ].join('');
    expect([...operationsCalled(composed)].sort()).toEqual(
      [
        'approveRailTable',
        'publishRailTable',
        'rejectRailTable',
        'retireRailTable',
        'submitRailTable',
      ].sort(),
    );
    expect([...operationsCalled('listOffers(); // not quoted, not a call of the core')]).toEqual([]);
  });
});
