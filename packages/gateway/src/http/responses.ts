import { Problem, type RouteSpec } from '@finlet/contracts';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { GatewayEnv } from './context.js';
import { HttpProblem } from './problem.js';

/** How the gateway holds its answers to the route list's response schemas (`GatewayConfig.checkResponses`). */
export type ResponseCheck = 'log' | 'strict';

/** One answer that disagrees with its route. */
export interface ResponseMismatch {
  operationId: string;
  method: string;
  path: string;
  status: number;
  /** What disagrees, e.g. `status 202 is not declared` or `offers.0.id: expected string`. */
  issues: string[];
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * What is wrong with a response, measured against its route: a JSON body must match the schema
 * declared for its status, a problem+json body the Problem shape, and a success status must be one
 * the route declares. Empty when it agrees. Streams (Server-Sent Events) are not read.
 */
export async function responseIssues(route: RouteSpec, response: Response): Promise<string[]> {
  const type = response.headers.get('content-type') ?? '';
  const status = response.status;
  if (type.toLowerCase().startsWith('application/problem+json')) {
    if (status < 400) return [`status ${status} answered with a problem`];
    return zodIssues(Problem, await response.clone().text());
  }
  const declared = route.responses[status];
  if (!declared) return status < 400 ? [`status ${status} is not declared`] : [];
  const declaredType = declared.contentType ?? 'application/json';
  if (!JSON_TYPE.test(declaredType)) {
    return type && !type.toLowerCase().startsWith(declaredType) && response.body !== null
      ? [`content-type ${type} where ${declaredType} is declared`]
      : [];
  }
  if (!declared.schema) return [];
  if (!JSON_TYPE.test(type)) return [`content-type ${type || '(none)'} where JSON is declared`];
  return zodIssues(declared.schema, await response.clone().text());
}

function zodIssues(schema: NonNullable<RouteSpec['body']>, text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return ['the body is not JSON'];
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
  );
}

/**
 * Checks every answer of a route against the route list (tests, and dev when asked): a mismatch is
 * logged, and with `strict` the client gets a 500 naming it instead of the wrong answer.
 */
export function checkResponses(
  route: RouteSpec,
  options: { mode: ResponseCheck; log: Logger | undefined; onMismatch?: (m: ResponseMismatch) => void },
): MiddlewareHandler<GatewayEnv> {
  return async function checkResponse(c, next) {
    await next();
    const issues = await responseIssues(route, c.res);
    if (issues.length === 0) return;
    const mismatch: ResponseMismatch = {
      operationId: route.operationId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      issues,
    };
    options.log?.error({ requestId: c.get('requestId'), mismatch }, 'response does not match the route');
    options.onMismatch?.(mismatch);
    if (options.mode !== 'strict') return;
    const problem = new HttpProblem('internal_error', {
      detail: `${route.operationId} answered ${mismatch.status} against its contract: ${issues.slice(0, 3).join('; ')}`,
    });
    c.res = new Response(JSON.stringify(problem.toProblem(c.get('requestId'), c.req.path)), {
      status: problem.status,
      headers: { 'content-type': 'application/problem+json', 'x-request-id': c.get('requestId') },
    });
  };
}
