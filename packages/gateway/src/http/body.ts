import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpProblem, invalidRequest } from './problem.js';

/**
 * Reads a JSON body and parses it with a contract schema. Request schemas are strict, so unknown
 * fields are refused rather than silently dropped. The size limit is enforced by `bodyLimit` before.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new HttpProblem('unsupported_media_type', {
      detail: `Send the body as application/json (got ${type ? `"${type.slice(0, 60)}"` : 'no Content-Type'}).`,
    });
  }
  const text = await c.req.text();
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
