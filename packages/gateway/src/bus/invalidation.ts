import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { type EventBus, publishToInstances } from './bus.js';

/** What a change makes stale: each cache listens to its own topic. */
export const CACHE_TOPICS = [
  'credentials',
  'offers',
  'knowledge',
  'rails',
  'signingKeys',
  'assessments',
] as const;
export type CacheTopic = (typeof CACHE_TOPICS)[number];

/** The bus channel carrying invalidations. */
export const INVALIDATION_CHANNEL = 'caches.invalidate';

/**
 * How long an instance answers from its copies while its bus is live (default): changes reach it
 * over the bus, so the lifetime is only a safety net for a message lost without a reconnect.
 */
export const LIVE_CACHE_TTL_MS = 30_000;
/** Bounds of `cacheTtlMs`. */
export const LIVE_CACHE_TTL_BOUNDS_MS = { min: 1_000, max: 300_000 } as const;
/**
 * How long an instance answers from its copies when no bus reaches it from other processes
 * (SQLite, or PostgreSQL while the listening connection is down): the old polling bound.
 */
export const FALLBACK_CACHE_TTL_MS = 1_000;

/**
 * How often an instance without a live bus looks whether another process changed its SQLite file
 * (`Store.changeStamp`): the longest another process's change stays unseen.
 */
export const CHANGE_STAMP_EVERY_MS = 100;

/** How long a change waits for its own notification to come back through PostgreSQL. */
const ECHO_TIMEOUT_MS = 2_000;

interface Message {
  topics: CacheTopic[];
  nonce?: string;
}

function parse(payload: string): Message | undefined {
  try {
    const value = JSON.parse(payload) as { topics?: unknown; nonce?: unknown };
    if (!Array.isArray(value.topics)) return undefined;
    const topics = value.topics.filter((t): t is CacheTopic => CACHE_TOPICS.includes(t as CacheTopic));
    return { topics, ...(typeof value.nonce === 'string' ? { nonce: value.nonce } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * Cache invalidation across gateway instances. A change drops this instance's copies at once,
 * then tells every instance over the bus and waits (bounded) until its own message has come back
 * through PostgreSQL: by then every listening instance has been sent it, so a revocation is
 * refused everywhere about as soon as the call that made it returns. After a bus reconnect (when
 * messages may have been lost) every topic is dropped.
 */
export class CacheInvalidation {
  readonly #bus: EventBus;
  readonly #listeners = new Map<CacheTopic, Set<() => void>>();
  readonly #echoes = new Map<string, () => void>();
  readonly #liveTtlMs: number;
  readonly #off: (() => void)[];
  readonly #onError: ((error: unknown) => void) | undefined;
  readonly #watch: NodeJS.Timeout | undefined;

  constructor(
    bus: EventBus,
    options: {
      liveTtlMs?: number;
      onError?: (error: unknown) => void;
      /**
       * SQLite: `Store.changeStamp`. Every topic is dropped when it moves (another process wrote
       * to the file), so copies may live as long as with a live bus: this process's own changes
       * drop them through `changed`, other processes' within `stampEveryMs`.
       */
      changeStamp?: () => number;
      stampEveryMs?: number;
    } = {},
  ) {
    this.#bus = bus;
    this.#onError = options.onError;
    this.#liveTtlMs = options.liveTtlMs ?? LIVE_CACHE_TTL_MS;
    const stamp = options.changeStamp;
    if (stamp) {
      let last = stamp();
      this.#watch = setInterval(() => {
        try {
          const now = stamp();
          if (now === last) return;
          last = now;
        } catch (error) {
          // Unreadable: assume the worst, and keep looking.
          this.#failed(error);
        }
        this.#drop(CACHE_TOPICS);
      }, options.stampEveryMs ?? CHANGE_STAMP_EVERY_MS);
      this.#watch.unref?.();
    }
    this.#off = [
      bus.subscribe(INVALIDATION_CHANNEL, (payload) => {
        const message = parse(payload);
        if (!message) return;
        this.#drop(message.topics);
        if (message.nonce) this.#echoes.get(message.nonce)?.();
      }),
      bus.onResync(() => this.#drop(CACHE_TOPICS)),
    ];
  }

  /** Calls `listener` whenever `topic` is invalidated, here or from another instance. Returns the unsubscribe. */
  on(topic: CacheTopic, listener: () => void): () => void {
    let set = this.#listeners.get(topic);
    if (!set) {
      set = new Set();
      this.#listeners.set(topic, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * How long a copy loaded now may be served: long while every change reaches this instance (a live
   * bus, or a watched SQLite file), else `fallbackMs` (at most `FALLBACK_CACHE_TTL_MS`).
   */
  ttlMs(fallbackMs = FALLBACK_CACHE_TTL_MS): number {
    return this.#bus.live || this.#watch ? Math.max(this.#liveTtlMs, fallbackMs) : fallbackMs;
  }

  get liveTtlMs(): number {
    return this.#liveTtlMs;
  }

  /**
   * Something under `topics` changed (after its commit): every instance drops its copies. It never
   * fails the change: when the message cannot be sent, other instances fall back on the lifetime.
   */
  async changed(...topics: CacheTopic[]): Promise<void> {
    this.#drop(topics);
    if (!this.#bus.live) {
      // Nobody else listens (SQLite), or this instance cannot hear itself: send, don't wait.
      await this.#bus.publish(INVALIDATION_CHANNEL, JSON.stringify({ topics })).catch(this.#failed);
      return;
    }
    const nonce = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const echoed = new Promise<void>((resolve) => {
      this.#echoes.set(nonce, resolve);
      timer = setTimeout(resolve, ECHO_TIMEOUT_MS);
      timer.unref?.();
    });
    try {
      await this.#bus.publish(INVALIDATION_CHANNEL, JSON.stringify({ topics, nonce }));
      await echoed;
    } catch (error) {
      this.#failed(error);
    } finally {
      clearTimeout(timer);
      this.#echoes.delete(nonce);
    }
  }

  close(): void {
    clearInterval(this.#watch);
    for (const off of this.#off) off();
    this.#listeners.clear();
    for (const resolve of this.#echoes.values()) resolve();
  }

  readonly #failed = (error: unknown): void => {
    this.#onError?.(error);
  };

  #drop(topics: readonly CacheTopic[]): void {
    for (const topic of new Set(topics)) {
      for (const listener of [...(this.#listeners.get(topic) ?? [])]) {
        try {
          listener();
        } catch {
          // One cache's failure must not keep the others stale.
        }
      }
    }
  }
}

/**
 * Tells running instances that something under `topics` changed, from a process that changed the
 * database directly (the CLI). No-op on SQLite, where instances see the file change within
 * `CHANGE_STAMP_EVERY_MS` (`Store.changeStamp`).
 */
export async function announceCacheChange(
  store: { pool: pg.Pool | undefined },
  ...topics: CacheTopic[]
): Promise<void> {
  await publishToInstances(store, INVALIDATION_CHANNEL, JSON.stringify({ topics }));
}
