import { WEBHOOK_EVENT_RETENTION_DAYS } from '@finlet/contracts';
import type { Logger } from 'pino';
import { newId } from '../internal/ids.js';
import { type Clock, systemClock } from '../internal/time.js';
import type { Store } from '../storage/store.js';
import { postWebhook } from './deliver.js';
import { webhookHeaders } from './signing.js';
import type { ClaimedDelivery } from './store.js';

export interface RetryPolicy {
  /** First retry after about this long (default 5 s); each next one doubles. */
  baseMs: number;
  /** Longest wait between two attempts (default 6 h). */
  maxMs: number;
  /** After this long since the event (default 3 days) a failing delivery is dead-lettered. */
  horizonMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 5_000, maxMs: 6 * 3_600_000, horizonMs: 3 * 86_400_000 };

/**
 * Wait before the next attempt after `attempts` failed ones: exponential, capped, with "equal jitter"
 * (half fixed, half random) so endpoints that failed together do not retry together.
 */
export function backoffMs(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 40));
  return Math.round(exp / 2 + random() * (exp / 2));
}

export interface WebhookWorkerOptions {
  store: Store;
  /** Lets endpoints on 127.0.0.1/::1 receive webhooks (dev and tests only). */
  allowLoopback?: boolean;
  /** How often to look for due deliveries (default 1 000 ms); `notify()` wakes it sooner. */
  pollIntervalMs?: number;
  /** Per attempt, connection to last byte (default 10 s). */
  timeoutMs?: number;
  /** Deliveries in flight at once (default 16): a hanging endpoint holds one slot, not the queue. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * A claim lasts the attempt's timeout plus this (default 30 s): after a crash, another instance
   * resends once the lease lapses.
   */
  leaseMarginMs?: number;
  clock?: Clock;
  log?: Logger | undefined;
  /** Lease owner id; unique per process by default. */
  owner?: string;
}

/**
 * Sends outbox deliveries: claims due ones under a lease (FOR UPDATE SKIP LOCKED on PostgreSQL, so
 * several gateway instances never send the same delivery twice), signs and POSTs each, records every
 * attempt, retries with backoff and dead-letters after the horizon. A crashed instance's leases lapse
 * and another instance resends: delivery is at least once, de-duplicable by `webhook-id`.
 */
export class WebhookWorker {
  readonly owner: string;
  private readonly store: Store;
  private readonly allowLoopback: boolean;
  private readonly pollIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly retry: RetryPolicy;
  private readonly leaseMarginMs: number;
  private readonly clock: Clock;
  private readonly log: Logger | undefined;
  private timer: NodeJS.Timeout | undefined;
  private purgeTimer: NodeJS.Timeout | undefined;
  private inFlight = new Set<Promise<void>>();
  private ticking: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(options: WebhookWorkerOptions) {
    this.store = options.store;
    this.allowLoopback = options.allowLoopback ?? false;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.concurrency = options.concurrency ?? 16;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.leaseMarginMs = options.leaseMarginMs ?? 30_000;
    this.clock = options.clock ?? systemClock;
    this.log = options.log;
    this.owner = options.owner ?? newId('wrk');
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => this.notify(), this.pollIntervalMs);
    this.timer.unref();
    this.purgeTimer = setInterval(() => void this.purge(), 3_600_000);
    this.purgeTimer.unref();
    this.notify();
  }

  /** Looks for due deliveries now (called after a transaction wrote to the outbox). */
  notify(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.tick()
      .catch((error: unknown) => this.log?.warn({ err: String(error) }, 'webhook worker tick failed'))
      .finally(() => {
        this.ticking = undefined;
        if (this.again) {
          this.again = false;
          this.notify();
        }
      });
  }

  /** Stops claiming; waits for deliveries in flight (each bounded by the timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.purgeTimer);
    await this.ticking;
    await Promise.allSettled([...this.inFlight]);
  }

  async purge(): Promise<number> {
    const cutoff = new Date(this.clock().getTime() - WEBHOOK_EVENT_RETENTION_DAYS * 86_400_000);
    try {
      return await this.store.webhooks.purgeEvents(cutoff.toISOString());
    } catch (error) {
      this.log?.warn({ err: String(error) }, 'webhook purge failed');
      return 0;
    }
  }

  private async tick(): Promise<void> {
    while (!this.stopped) {
      const free = this.concurrency - this.inFlight.size;
      if (free <= 0) return;
      const now = this.clock();
      const claimed = await this.store.webhooks.claimDue({
        owner: this.owner,
        now: now.toISOString(),
        // Longer than one attempt can take, so a live owner never loses its lease mid-attempt.
        leaseUntil: new Date(now.getTime() + this.timeoutMs + this.leaseMarginMs).toISOString(),
        limit: free,
      });
      for (const delivery of claimed) {
        const running: Promise<void> = this.deliver(delivery)
          .catch((error: unknown) =>
            this.log?.warn(
              { err: String(error), delivery: delivery.id },
              'webhook delivery failed to record',
            ),
          )
          .finally(() => {
            this.inFlight.delete(running);
            this.notify();
          });
        this.inFlight.add(running);
      }
      if (claimed.length < free) return;
    }
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const started = this.clock();
    const { endpoint } = delivery;
    const nowIso = started.toISOString();
    const secrets = [endpoint.secret];
    if (
      endpoint.previousSecret &&
      endpoint.endpoint.previousSecretExpiresAt &&
      endpoint.endpoint.previousSecretExpiresAt > nowIso
    ) {
      secrets.push(endpoint.previousSecret);
    }
    const result =
      endpoint.endpoint.status === 'active'
        ? await postWebhook({
            url: endpoint.endpoint.url,
            body: delivery.payload,
            headers: webhookHeaders({
              id: delivery.eventId,
              timestamp: Math.floor(started.getTime() / 1000),
              body: delivery.payload,
              secrets,
            }),
            timeoutMs: this.timeoutMs,
            allowLoopback: this.allowLoopback,
          })
        : { ok: false, httpStatus: null, error: 'endpoint disabled', durationMs: 0 };
    const attempt = delivery.attempts + 1;
    const after = this.clock();
    let status: 'delivered' | 'pending' | 'dead' = 'delivered';
    let next = after;
    if (!result.ok) {
      next = new Date(after.getTime() + backoffMs(attempt, this.retry));
      const age = next.getTime() - Date.parse(delivery.createdAt);
      status = endpoint.endpoint.status !== 'active' || age > this.retry.horizonMs ? 'dead' : 'pending';
    }
    await this.store.transaction((tx) =>
      tx.webhooks.recordAttempt({
        deliveryId: delivery.id,
        owner: this.owner,
        attempt: {
          id: newId('wha'),
          attempt,
          at: nowIso,
          durationMs: result.durationMs,
          httpStatus: result.httpStatus,
          error: result.error,
          ok: result.ok,
        },
        status,
        nextAttemptAt: next.toISOString(),
      }),
    );
    this.log?.info(
      { delivery: delivery.id, event: delivery.eventId, attempt, status, http: result.httpStatus },
      'webhook attempt',
    );
  }
}
