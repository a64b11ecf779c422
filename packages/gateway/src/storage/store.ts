import type { AdminRole, RiskQuestionnaire } from '@finlet/contracts';
import type pg from 'pg';
import type { AuditStore } from '../admin/audit-store.js';
import type { AgentGrantStore } from '../agents/store.js';
import type { ApplicationStore } from '../applications/store.js';
import type { SigningKeyStore } from '../auth/signing-key-store.js';
import type { ConsentStore } from '../consents/store.js';
import type { ConsoleSessionStore } from '../console/store.js';
import type { DisclosureStore } from '../disclosures/store.js';
import type { KyselyHandoffStore } from '../handoffs/store.js';
import type { IdempotencyStore } from '../idempotency/store.js';
import type { AdminKeyStore } from '../keys/admin-key-store.js';
import type { PartnerKeyStore } from '../keys/store.js';
import type { ChatStore, KnowledgeStore } from '../knowledge/store.js';
import type { OfferStore } from '../offers/store.js';
import type { PartnerStore } from '../partners/store.js';
import type { FxTableStore, RailTableStore, RouteQuoteStore, VersionedTableStore } from '../routing/store.js';
import type { SecretStore } from '../secrets/store.js';
import type { NudgeStore, SignalStore } from '../signals/store.js';
import type { SocialStore } from '../social/store.js';
import type { RiskAssessmentStore } from '../suitability/store.js';
import type { SuitabilityOverrideStore } from '../suitability-overrides/store.js';
import type { ThesaurusStore } from '../thesaurus/store.js';
import type { WebhookStore } from '../webhooks/store.js';
import type { BankFeedStore } from '../workspace/feed-store.js';
import type { KyselyFunnelRollupStore } from '../workspace/funnel-rollup-store.js';
import type { KyselyWorkspaceStore } from '../workspace/store.js';

/**
 * The gateway's one typed storage layer. Two implementations share it: SQLite (embedded default)
 * and PostgreSQL. Every partner-owned row is read and written with its partner id: a method that
 * touches tenant data takes `partnerId` and never returns another partner's rows.
 *
 * Times are RFC 3339 strings in UTC with milliseconds (`new Date().toISOString()`), which sort
 * correctly as text in both dialects.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies pending migrations in order; returns the names applied now. */
  migrate(): Promise<{ applied: string[] }>;
  /** Names of migrations not yet applied (readiness fails while any are pending). */
  pendingMigrations(): Promise<string[]>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  /** Runs `fn` in one transaction; the store passed to `fn` is bound to it. Nested calls reuse it. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The PostgreSQL connection pool (absent on SQLite): the shared rate-limit counters use it. */
  readonly pool: pg.Pool | undefined;
  /**
   * SQLite only: a number that changes whenever another connection (another gateway process on
   * the same file, the CLI) commits to the database, and not for this store's own writes. Caches
   * watch it to drop their copies, since no bus carries those changes. Absent on PostgreSQL.
   */
  readonly changeStamp: (() => number) | undefined;

  readonly partners: PartnerStore;
  readonly partnerKeys: PartnerKeyStore;
  readonly adminKeys: AdminKeyStore;
  readonly signingKeys: SigningKeyStore;
  readonly offers: OfferStore;
  readonly consents: ConsentStore;
  readonly applications: ApplicationStore;
  readonly idempotency: IdempotencyStore;
  readonly audit: AuditStore;
  readonly disclosures: DisclosureStore;
  readonly consoleSessions: ConsoleSessionStore;
  readonly signals: SignalStore;
  readonly nudges: NudgeStore;
  readonly webhooks: WebhookStore;
  /** The bank's own webhook endpoints (their events go through the same outbox). */
  readonly bankFeed: BankFeedStore;
  /** Secrets at rest: which are sealed, and re-sealing under the configured master key. */
  readonly secrets: SecretStore;
  readonly knowledge: KnowledgeStore;
  readonly chat: ChatStore;
  readonly railTables: RailTableStore;
  readonly fxTables: FxTableStore;
  readonly routeQuotes: RouteQuoteStore;
  readonly workspace: KyselyWorkspaceStore;
  /** The acquisition funnel's daily rollups (day in the bank's zone), kept with what they count. */
  readonly funnelRollups: KyselyFunnelRollupStore;
  /** Recorded "I understand this exceeds my risk level" acknowledgements. */
  readonly suitabilityOverrides: SuitabilityOverrideStore;
  /** The bank's thesaurus concepts (0021_thesaurus). */
  readonly thesaurus: ThesaurusStore;
  /** Risk questionnaire versions (the versioned-content workflow). */
  readonly riskQuestionnaires: VersionedTableStore<RiskQuestionnaire>;
  /** Users' assessed risk levels with their answers. */
  readonly riskAssessments: RiskAssessmentStore;
  /** Seat assist: the hand-off queue, conversation event log and suggested replies. */
  readonly handoffs: KyselyHandoffStore;
  readonly agentGrants: AgentGrantStore;
  /** Group-chat assistants: bots (secrets sealed), replays, opt-outs, private continuations. */
  readonly social: SocialStore;
}

// The record types of the feature stores, importable from here as before they moved.
export type { AuditStore } from '../admin/audit-store.js';
export type { ApplicationRecord, ApplicationStore } from '../applications/store.js';
export type { SigningKeyRecord, SigningKeyStore } from '../auth/signing-key-store.js';
export type { ConsentStore } from '../consents/store.js';
export type {
  IdempotencyBegin,
  IdempotencyBeginInput,
  IdempotencyClaim,
  IdempotencyStore,
  StoredResponse,
} from '../idempotency/store.js';
export type { AdminKeyRecord, AdminKeyStore } from '../keys/admin-key-store.js';
export type { OfferFilter, OfferStore } from '../offers/store.js';
export type { PartnerRecord, PartnerStore } from '../partners/store.js';

// Kept importable from here for code written before it moved.
export { StoreConflictError } from './errors.js';
export type { AdminRole };
