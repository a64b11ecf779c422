import { createHash } from 'node:crypto';
import pg from 'pg';

/** Receives one payload published on a channel, on this or another instance. */
export type BusListener = (payload: string) => void;

/**
 * Messages between gateway instances: live chat events today, cache invalidation later. Delivery
 * is at most once and best effort (a notification sent while an instance reconnects is lost), so
 * a subscriber keeps its truth in the database and treats a message as "look again"; `onResync`
 * tells it when it may have missed some.
 */
export interface EventBus {
  /** Sends `payload` (at most ~7 KB) to every subscriber of `channel` on every instance, this one included. */
  publish(channel: string, payload: string): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(channel: string, listener: BusListener): () => void;
  /** Called after a reconnect: messages may have been missed meanwhile. */
  onResync(listener: () => void): () => void;
  /**
   * True while messages published by other processes reach this one (PostgreSQL, listening
   * connection up). Caches trust their copies longer only while it holds.
   */
  readonly live: boolean;
  close(): Promise<void>;
}

/** The largest payload PostgreSQL's NOTIFY carries, less the envelope. */
export const MAX_BUS_PAYLOAD_BYTES = 7_000;

class Subscribers {
  readonly #byChannel = new Map<string, Set<BusListener>>();
  readonly #resync = new Set<() => void>();

  add(channel: string, listener: BusListener): () => void {
    let set = this.#byChannel.get(channel);
    if (!set) {
      set = new Set();
      this.#byChannel.set(channel, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#byChannel.get(channel) === set) this.#byChannel.delete(channel);
    };
  }

  addResync(listener: () => void): () => void {
    this.#resync.add(listener);
    return () => this.#resync.delete(listener);
  }

  deliver(channel: string, payload: string): void {
    for (const listener of [...(this.#byChannel.get(channel) ?? [])]) {
      try {
        listener(payload);
      } catch {
        // One subscriber's failure must not keep the message from the others.
      }
    }
  }

  resync(): void {
    for (const listener of [...this.#resync]) {
      try {
        listener();
      } catch {}
    }
  }

  clear(): void {
    this.#byChannel.clear();
    this.#resync.clear();
  }
}

function checkPayload(payload: string): void {
  if (Buffer.byteLength(payload) > MAX_BUS_PAYLOAD_BYTES) {
    throw new RangeError(`bus payloads are limited to ${MAX_BUS_PAYLOAD_BYTES} bytes; send an id instead`);
  }
}

/** One process (SQLite: a single gateway instance): delivery on the next microtask. */
export class InProcessBus implements EventBus {
  readonly #subscribers = new Subscribers();
  #closed = false;
  /** Never: another process on the same SQLite file (the CLI) cannot reach this one. */
  readonly live = false;

  async publish(channel: string, payload: string): Promise<void> {
    checkPayload(payload);
    if (this.#closed) return;
    queueMicrotask(() => this.#subscribers.deliver(channel, payload));
  }

  subscribe(channel: string, listener: BusListener): () => void {
    return this.#subscribers.add(channel, listener);
  }

  onResync(listener: () => void): () => void {
    return this.#subscribers.addResync(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#subscribers.clear();
  }
}

export interface PostgresBusOptions {
  /** The store's pool: publishing borrows a connection from it; listening gets its own, with the same settings. */
  pool: pg.Pool;
  /** Separates deployments (and test schemas) sharing one PostgreSQL database; default: the current schema. */
  namespace?: string;
  /** Reconnect backoff bounds, in ms (default 100 → 5000). */
  reconnectMs?: { min: number; max: number };
  /** Makes the listening connection (tests replace it to cut it). */
  connect?: () => Promise<pg.Client>;
  onError?: (error: unknown) => void;
}

/**
 * Across instances with PostgreSQL `LISTEN/NOTIFY`: one dedicated connection listens on one
 * PostgreSQL channel per namespace; logical channels travel inside the payload. On a lost
 * connection it reconnects with backoff, listens again, and calls the resync listeners.
 */
export class PostgresBus implements EventBus {
  readonly #subscribers = new Subscribers();
  readonly #options: PostgresBusOptions;
  #pgChannel = '';
  #client: pg.Client | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;
  #backoff: number;
  #connecting: Promise<void> | undefined;

  private constructor(options: PostgresBusOptions) {
    this.#options = options;
    this.#backoff = options.reconnectMs?.min ?? 100;
  }

  /** Connects and listens before it returns, so nothing published after start is missed. */
  static async start(options: PostgresBusOptions): Promise<PostgresBus> {
    const bus = new PostgresBus(options);
    let namespace = options.namespace;
    if (namespace === undefined) {
      const { rows } = await options.pool.query<{ schema: string }>('SELECT current_schema() AS schema');
      namespace = rows[0]?.schema ?? 'public';
    }
    bus.#pgChannel = pgBusChannel(namespace);
    await bus.#connect();
    return bus;
  }

  get channel(): string {
    return this.#pgChannel;
  }

  async #newClient(): Promise<pg.Client> {
    if (this.#options.connect) return this.#options.connect();
    // Keep-alive probes notice a silently dead connection, which would otherwise look live.
    const client = new pg.Client({
      ...this.#options.pool.options,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    await client.connect();
    return client;
  }

  async #connect(): Promise<void> {
    const client = await this.#newClient();
    const lost = (error?: unknown) => {
      if (this.#client !== client) return;
      this.#client = undefined;
      if (error) this.#options.onError?.(error);
      client.removeAllListeners('notification');
      client.end().catch(() => {});
      this.#scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel !== this.#pgChannel || !message.payload) return;
      let envelope: unknown;
      try {
        envelope = JSON.parse(message.payload);
      } catch {
        return;
      }
      if (Array.isArray(envelope) && typeof envelope[0] === 'string' && typeof envelope[1] === 'string') {
        this.#subscribers.deliver(envelope[0], envelope[1]);
      }
    });
    await client.query(`LISTEN "${this.#pgChannel}"`);
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#client = client;
    this.#backoff = this.#options.reconnectMs?.min ?? 100;
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#retry || this.#connecting) return;
    const delay = this.#backoff;
    this.#backoff = Math.min(this.#backoff * 2, this.#options.reconnectMs?.max ?? 5_000);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#connecting = this.#connect()
        .then(() => {
          if (!this.#closed) this.#subscribers.resync();
        })
        .catch((error: unknown) => {
          this.#options.onError?.(error);
          this.#connecting = undefined;
          this.#scheduleReconnect();
        })
        .finally(() => {
          this.#connecting = undefined;
        });
    }, delay);
    this.#retry.unref?.();
  }

  /** True while the listening connection is up. */
  get connected(): boolean {
    return this.#client !== undefined;
  }

  get live(): boolean {
    return this.connected;
  }

  /** Ends the listening connection as a network failure would (tests of the reconnect). */
  async dropConnectionForTest(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    client.emit('error', new Error('connection dropped for a test'));
  }

  async publish(channel: string, payload: string): Promise<void> {
    checkPayload(payload);
    if (this.#closed) return;
    await notifyOn(this.#options.pool, this.#pgChannel, channel, payload);
  }

  subscribe(channel: string, listener: BusListener): () => void {
    return this.#subscribers.add(channel, listener);
  }

  onResync(listener: () => void): () => void {
    return this.#subscribers.addResync(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#subscribers.clear();
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }
}

/** The PostgreSQL channel a namespace's bus listens on. */
export function pgBusChannel(namespace: string): string {
  return `finlet_bus_${createHash('sha256').update(namespace).digest('hex').slice(0, 16)}`;
}

async function notifyOn(pool: pg.Pool, pgChannel: string, channel: string, payload: string): Promise<void> {
  await pool.query('SELECT pg_notify($1, $2)', [pgChannel, JSON.stringify([channel, payload])]);
}

/**
 * Publishes one message on the bus of a PostgreSQL database's current schema without listening
 * (the CLI, which changes the database directly, tells running instances). No-op on SQLite.
 */
export async function publishToInstances(
  store: { pool: pg.Pool | undefined },
  channel: string,
  payload: string,
): Promise<void> {
  checkPayload(payload);
  if (!store.pool) return;
  const { rows } = await store.pool.query<{ schema: string }>('SELECT current_schema() AS schema');
  await notifyOn(store.pool, pgBusChannel(rows[0]?.schema ?? 'public'), channel, payload);
}

/** The bus for a store: LISTEN/NOTIFY on PostgreSQL, in-process on SQLite (one instance per file). */
export async function busFor(
  store: { pool: pg.Pool | undefined },
  options: Omit<PostgresBusOptions, 'pool'> = {},
): Promise<EventBus> {
  return store.pool ? PostgresBus.start({ ...options, pool: store.pool }) : new InProcessBus();
}
