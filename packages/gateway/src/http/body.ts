import type { IncomingMessage } from 'node:http';
import type { RouteSpec } from '@finlet/contracts';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { GatewayEnv } from './context.js';
import { header } from './headers.js';
import { HttpProblem, invalidRequest } from './problem.js';

function tooLarge(limit: number): HttpProblem {
  return new HttpProblem('payload_too_large', { detail: `Bodies are limited to ${limit} bytes.` });
}

/** Reads a Node request with plain events: an async iterator costs more than a whole small body. */
function readIncoming(incoming: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        incoming.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(
        chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8'),
      );
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
  });
}

/**
 * The request body as text, read once per request and never past the size limit. On Node it is
 * read straight from the socket's IncomingMessage: going through `c.req.text()` would build a
 * WHATWG Request and stream for every call, which costs more than the rest of a match.
 *
 * Kept rather than Hono's `bodyLimit` middleware with `c.req.json()` because it pays: in
 * `bench/body-reader.bench.js` (one server, alternating runs, 50 connections) a route reading with
 * it served 1.76× the requests per second of the Hono way for the 61-byte offers/match body and
 * 2.25× for an 8 KiB body (1,523 vs 863 and 824 vs 366 req/s on a busy two-core machine). Run the
 * bench again before replacing it.
 */
export async function bodyText(c: Context<GatewayEnv>): Promise<string> {
  const cached = c.get('bodyText');
  if (cached !== undefined) return cached;
  const limit = c.get('bodyLimit');
  const declared = Number(header(c, 'content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  let text: string;
  if (incoming && typeof incoming.on === 'function') {
    text = await readIncoming(incoming, limit);
  } else {
    const buffer = await c.req.arrayBuffer();
    if (buffer.byteLength > limit) throw tooLarge(limit);
    text = new TextDecoder().decode(buffer);
  }
  c.set('bodyText', text);
  return text;
}

/**
 * Reads a JSON body and parses it with a contract schema. Request schemas are strict, so unknown
 * fields are refused rather than silently dropped.
 */
export async function readJson<S extends z.ZodType>(c: Context<GatewayEnv>, schema: S): Promise<z.output<S>> {
  const simple = c.get('simpleRequest');
  if (simple) {
    const parsed = schema.safeParse(simple.body);
    if (!parsed.success) throw invalidRequest(parsed.error);
    return parsed.data;
  }
  const type = header(c, 'content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new HttpProblem('unsupported_media_type', {
      detail: `Send the body as application/json (got ${type ? `"${type.slice(0, 60)}"` : 'no Content-Type'}).`,
    });
  }
  const text = await bodyText(c);
  let value: unknown;
  try {
    value = text.length === 0 ? undefined : JSON.parse(text);
  } catch (error) {
    throw new HttpProblem('invalid_json', {
      detail: error instanceof SyntaxError ? error.message : 'The body is not valid JSON.',
    });
  }
  if (value === undefined) throw new HttpProblem('invalid_json', { detail: 'The body is empty.' });
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}

/** Parses path or query parameters with a schema; failures are `invalid_request` (never 500). */
export function parseParams<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'path' | 'query',
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidRequest(parsed.error, where);
  return parsed.data;
}

/**
 * Parses a request's path parameters, query and JSON body with its route's schemas, in that
 * order, before the handler runs: the one place where input is read. A route that declares a
 * larger `bodyLimitBytes` reads up to it.
 */
export async function routeInput(
  c: Context<GatewayEnv>,
  route: Pick<RouteSpec, 'params' | 'query' | 'body' | 'bodyLimitBytes'>,
): Promise<{ params: unknown; query: unknown; body: unknown }> {
  const params = route.params ? parseParams(route.params, c.req.param(), 'path') : undefined;
  const query = route.query ? parseParams(route.query, c.req.query(), 'query') : undefined;
  if (route.bodyLimitBytes !== undefined) {
    c.set('bodyLimit', Math.max(c.get('bodyLimit'), route.bodyLimitBytes));
  }
  const body = route.body ? await readJson(c, route.body) : undefined;
  return { params, query, body };
}
