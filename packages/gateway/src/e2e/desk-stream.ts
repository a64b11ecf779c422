import { type HandoffDeskEvent, HandoffDeskEvent as HandoffDeskEventSchema } from '@finlet/contracts';

/** An agent's desk stream read over a real socket, frames parsed as they arrive (as the console's EventSource does). */
export class DeskStreamClient {
  readonly events: HandoffDeskEvent[] = [];
  status = 0;
  #abort = new AbortController();
  #waiters: (() => void)[] = [];
  #done: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly apiKey: string,
  ) {}

  /** Opens the stream and waits for its `ready` event: from then on, every change is signalled. */
  async open(): Promise<this> {
    const response = await fetch(`${this.url}/v1/admin/handoffs/events`, {
      headers: { authorization: `Bearer ${this.apiKey}`, accept: 'text/event-stream' },
      signal: this.#abort.signal,
    });
    this.status = response.status;
    if (!response.ok || !response.body)
      throw new Error(`desk stream ${response.status}: ${await response.text()}`);
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
            const data = buffer
              .slice(0, end)
              .split('\n')
              .find((l) => l.startsWith('data: '));
            buffer = buffer.slice(end + 2);
            if (data) {
              this.events.push(HandoffDeskEventSchema.parse(JSON.parse(data.slice(6))));
              for (const wake of this.#waiters.splice(0)) wake();
            }
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // aborted
      }
    })();
    await this.waitFor((e) => e.type === 'ready');
    return this;
  }

  /** Resolves with the first event since `from` (an index into `events`) that matches. */
  async waitFor(predicate: (event: HandoffDeskEvent) => boolean, from = 0, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.slice(from).find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching desk event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    this.#abort.abort();
    await this.#done;
  }
}
