import { type HandoffDeskEvent, HandoffDeskEvent as HandoffDeskEventSchema } from '@finlet/contracts';
import { SseReader } from '@finlet/testing';

/** An agent's desk stream read over a real socket, frames parsed as they arrive (as the console's EventSource does). */
export class DeskStreamClient {
  readonly #reader = new SseReader((data) => HandoffDeskEventSchema.parse(data));

  constructor(
    private readonly url: string,
    private readonly apiKey: string,
  ) {}

  get events(): HandoffDeskEvent[] {
    return this.#reader.events.map((e) => e.value);
  }

  get status(): number {
    return this.#reader.status;
  }

  /** Opens the stream and waits for its `ready` event: from then on, every change is signalled. */
  async open(): Promise<this> {
    await this.#reader.open(`${this.url}/v1/admin/handoffs/events`, {
      authorization: `Bearer ${this.apiKey}`,
    });
    await this.waitFor((e) => e.type === 'ready');
    return this;
  }

  /** Resolves with the first event since `from` (an index into `events`) that matches. */
  async waitFor(predicate: (event: HandoffDeskEvent) => boolean, from = 0, timeoutMs = 20_000) {
    return this.#reader.waitFor(predicate, from, timeoutMs);
  }

  async close(): Promise<void> {
    await this.#reader.close();
  }
}
