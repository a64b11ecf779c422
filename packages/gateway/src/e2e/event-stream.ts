import { type ConversationEvent, ConversationEvent as ConversationEventSchema } from '@finlet/contracts';
import { SseReader } from '@finlet/testing';

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
  #reader = new SseReader((data) => ConversationEventSchema.parse(data));
  #lastEventId: number | undefined;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  get events(): ReceivedEvent[] {
    return this.#reader.events.map(({ id, value, at }) => ({ id, event: value, at }));
  }

  get lastEventId(): number | undefined {
    return this.#reader.lastEventId ?? this.#lastEventId;
  }

  get status(): number {
    return this.#reader.status;
  }

  async open(lastEventId?: number): Promise<this> {
    // A reconnect reads into a new reader, after the events of the one before.
    const before = this.#reader.events;
    this.#lastEventId = this.lastEventId;
    this.#reader = new SseReader((data) => ConversationEventSchema.parse(data));
    this.#reader.events.push(...before);
    await this.#reader.open(this.url, {
      authorization: `Bearer ${this.token}`,
      ...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}),
    });
    return this;
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
    return this.#reader.waitFor(predicate, 0, timeoutMs);
  }

  /** Message events received so far, in order. */
  messages() {
    return this.events.flatMap((e) =>
      e.event.type === 'message' ? [{ id: e.id!, message: e.event.message, at: e.at }] : [],
    );
  }

  async close(): Promise<void> {
    await this.#reader.close();
  }
}
