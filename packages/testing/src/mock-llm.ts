import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * One step of a scripted streamed completion: a piece of text (one `delta.content` chunk), a tool
 * call, a pause until the test lets it go on, or a cut connection (no finish reason, no `[DONE]`).
 */
export type MockLlmStep =
  | string
  | { toolCall: { name: string; args: Record<string, unknown> } }
  | { wait: Promise<unknown> }
  | { cut: true };

/** What the mock model answers to one chat-completions request. */
export type MockLlmScript = readonly MockLlmStep[] | { status: number; body: string };

export interface MockLlm {
  /** `http://127.0.0.1:<port>/v1`, for `chat.llm.baseURL`. */
  baseURL: string;
  /** Queues the answers to the next requests, in order. */
  answer(...scripts: MockLlmScript[]): void;
  /** The request bodies received, oldest first. */
  requests: Record<string, unknown>[];
  close(): Promise<void>;
}

export interface MockLlmOptions {
  /** Answer when nothing is queued (default: HTTP 500). */
  otherwise?: MockLlmScript;
  /** Milliseconds between two streamed chunks, as a model emits tokens at a fixed pace (benchmarks). */
  paceMs?: number;
}

/**
 * A local OpenAI-compatible chat-completions server speaking the real streaming protocol over a
 * real socket: `text/event-stream`, one `data: {chat.completion.chunk}` line per delta, a chunk
 * with the finish reason, then `data: [DONE]`. The model we do not own, played by a script.
 */
export async function startMockLlm(options: MockLlmOptions = {}): Promise<MockLlm> {
  const queue: MockLlmScript[] = [];
  const requests: Record<string, unknown>[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => {
      data += c.toString();
    });
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(data || '{}') as Record<string, unknown>;
      } catch {
        // Recorded as empty: the test sees what the gateway sent by its absence.
      }
      requests.push(body);
      const script = queue.shift() ?? options.otherwise;
      if (!script) {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"no script"}}');
        return;
      }
      void play(script, res, options.paceMs ?? 0);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    answer: (...scripts) => void queue.push(...scripts),
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function play(script: MockLlmScript, res: ServerResponse, paceMs: number): Promise<void> {
  if (!Array.isArray(script)) {
    const { status, body } = script as { status: number; body: string };
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    res.write(
      `data: ${JSON.stringify({
        id: 'chatcmpl-mock',
        object: 'chat.completion.chunk',
        created: 1_760_000_000,
        model: 'mock',
        choices: [{ index: 0, delta, finish_reason: finish }],
      })}\n\n`,
    );
  chunk({ role: 'assistant', content: '' });
  let tools = 0;
  for (const step of script as readonly MockLlmStep[]) {
    if (paceMs > 0) await new Promise((resolve) => setTimeout(resolve, paceMs));
    if (typeof step === 'string') chunk({ content: step });
    else if ('wait' in step) await step.wait;
    else if ('cut' in step) {
      // What was written goes out first; then the connection closes without ending the response.
      res.socket?.end();
      return;
    } else {
      const index = tools++;
      const args = JSON.stringify(step.toolCall.args);
      // Arguments arrive in fragments, as real servers send them.
      chunk({
        tool_calls: [
          {
            index,
            id: `call_${index}`,
            type: 'function',
            function: { name: step.toolCall.name, arguments: '' },
          },
        ],
      });
      chunk({ tool_calls: [{ index, function: { arguments: args.slice(0, 8) } }] });
      chunk({ tool_calls: [{ index, function: { arguments: args.slice(8) } }] });
    }
  }
  chunk({}, tools > 0 ? 'tool_calls' : 'stop');
  res.end('data: [DONE]\n\n');
}
