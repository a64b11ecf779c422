import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** A tool as the agent console lists it. */
export interface ListedTool {
  name: string;
  title: string;
  description: string;
  readOnly: boolean;
}

/** What a call answered: the structured output, or the problem code the gateway refused it with. */
export type CallOutcome =
  | { ok: true; output: Record<string, unknown> }
  | { ok: false; code: string; detail: string; status: number | null };

/**
 * The association's AI agent, on the demo site's server: the official MCP SDK client over Streamable
 * HTTP to the gateway's `/mcp`, with the grant's token as its bearer. A fresh connection per action
 * (the gateway's MCP endpoint is stateless), closed afterwards.
 */
export class McpAgent {
  constructor(private readonly gatewayUrl: string) {}

  private async connect(token: string | undefined): Promise<Client> {
    const client = new Client({ name: 'finlet-demo-association-agent', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL('/mcp', this.gatewayUrl), {
      requestInit: { headers: token ? { authorization: `Bearer ${token}` } : {} },
    });
    await client.connect(transport);
    return client;
  }

  async listTools(token: string | undefined): Promise<ListedTool[] | CallOutcome> {
    let client: Client | undefined;
    try {
      client = await this.connect(token);
      const { tools } = await client.listTools();
      return tools.map((tool) => ({
        name: tool.name,
        title: tool.title ?? tool.annotations?.title ?? tool.name,
        description: tool.description ?? '',
        readOnly: tool.annotations?.readOnlyHint === true,
      }));
    } catch (error) {
      return transportRefusal(error);
    } finally {
      await client?.close().catch(() => {});
    }
  }

  async call(token: string | undefined, name: string, args: Record<string, unknown>): Promise<CallOutcome> {
    let client: Client | undefined;
    try {
      client = await this.connect(token);
      const result = await client.callTool({ name, arguments: args });
      const structured = (result.structuredContent ?? {}) as Record<string, unknown>;
      if (result.isError) {
        const error = (structured.error ?? {}) as {
          code?: string;
          detail?: string;
          title?: string;
          status?: number;
        };
        return {
          ok: false,
          code: error.code ?? 'tool_error',
          detail: error.detail ?? error.title ?? '',
          status: error.status ?? null,
        };
      }
      return { ok: true, output: structured };
    } catch (error) {
      return transportRefusal(error);
    } finally {
      await client?.close().catch(() => {});
    }
  }
}

/**
 * Without a grant (or with a revoked or expired one) the gateway refuses the connection itself with
 * a problem+json; the SDK reports it as an error whose message carries the HTTP status and body.
 */
function transportRefusal(error: unknown): CallOutcome {
  const message = error instanceof Error ? error.message : String(error);
  const code = /"code"\s*:\s*"([a-z_]+)"/.exec(message)?.[1] ?? 'agent_unreachable';
  const status = Number(/\b(4\d\d|5\d\d)\b/.exec(message)?.[1] ?? Number.NaN);
  return { ok: false, code, detail: message.slice(0, 300), status: Number.isFinite(status) ? status : null };
}
