import type { MiddlewareHandler } from 'hono';
import type { GatewayEnv } from './context.js';

/**
 * One instance's life as a load balancer sees it: serving, then draining (readiness fails, every
 * response closes its connection so keep-alive clients move to another instance), then streams
 * ended (long-lived responses such as SSE finish with a retry hint).
 */
export class Lifecycle {
  #draining = false;
  #inFlight = 0;
  readonly #streams = new AbortController();

  /** True once shutdown began: `/readyz` fails and responses carry `Connection: close`. */
  get draining(): boolean {
    return this.#draining;
  }

  /** Requests whose handler has not yet returned a response (a streamed body is not counted). */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Aborts when long-lived responses must end; an SSE stream sends its retry hint and closes. */
  get streams(): AbortSignal {
    return this.#streams.signal;
  }

  beginDrain(): void {
    this.#draining = true;
  }

  endStreams(): void {
    this.#draining = true;
    this.#streams.abort();
  }

  /** Counts requests in flight and, while draining, asks the client to close its connection. */
  middleware(): MiddlewareHandler<GatewayEnv> {
    return async (c, next) => {
      this.#inFlight++;
      try {
        await next();
      } finally {
        this.#inFlight--;
        if (this.#draining) {
          try {
            c.res.headers.set('connection', 'close');
          } catch {
            // A response with immutable headers keeps its connection; the listener is closing anyway.
          }
        }
      }
    };
  }
}

/** How long a client waits before reconnecting to a stream this instance ended (ms). */
export const STREAM_RETRY_MS = 1000;

export interface ShutdownOptions {
  /**
   * Time between failing readiness and closing the listener, for the load balancer to notice
   * (its check interval × fall count). Default 0: HAProxy retries a refused connection elsewhere.
   */
  drainDelayMs?: number;
  /** Upper bound for the whole shutdown; connections still open then are cut. Default 25 s. */
  timeoutMs?: number;
  /** Replaces the drain delay (tests wait on an event instead of a time). */
  beforeClose?: () => Promise<void>;
}

export interface ShutdownReport {
  /** True when connections were still open at the deadline and were cut. */
  forced: boolean;
  /** Milliseconds from the start of the shutdown to its end. */
  ms: number;
}
