import { z } from 'zod';
import {
  createDocument,
  type oas31,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { Problem } from './problem.js';
import { ROUTES, type RouteAuth, type RouteSpec } from './routes.js';

const SECURITY: Record<RouteAuth, Array<Record<string, string[]>>> = {
  none: [],
  secretKey: [{ partnerSecretKey: [] }],
  session: [{ sessionToken: [] }],
  sessionOrSecretKey: [{ sessionToken: [] }, { partnerSecretKey: [] }],
  admin: [{ adminKey: [] }],
};

const RATE_LIMITED_HEADERS = z.object({
  'retry-after': z.string().meta({ description: 'Seconds to wait before calling again.' }),
  'ratelimit-limit': z
    .string()
    .meta({ description: 'Requests allowed in the window of the tightest budget.' }),
  'ratelimit-remaining': z.string().meta({ description: 'Requests left in that window (0 here).' }),
  'ratelimit-reset': z.string().meta({ description: 'Seconds until that window ends.' }),
});

function operation(route: RouteSpec): ZodOpenApiOperationObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status as `2${string}`] = {
      description: response.description,
      ...(response.schema
        ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } }
        : {}),
    };
  }
  // Every route but the load balancer's probes is rate-limited (see the rate-limits guide).
  if (route.operationId !== 'health' && route.operationId !== 'ready') {
    responses['429'] = {
      description:
        route.responses[429]?.description ??
        'Over a rate limit (`rate_limited`); wait `Retry-After` seconds.',
      headers: RATE_LIMITED_HEADERS,
      content: { 'application/problem+json': { schema: Problem } },
    };
  }
  responses.default = {
    description: 'Error, as RFC 9457 problem details with a stable `code`.',
    content: { 'application/problem+json': { schema: Problem } },
  };
  const header =
    route.idempotencyKey !== undefined
      ? z.object({
          'idempotency-key': (route.idempotencyKey === 'required' ? z.string() : z.string().optional()).meta({
            param: { description: 'Unique per logical request; a repeat replays the first response.' },
          }),
        })
      : undefined;
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [...route.tags],
    security: SECURITY[route.auth],
    ...(route.params || route.query || header
      ? {
          requestParams: {
            ...(route.params ? { path: route.params } : {}),
            ...(route.query ? { query: route.query } : {}),
            ...(header ? { header } : {}),
          },
        }
      : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } }
      : {}),
    responses,
  };
}

/** Generates the gateway's OpenAPI 3.1 document from the route list and the zod schemas. */
export function createOpenApiDocument(options: { version: string; serverUrl?: string }): oas31.OpenAPIObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of ROUTES as readonly RouteSpec[]) {
    paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Finlet gateway API',
      version: options.version,
      description:
        'Embedded open-finance API. Money is `{ value, currency }` with `value` an integer in ISO 4217 minor units. Errors are RFC 9457 problem details with a stable `code`.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    components: {
      securitySchemes: {
        partnerSecretKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'Partner secret key (server side only).',
        },
        sessionToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Embed-session token.',
        },
        adminKey: { type: 'http', scheme: 'bearer', description: 'Bank admin API key.' },
      },
    },
    paths,
  });
}
