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
