/** What webhook routes need beyond the common deps. */
export interface WebhookDeps {
  /** Endpoints on loopback addresses are accepted (dev and tests only). */
  allowLoopback: boolean;
  /** Wakes the delivery worker after an outbox write. */
  notify(): void;
}
