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

// With the `u` flag a surrogate pair reads as one code point, so `\p{Cs}` matches only a lone half.
const UNSTORABLE = /[\0\p{Cs}]/u;

/**
 * Where `value` holds text no database can keep: a NUL character (PostgreSQL refuses it in `text`
 * and `jsonb`, and the driver's error was a 500) or an unpaired surrogate (not Unicode: stored
 * altered). Keys count too. Walked with a stack, not recursion: a body may nest thousands deep.
 * Returns the path of the first such string.
 */
function unstorableText(value: unknown): string[] | undefined {
  // Paths as parent links, turned into arrays only for the string found: copying one per level
  // would cost the square of the depth.
  type Link = { key: string; parent: Link } | null;
  const pathOf = (link: Link): string[] => {
    const path: string[] = [];
    for (let at = link; at; at = at.parent) path.unshift(at.key);
    return path;
  };
  const pending: Array<[unknown, Link]> = [[value, null]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, link] = next;
    if (typeof item === 'string') {
      if (UNSTORABLE.test(item)) return pathOf(link);
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) pending.push([item[i], { key: String(i), parent: link }]);
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item).reverse()) {
        if (UNSTORABLE.test(key)) return pathOf({ key, parent: link });
        pending.push([child, { key, parent: link }]);
      }
    }
  }
  return undefined;
}

/**
 * Whether JSON `text` may parse to a string `unstorableText` finds. JSON refuses a raw NUL in a
 * string, and UTF-8 decoding never yields a lone surrogate, so such a character comes from a `\u`
 * escape (or, in text not decoded from UTF-8, is there as it is). Text without either, nearly every
 * body, needs no walk.
 */
export function mayHoldUnstorable(text: string): boolean {
  return text.includes('\\u') || RAW_UNSTORABLE.test(text);
}
// Without the `u` flag: any surrogate half, paired or not; the walk then tells them apart.
const RAW_UNSTORABLE = /[\0\uD800-\uDFFF]/;

/** Refuses input with text `unstorableText` finds, as any other invalid field: 400 `invalid_request`. */
function refuseUnstorableText(value: unknown, prefix?: 'path' | 'query'): void {
  const found = unstorableText(value);
  if (!found) return;
  const path = [prefix, ...found].filter(Boolean).join('.') || '(root)';
  const message = 'must not contain NUL characters or unpaired surrogates';
  throw new HttpProblem('invalid_request', {
    detail: `${path}: ${message}`,
    errors: [{ path, message, code: 'invalid_text' }],
  });
}

/**
 * Validated bodies of the reads a page makes on its critical path (`simpleRequest` routes, which
 * change nothing), by schema and exact body text: a widget asking the same question again (every
 * page view of a session) is parsed and validated once. Values are deep-frozen, so no handler can
 * alter what the next request gets; texts longer than `maxText` are not kept.
 */
class ValidatedBodies {
  readonly #bySchema = new WeakMap<z.ZodType, Map<string, unknown>>();
  constructor(
    private readonly maxEntries = 512,
    private readonly maxText = 2048,
  ) {}

  get(schema: z.ZodType, text: string): unknown {
    return this.#bySchema.get(schema)?.get(text);
  }

  set(schema: z.ZodType, text: string, value: unknown): void {
    if (text.length > this.maxText) return;
    let entries = this.#bySchema.get(schema);
    if (!entries) {
      entries = new Map();
      this.#bySchema.set(schema, entries);
    }
    if (entries.size >= this.maxEntries) entries.clear();
    entries.set(text, deepFreeze(value));
  }
}
const validatedBodies = new ValidatedBodies();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Reads a JSON body and parses it with a contract schema. Request schemas are strict, so unknown
 * fields are refused rather than silently dropped. `memo`: the route changes nothing, so its
 * validated body may be kept by text and shared, frozen (`ValidatedBodies`).
 */
export async function readJson<S extends z.ZodType>(
  c: Context<GatewayEnv>,
  schema: S,
  memo = false,
): Promise<z.output<S>> {
  const simple = c.get('simpleRequest');
  if (simple) {
    // The envelope's text holds the body's.
    const text = c.get('bodyText');
    if (memo && text !== undefined) {
      const known = validatedBodies.get(schema, text);
      if (known !== undefined) return known as z.output<S>;
    }
    if (text === undefined || mayHoldUnstorable(text)) refuseUnstorableText(simple.body);
    const parsed = schema.safeParse(simple.body);
    if (!parsed.success) throw invalidRequest(parsed.error);
    if (memo && text !== undefined) validatedBodies.set(schema, text, parsed.data);
    return parsed.data;
  }
  const type = header(c, 'content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new HttpProblem('unsupported_media_type', {
      detail: `Send the body as application/json (got ${type ? `"${type.slice(0, 60)}"` : 'no Content-Type'}).`,
    });
  }
  const text = await bodyText(c);
  if (memo) {
    const known = validatedBodies.get(schema, text);
    if (known !== undefined) return known as z.output<S>;
  }
  let value: unknown;
  try {
    value = text.length === 0 ? undefined : JSON.parse(text);
  } catch (error) {
    throw new HttpProblem('invalid_json', {
      detail: error instanceof SyntaxError ? error.message : 'The body is not valid JSON.',
    });
  }
  if (value === undefined) throw new HttpProblem('invalid_json', { detail: 'The body is empty.' });
  if (mayHoldUnstorable(text)) refuseUnstorableText(value);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidRequest(parsed.error);
  if (memo) validatedBodies.set(schema, text, parsed.data);
  return parsed.data;
}

/** Parses path or query parameters with a schema; failures are `invalid_request` (never 500). */
export function parseParams<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'path' | 'query',
): z.output<S> {
  refuseUnstorableText(value, where);
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
  route: Pick<RouteSpec, 'params' | 'query' | 'body' | 'bodyLimitBytes' | 'simpleRequest'>,
): Promise<{ params: unknown; query: unknown; body: unknown }> {
  const params = route.params ? parseParams(route.params, c.req.param(), 'path') : undefined;
  const query = route.query ? parseParams(route.query, c.req.query(), 'query') : undefined;
  if (route.bodyLimitBytes !== undefined) {
    c.set('bodyLimit', Math.max(c.get('bodyLimit'), route.bodyLimitBytes));
  }
  const body = route.body ? await readJson(c, route.body, route.simpleRequest === true) : undefined;
  return { params, query, body };
}
