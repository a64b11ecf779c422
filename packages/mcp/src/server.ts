import {
  AGENT_TOOL_NAMES,
  AGENT_TOOLS,
  type AgentToolName,
  knowledgeLocales,
  knowledgeText,
  type Problem,
  type PublicOffer,
  type PublishedKnowledgeDocument,
} from '@finlet/contracts';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

/** What a tool call answers: its output, or the problem that refused it. */
export type ToolCallResult = { ok: true; output: Record<string, unknown> } | { ok: false; problem: Problem };

export interface ToolCallContext {
  /** `Idempotency-Key` header of the HTTP request carrying the call, when there is one. */
  idempotencyKey?: string;
  requestId?: string;
}

/**
 * What the MCP server runs on: the gateway implements it for one agent grant, checking the grant
 * and auditing every call. The server only describes the tools and maps results onto MCP.
 */
export interface FinletMcpBackend {
  callTool(
    name: AgentToolName,
    input: Record<string, unknown>,
    context: ToolCallContext,
  ): Promise<ToolCallResult>;
  listOffers(): Promise<readonly PublicOffer[]>;
  listDocuments(): Promise<readonly PublishedKnowledgeDocument[]>;
}

/** The structured content of a refused or failed call: the problem's stable code and words. */
export const AgentToolError = z.object({
  error: z.object({
    code: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    requestId: z.string().optional(),
  }),
});
export type AgentToolError = z.infer<typeof AgentToolError>;

interface ToolDescription {
  title: string;
  description: string;
  annotations: Required<
    Pick<
      NonNullable<Tool['annotations']>,
      'readOnlyHint' | 'destructiveHint' | 'idempotentHint' | 'openWorldHint'
    >
  >;
}

/**
 * Honest hints: only `start_application` writes (a draft the user must still confirm; idempotent
 * under its key), and none destroys anything. `ask_advisor` stores the conversation for the user.
 */
export const TOOL_DESCRIPTIONS: Record<AgentToolName, ToolDescription> = {
  ask_advisor: {
    title: 'Ask the bank’s advisor',
    description:
      'Answers a question about the bank’s products, fees and terms from its published documents, with numbered citations. Never answers without a source. The conversation is kept for the user.',
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  },
  match_offers: {
    title: 'Match financing offers',
    description:
      'Ranked financing offers the user is eligible for in the grant’s scenario, each with the criteria it met (from the partner’s trusted signals, never from the agent).',
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
  explain_offer: {
    title: 'Explain one offer',
    description:
      'Why an offer is or is not available to the user: every criterion and limit with what was observed.',
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
  quote_route: {
    title: 'Quote a cross-border payment route',
    description:
      'Route options for a transfer (cheapest, fastest, recommended) with every leg’s fees, FX spread and arrival. Quotes only; moves no money.',
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  },
  list_nudges: {
    title: 'List proactive offers',
    description: 'The offers the bank raised for this user from the partner’s business signals, explained.',
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
  start_application: {
    title: 'Prepare an application for the user to confirm',
    description:
      'Drafts an application and returns a confirmation link and card that open a pre-filled <finlet-apply>. Submits NOTHING: the user reviews, consents and submits there. Pass an idempotencyKey so a retry returns the same draft.',
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
};

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // draft-07: what the SDK's client validator (Ajv) reads by default.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-7',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

/** The tool list, computed once: schemas never change while the process runs. */
let toolList: Tool[] | undefined;
export function finletTools(): Tool[] {
  toolList ??= AGENT_TOOL_NAMES.map((name) => {
    const { input, output } = AGENT_TOOLS[name];
    const described = TOOL_DESCRIPTIONS[name];
    // A refused call carries its problem code in structured content too, so the output schema
    // admits either shape (a client validates structured content even on `isError`).
    const outputSchema = { type: 'object', ...jsonSchema(z.union([output, AgentToolError]), 'output') };
    return {
      name,
      title: described.title,
      description: described.description,
      inputSchema: { ...jsonSchema(input, 'input'), type: 'object' } as Tool['inputSchema'],
      outputSchema: outputSchema as Tool['outputSchema'],
      annotations: { title: described.title, ...described.annotations },
    };
  });
  return toolList;
}

export function toolError(
  problem: Pick<Problem, 'code' | 'title' | 'status'> & {
    detail?: string | undefined;
    requestId?: string | undefined;
  },
): CallToolResult {
  const structured: AgentToolError = {
    error: {
      code: problem.code,
      title: problem.title,
      status: problem.status,
      ...(problem.detail !== undefined ? { detail: problem.detail } : {}),
      ...(problem.requestId ? { requestId: problem.requestId } : {}),
    },
  };
  return {
    isError: true,
    content: [{ type: 'text', text: `${problem.code}: ${problem.detail ?? problem.title}` }],
    structuredContent: structured,
  };
}

const OFFER_URI = /^finlet:\/\/offers\/([a-z0-9][a-z0-9-]{0,63})$/;
const DOCUMENT_URI = /^finlet:\/\/documents\/([a-z0-9][a-z0-9-]{0,63})$/;

export interface FinletMcpServerOptions {
  name?: string;
  version?: string;
  /** Reads the `Idempotency-Key` (and request id) of the HTTP request carrying a call. */
  context?: (headers: Record<string, string | string[] | undefined> | undefined) => ToolCallContext;
}

function headerValue(headers: Record<string, string | string[] | undefined> | undefined, name: string) {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * An MCP server over a backend: tools with JSON input and output schemas, and the published offers
 * and knowledge documents as resources. The low-level `Server` is used (rather than `McpServer`) so
 * that each output schema can admit the refusal shape the gateway answers with.
 */
export function createFinletMcpServer(
  backend: FinletMcpBackend,
  options: FinletMcpServerOptions = {},
): Server {
  const server = new Server(
    { name: options.name ?? 'finlet', version: options.version ?? '0.1.0' },
    {
      capabilities: { tools: { listChanged: false }, resources: { listChanged: false } },
      instructions:
        'Finlet: the bank’s advice, offers, cross-border routes and nudges for one user, under a grant the user can revoke. Nothing is ever submitted for the user: start_application returns a link the user confirms themselves.',
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: finletTools() }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const name = request.params.name as AgentToolName;
    if (!(AGENT_TOOL_NAMES as readonly string[]).includes(name)) {
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool ${request.params.name.slice(0, 60)}`);
    }
    const parsed = AGENT_TOOLS[name].input.safeParse(request.params.arguments ?? {});
    if (!parsed.success) {
      return toolError({
        code: 'invalid_request',
        title: 'The request is not valid',
        status: 400,
        detail: z.prettifyError(parsed.error),
      });
    }
    const headers = extra.requestInfo?.headers;
    const key = headerValue(headers, 'idempotency-key');
    const requestId = headerValue(headers, 'x-request-id');
    const context: ToolCallContext = {
      ...(key ? { idempotencyKey: key } : {}),
      ...(requestId ? { requestId } : {}),
      ...options.context?.(headers),
    };
    const result = await backend.callTool(name, parsed.data as Record<string, unknown>, context);
    if (!result.ok) return toolError(result.problem);
    return {
      content: [{ type: 'text', text: JSON.stringify(result.output) }],
      structuredContent: result.output,
    };
  });
  server.setRequestHandler(ListResourcesRequestSchema, async () => {
    const [offers, documents] = await Promise.all([backend.listOffers(), backend.listDocuments()]);
    return {
      resources: [
        ...offers.map((offer) => ({
          uri: `finlet://offers/${offer.id}`,
          name: `offer ${offer.id}`,
          title: offer.texts.en.name ?? offer.id,
          description: `Published offer ${offer.id}, version ${offer.version}`,
          mimeType: 'application/json',
        })),
        ...documents.map((doc) => ({
          uri: `finlet://documents/${doc.id}`,
          name: `document ${doc.id}`,
          title: knowledgeText(doc.texts, 'en').title,
          description: `Published ${doc.kind} document, version ${doc.version}`,
          mimeType: 'text/markdown',
        })),
      ],
    };
  });
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [
      { uriTemplate: 'finlet://offers/{id}', name: 'offer', mimeType: 'application/json' },
      { uriTemplate: 'finlet://documents/{id}', name: 'document', mimeType: 'text/markdown' },
    ],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    const uri = request.params.uri;
    const offerId = OFFER_URI.exec(uri)?.[1];
    if (offerId) {
      const offer = (await backend.listOffers()).find((o) => o.id === offerId);
      if (offer) {
        return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(offer) }] };
      }
    }
    const documentId = DOCUMENT_URI.exec(uri)?.[1];
    if (documentId) {
      const doc = (await backend.listDocuments()).find((d) => d.id === documentId);
      if (doc) {
        const text = knowledgeLocales(doc.texts, 'en')
          .map((locale) => knowledgeText(doc.texts, locale))
          .map((t) => `# ${t.title}\n\n${t.body}`)
          .join('\n\n');
        return { contents: [{ uri, mimeType: 'text/markdown', text }] };
      }
    }
    throw new McpError(ErrorCode.InvalidParams, `No published resource ${uri.slice(0, 120)}`);
  });
  return server;
}
