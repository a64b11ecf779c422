import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createFinletMcpServer, type FinletMcpBackend, type FinletMcpServerOptions } from './server.js';

/**
 * Serves MCP over stdin/stdout (what `finlet mcp` runs). Stdout carries the protocol only: log to
 * stderr. Resolves once connected; `closed` settles when the client goes away.
 */
export async function serveStdio(
  backend: FinletMcpBackend,
  options: FinletMcpServerOptions & { stdin?: Readable; stdout?: Writable } = {},
): Promise<{ closed: Promise<void>; close(): Promise<void> }> {
  const server = createFinletMcpServer(backend, options);
  const transport = new StdioServerTransport(options.stdin, options.stdout);
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  await server.connect(transport);
  (options.stdin ?? process.stdin).once('end', () => {
    void server.close();
  });
  return { closed, close: () => server.close() };
}
