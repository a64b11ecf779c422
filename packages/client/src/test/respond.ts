import type { ServerResponse } from 'node:http';

/** A scripted answer of a test server: `status` with `body` as JSON (and any extra headers). */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
