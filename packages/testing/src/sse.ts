import { createParser } from 'eventsource-parser';

export interface SseEvent<T> {
  /** The frame's `id:` as a number, when it has one. */
  id: number | undefined;
  value: T;
  /** performance.now() when it was parsed (latency measurements only; tests never assert on it). */
  at: number;
}

/**
 * A Server-Sent Events stream read over a real socket, the way a browser's EventSource reads it:
 * frames parsed as they arrive (by `eventsource-parser`), each `data:` checked by `parse`, and the
 * last event id remembered for a reconnect.
 */
export class SseReader<T> {
  readonly events: SseEvent<T>[] = [];
  lastEventId: number | undefined;
  status = 0;
  #abort = new AbortController();
  #waiters: (() => void)[] = [];
  #done: Promise<void> | undefined;

  constructor(private readonly parse: (data: unknown) => T) {}

  /** Opens the stream; throws (with the body) when the answer is not a 2xx stream. */
  async open(url: string, headers: Record<string, string>): Promise<void> {
    this.#abort = new AbortController();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: this.#abort.signal,
    });
    this.status = response.status;
    if (!response.ok || !response.body)
      throw new Error(`stream ${response.status}: ${await response.text()}`);
    const parser = createParser({
      onEvent: (message) => {
        const id = message.id === undefined ? undefined : Number(message.id);
        if (id !== undefined) this.lastEventId = id;
        this.events.push({ id, value: this.parse(JSON.parse(message.data)), at: performance.now() });
        for (const wake of this.#waiters.splice(0)) wake();
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    this.#done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          parser.feed(value);
        }
      } catch {
        // aborted
      }
    })();
  }

  /** Resolves with the first event since `from` (an index into `events`) that matches, waiting up to `timeoutMs`. */
  async waitFor(predicate: (value: T) => boolean, from = 0, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.slice(from).find((e) => predicate(e.value));
      if (found) return found.value;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events.map((e) => e.value))}`,
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

  async close(): Promise<void> {
    this.#abort.abort();
    await this.#done;
  }
}
