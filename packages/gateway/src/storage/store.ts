import type {
  AdminIdentity,
  AdminRole,
  Application,
  AuditEntry,
  AuditQuery,
  Consent,
  EmbedSessionClaims,
  Offer,
  OfferStatus,
  Partner,
  PartnerRateLimits,
  RiskQuestionnaire,
  Scenario,
} from '@finlet/contracts';
import type pg from 'pg';
import type { AgentGrantStore } from '../agents/store.js';
import type { ConsoleSessionStore } from '../console/store.js';
import type { DisclosureStore } from '../disclosures/store.js';
import type { KyselyHandoffStore } from '../handoffs/store.js';
import type { PartnerKeyStore } from '../keys/store.js';
import type { ChatStore, KnowledgeStore } from '../knowledge/store.js';
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
  /** Recorded "I understand this exceeds my risk level" acknowledgements. */
  readonly suitabilityOverrides: SuitabilityOverrideStore;
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
  /** The bank's thesaurus concepts (0021_thesaurus). */
  readonly thesaurus: ThesaurusStore;
  /** Risk questionnaire versions (the versioned-content workflow). */
  readonly riskQuestionnaires: VersionedTableStore<RiskQuestionnaire>;
  /** Users' assessed risk levels with their answers. */
  readonly riskAssessments: RiskAssessmentStore;
  readonly routeQuotes: RouteQuoteStore;
  readonly workspace: KyselyWorkspaceStore;
  /** The acquisition funnel's daily rollups (day in the bank's zone), kept with what they count. */
  readonly funnelRollups: KyselyFunnelRollupStore;
  /** Seat assist: the hand-off queue, conversation event log and suggested replies. */
  readonly handoffs: KyselyHandoffStore;
  readonly agentGrants: AgentGrantStore;
  /** Group-chat assistants: bots (secrets sealed), replays, opt-outs, private continuations. */
  readonly social: SocialStore;
}

export interface PartnerRecord {
  partner: Partner;
  /**
   * The partner's first secret key (`fsk_<keyId>_<secret>`); authentication reads every key of
   * the partner from `partnerKeys`.
   */
  keyId: string;
  /** SHA-256 (hex) of the whole first secret key. */
  secretKeyHash: string;
  /** Standard Webhooks signing secret (`whsec_…`). */
  webhookSecret: string;
}

export interface PartnerStore {
  /** Throws `StoreConflictError` when the id or keyId exists. */
  create(record: PartnerRecord): Promise<void>;
  get(id: string): Promise<Partner | undefined>;
  list(): Promise<Partner[]>;
  /** Every origin any active partner allows (CORS preflights carry no credentials). */
  allOrigins(): Promise<string[]>;
  /** Replaces a partner's allowed origins (e.g. `finlet dev` on ephemeral ports); false when unknown. */
  updateOrigins(id: string, origins: readonly string[]): Promise<boolean>;
  /** Replaces a partner's own rate-limit budgets (null: the defaults); false when unknown. */
  updateRateLimits(id: string, limits: PartnerRateLimits | null): Promise<boolean>;
  /** Sets the status; returns the partner as it is now, or undefined when unknown. */
  setStatus(id: string, status: Partner['status']): Promise<Partner | undefined>;
}

export interface AdminKeyRecord {
  identity: AdminIdentity;
  keyHash: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface AdminKeyStore {
  create(record: AdminKeyRecord): Promise<void>;
  get(id: string): Promise<AdminKeyRecord | undefined>;
  list(): Promise<AdminKeyRecord[]>;
  /** Marks the key revoked (its console sessions stop working with it); false when unknown or already revoked. */
  revoke(id: string, at: string): Promise<boolean>;
}

export interface SigningKeyRecord {
  kid: string;
  alg: 'ES256';
  /** JSON of the private JWK. */
  privateJwk: string;
  /** JSON of the public JWK. */
  publicJwk: string;
  createdAt: string;
  retiredAt: string | null;
}

export interface SigningKeyStore {
  /** Newest first. */
  list(): Promise<SigningKeyRecord[]>;
  /**
   * Inserts the key unless one that is not retired already exists (two instances starting at once
   * must end up with one key): returns the active key either way.
   */
  insertIfNoneActive(record: SigningKeyRecord): Promise<SigningKeyRecord>;
  /** Retires the active key at `at` (call in the transaction that inserts its successor); its kid or null. */
  retireActive(at: string): Promise<string | null>;
}

export interface OfferFilter {
  status?: OfferStatus;
  scenario?: Scenario | string;
}

export interface OfferStore {
  /** Throws `StoreConflictError` when (id, version) exists. */
  insertVersion(offer: Offer): Promise<void>;
  /**
   * Replaces a stored version if its status is still `expectedStatus` (compare-and-set);
   * returns false when another writer changed it first. With `expectedUpdatedAt` the stored
   * `updatedAt` must match too (an edit based on what the writer last read).
   */
  updateVersion(offer: Offer, expectedStatus: OfferStatus, expectedUpdatedAt?: string): Promise<boolean>;
  getVersion(id: string, version: number): Promise<Offer | undefined>;
  /** Every version of one offer, newest first. */
  listVersions(id: string): Promise<Offer[]>;
  /** The newest version of every offer, matching the filter, ordered by id. */
  listLatest(filter?: OfferFilter): Promise<Offer[]>;
  /** Approved versions waiting for a scheduled publish (`scheduledPublishAt` set), soonest first. */
  listScheduled(): Promise<Offer[]>;
  /** Every version whose status is `published`, ordered by id. */
  listPublished(): Promise<Offer[]>;
  /** The published version of one offer, if any. */
  getPublished(id: string): Promise<Offer | undefined>;
  /** 0 when the offer does not exist. */
  latestVersionNumber(id: string): Promise<number>;
}

export interface ConsentStore {
  insert(consent: Consent): Promise<void>;
  get(partnerId: string, id: string): Promise<Consent | undefined>;
  /** Sets status `withdrawn` and `withdrawnAt`; returns the updated consent or undefined if not found. */
  withdraw(partnerId: string, id: string, at: string): Promise<Consent | undefined>;
  listForUser(partnerId: string, userId: string): Promise<Consent[]>;
}

/** The application plus the parts never returned whole (the full ID number is stored for the bank only). */
export interface ApplicationRecord {
  application: Application;
  /** Full resident ID number when given (sensitive; the API returns only the masked form). */
  idNumber: string | null;
  /** The session it was submitted in: what it asserted is kept with the application. */
  session?: EmbedSessionClaims;
}

export interface ApplicationStore {
  insert(record: ApplicationRecord): Promise<void>;
  get(partnerId: string, id: string): Promise<ApplicationRecord | undefined>;
  listForUser(partnerId: string, userId: string): Promise<Application[]>;
  /** Any partner's application (for the bank's own staff). */
  find(id: string): Promise<ApplicationRecord | undefined>;
  /** Replaces the stored application if its status is still `expectedStatus`; false when it changed first. */
  update(application: Application, expectedStatus: Application['status']): Promise<boolean>;
}

export interface StoredResponse {
  status: number;
  /** Headers to replay (content-type and the like), lower-case names. */
  headers: Record<string, string>;
  /** The exact body bytes sent the first time, as a UTF-8 string. */
  body: string;
}

/** A `started` claim on an Idempotency-Key: only the holder of `owner` may complete or release it. */
export interface IdempotencyClaim {
  partnerId: string;
  key: string;
  owner: string;
}

export type IdempotencyBegin =
  | { state: 'started'; claim: IdempotencyClaim }
  | { state: 'in_progress'; requestHash: string }
  | { state: 'completed'; requestHash: string; response: StoredResponse };

export interface IdempotencyStore {
  /**
   * Atomically claims (partnerId, key) for a request. `started` means the caller owns it until
   * `leaseExpiresAt` and must `complete` or `release` it. Expired rows (past `expiresAt`) count as
   * absent and are replaced; a `started` claim of the same request whose lease ran out (its owner
   * died, or is too slow) is taken over, and its first owner can no longer complete it.
   */
  begin(input: {
    partnerId: string;
    key: string;
    requestHash: string;
    now: string;
    expiresAt: string;
    leaseExpiresAt: string;
  }): Promise<IdempotencyBegin>;
  /**
   * Stores the response of a claim still held by `claim.owner`; `false` when the claim was taken
   * over (or already completed). Call it inside the transaction that writes the request's effects,
   * so that they and the stored response commit together or not at all.
   */
  complete(claim: IdempotencyClaim, response: StoredResponse): Promise<boolean>;
  /** Forgets a claim whose request failed before anything was written (so the client may retry). */
  release(claim: IdempotencyClaim): Promise<void>;
  /** Deletes rows expired before `now`; returns how many. */
  purgeExpired(now: string): Promise<number>;
}

export interface AuditStore {
  /** Append only: there is no update or delete, and the database refuses them. */
  append(entry: AuditEntry): Promise<void>;
  /**
   * Newest first. `q` matches a case-insensitive substring of the action, actor id or name, target
   * id or comment; `from`/`to` bound `at` (inclusive, UTC ISO strings); `before` is the id of the
   * entry after which the page starts.
   */
  list(query: AuditQuery): Promise<AuditEntry[]>;
}

// Kept importable from here for code written before it moved.
export { StoreConflictError } from './errors.js';
export type { AdminRole };
