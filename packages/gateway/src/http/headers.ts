import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * A request header by lower-case name. On Node it is read from the IncomingMessage, which already
 * holds the parsed headers; Hono's `c.req.header()` would first build a WHATWG Headers object.
 */
export function header(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming?.headers) {
    const value = incoming.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return c.req.header(name);
}
