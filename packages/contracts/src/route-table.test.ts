import { describe, expect, expectTypeOf, it } from 'vitest';
import type { RouteLine } from './route-table.js';
import * as table from './route-table.js';
import { type OperationId, ROUTES, type RouteOf } from './routes.js';

/** What the table must hold for an operation: its route's method, path and idempotency key, as literals. */
type LineOf<Op extends OperationId> = {
  readonly method: RouteOf<Op>['method'];
  readonly path: RouteOf<Op>['path'];
} & (RouteOf<Op> extends { readonly idempotencyKey: infer K } ? { readonly idempotencyKey: K } : unknown) &
  (RouteOf<Op> extends { readonly simpleRequest: true } ? { readonly simpleRequest: true } : unknown);

/** The source of route-table.ts, written from the route list. */
function tableSource(): string {
  const lines = [
    '// Generated from ROUTES (routes.ts) by route-table.test.ts: do not edit. After changing the route',
    '// list, run `CI=true npx vitest run packages/contracts/src/route-table.test.ts -u`.',
    '//',
    '// Each route as plain data, one export per operation id and no zod, so a browser bundle carries',
    '// only the routes it calls.',
    '',
    '/** How to reach one operation: its method, its `/v1` path with `{param}`s, and its idempotency key. */',
    'export interface RouteLine {',
    "  readonly method: 'get' | 'post' | 'put' | 'delete';",
    '  readonly path: string;',
    "  readonly idempotencyKey?: 'required' | 'optional';",
    '  /** Also accepted as a CORS simple request (the token in a `text/plain` body): no preflight. */',
    '  readonly simpleRequest?: true;',
    '}',
  ];
  for (const route of ROUTES) {
    lines.push('', `export const ${route.operationId} = {`);
    lines.push(`  method: '${route.method}',`, `  path: '${route.path}',`);
    if ('idempotencyKey' in route) lines.push(`  idempotencyKey: '${route.idempotencyKey}',`);
    if ('simpleRequest' in route) lines.push('  simpleRequest: true,');
    lines.push('} as const;');
  }
  return `${lines.join('\n')}\n`;
}

describe('the route table', () => {
  it('is written from the route list (regenerate it with -u)', async () => {
    await expect(tableSource()).toMatchFileSnapshot('./route-table.ts');
  });

  it('holds every operation of the route list, each with its method, path, idempotency key and simple-request mark', () => {
    const lines: Record<string, RouteLine> = table;
    expect(Object.keys(lines).sort()).toEqual(ROUTES.map((r) => r.operationId).sort());
    for (const route of ROUTES) {
      expect(lines[route.operationId]).toEqual({
        method: route.method,
        path: route.path,
        ...('idempotencyKey' in route ? { idempotencyKey: route.idempotencyKey } : {}),
        ...('simpleRequest' in route ? { simpleRequest: true } : {}),
      });
    }
    expectTypeOf<keyof typeof table>().toEqualTypeOf<OperationId>();
    const typed: { [Op in OperationId]: LineOf<Op> } = table;
    expect(typed).toBe(table);
  });
});
