import { ROUTES, type RouteSpec } from '@finlet/contracts';
import type { Context } from 'hono';
import type { z } from 'zod';
import { parseParams, readJson } from '../http/body.js';
import type { GatewayEnv } from '../http/context.js';
import type { OperationId } from '../http/handler.js';

type RouteOf<Id extends OperationId> = Extract<(typeof ROUTES)[number], { operationId: Id }>;
type Part<R, K extends string> = R extends { [P in K]: infer S extends z.ZodType } ? z.output<S> : undefined;

export interface RouteInput<Id extends OperationId> {
  params: Part<RouteOf<Id>, 'params'>;
  query: Part<RouteOf<Id>, 'query'>;
  body: Part<RouteOf<Id>, 'body'>;
}

const byId = new Map<string, RouteSpec>((ROUTES as readonly RouteSpec[]).map((r) => [r.operationId, r]));

/**
 * Parses a request's params, query and body with the schemas of its route spec: a handler's one
 * line of parsing, until the gateway validates every route from its spec before the handler.
 */
export async function routeInput<Id extends OperationId>(
  c: Context<GatewayEnv>,
  operationId: Id,
): Promise<RouteInput<Id>> {
  const spec = byId.get(operationId);
  if (!spec) throw new Error(`no route ${operationId}`);
  return {
    params: spec.params ? parseParams(spec.params, c.req.param(), 'path') : undefined,
    query: spec.query ? parseParams(spec.query, c.req.query(), 'query') : undefined,
    body: spec.body ? await readJson(c, spec.body) : undefined,
  } as RouteInput<Id>;
}
