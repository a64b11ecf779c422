import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { createFinletMcpServer, type FinletMcpBackend, type FinletMcpServerOptions } from './server.js';

/**
 * Answers one Streamable HTTP request (a Fetch API `Request`, as Hono hands it over). Stateless:
 * every request gets its own server and transport, so any gateway instance can answer any call and
 * nothing is held between requests; JSON responses rather than SSE, since no tool streams.
 *
 * @example
 * app.all('/mcp', async (c) => handleMcpRequest(c.req.raw, await backendFor(c)));
 */
export async function handleMcpRequest(
  request: Request,
  backend: FinletMcpBackend,
  options: FinletMcpServerOptions = {},
): Promise<Response> {
  // No standalone SSE stream (GET) and no session to end (DELETE): a stateless server has nothing to
  // push, and the protocol lets it answer 405 so that clients do not hold (or keep reopening) a stream.
  if (request.method !== 'POST') {
    return new Response(
      JSON.stringify({
        jsonrpc: '2.0',
        error: { code: -32000, message: 'Method not allowed: use POST.' },
        id: null,
      }),
      { status: 405, headers: { allow: 'POST', 'content-type': 'application/json' } },
    );
  }
  const server = createFinletMcpServer(backend, options);
  // No `sessionIdGenerator`: stateless mode.
  const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    // The JSON answer is complete once handleRequest returns; nothing stays open.
    await server.close();
  }
}
