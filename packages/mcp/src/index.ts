export { handleMcpRequest } from './http.js';
export {
  AgentToolError,
  createFinletMcpServer,
  type FinletMcpBackend,
  type FinletMcpServerOptions,
  finletTools,
  TOOL_DESCRIPTIONS,
  type ToolCallContext,
  type ToolCallResult,
  toolError,
} from './server.js';
export { serveStdio } from './stdio.js';
