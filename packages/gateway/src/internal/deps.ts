import type { CurrencyCode, SuitabilityOverridePolicy } from '@finlet/contracts';
import type { PartnerDirectory } from '../auth/partner-directory.js';
import type { SessionIssuerOptions } from '../auth/sessions.js';
import type { SigningKeys } from '../auth/signing-keys.js';
import type { CacheInvalidation } from '../bus/invalidation.js';
import type { Lifecycle } from '../http/lifecycle.js';
import type { PublishedOffers } from '../offers/published-offers.js';
import type { Store } from '../storage/store.js';
import type { WebhookDeps } from '../webhooks/deps.js';
import type { Clock } from './time.js';

/** Everything route handlers need, built once per gateway. */
export interface GatewayDeps {
  store: Store;
  partners: PartnerDirectory;
  sessions: SessionIssuerOptions;
  keys: SigningKeys;
  publishedOffers: PublishedOffers;
  /** Drops cached copies on every instance after a change (over the bus). */
  caches: CacheInvalidation;
  clock: Clock;
  bankName: string;
  version: string;
  idempotencyTtlSeconds: number;
  /** Four eyes: approvals above these amounts (minor units, per currency) need a second reviewer. */
  fourEyesAbove: Readonly<Partial<Record<CurrencyCode, number>>>;
  /** When a user may choose a product above their risk level by a recorded acknowledgement. */
  suitabilityOverride: SuitabilityOverridePolicy;
  /** Serving, draining or ending streams: readiness and long-lived responses follow it. */
  lifecycle: Lifecycle;
  /** Webhook settings and the delivery worker's wake-up (absent: events wait for the next poll). */
  webhooks?: WebhookDeps;
}
