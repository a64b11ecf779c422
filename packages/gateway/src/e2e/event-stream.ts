import { type ConversationEvent, ConversationEvent as ConversationEventSchema } from '@finlet/contracts';

export interface ReceivedEvent {
  id: number | undefined;
  event: ConversationEvent;
  /** performance.now() when it was parsed (latency measurements only; tests never assert on it). */
  at: number;
}

/**
 * A user's conversation stream read over a real socket, the way a browser's EventSource reads it:
 * frames parsed as they arrive, `Last-Event-ID` remembered for a reconnect.
 */
export class EventStreamClient {
  readonly events: ReceivedEvent[] = [];
  lastEventId: number | undefined;
  #abort = new AbortController();
  #waiters: (() => void)[] = [];
  #done: Promise<void> | undefined;
  status = 0;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  async open(lastEventId?: number): Promise<this> {
    this.#abort = new AbortController();
    const response = await fetch(this.url, {
      headers: {
        authorization: `Bearer ${this.token}`,
        accept: 'text/event-stream',
        ...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}),
      },
      signal: this.#abort.signal,
    });
    this.status = response.status;
    if (!response.ok || !response.body) {
      throw new Error(`stream ${response.status}: ${await response.text()}`);
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    this.#done = (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            this.#frame(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // aborted
      }
    })();
    return this;
  }

  #frame(block: string): void {
    let id: number | undefined;
    let data: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith('id: ')) id = Number(line.slice(4));
      else if (line.startsWith('data: ')) data = line.slice(6);
    }
    if (data === undefined) return;
    const event = ConversationEventSchema.parse(JSON.parse(data));
    if (id !== undefined) this.lastEventId = id;
    this.events.push({ id, event, at: performance.now() });
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Resolves with the first received event matching, waiting up to `timeoutMs` for it. */
  async waitFor<T extends ConversationEvent>(
    predicate: (event: ConversationEvent) => event is T,
    timeoutMs?: number,
  ): Promise<T>;
  async waitFor(
    predicate: (event: ConversationEvent) => boolean,
    timeoutMs?: number,
  ): Promise<ConversationEvent>;
  async waitFor(
    predicate: (event: ConversationEvent) => boolean,
    timeoutMs = 20_000,
  ): Promise<ConversationEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find((e) => predicate(e.event));
      if (found) return found.event;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events.map((e) => e.event.type))}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Message events received so far, in order. */
  messages() {
    return this.events.flatMap((e) =>
      e.event.type === 'message' ? [{ id: e.id!, message: e.event.message, at: e.at }] : [],
    );
  }

  async close(): Promise<void> {
    this.#abort.abort();
    await this.#done;
  }
}
