import type { AdminRole, AuditEntry, ConsentStatus, OfferStatus, Partner } from '@finlet/contracts';
import type { Generated } from 'kysely';
import type { AgentTables } from '../agents/tables.js';
import type { ConsoleTables } from '../console/tables.js';
import type { DisclosureTables } from '../disclosures/tables.js';
import type { HandoffTables } from '../handoffs/tables.js';
import type { KeyTables } from '../keys/tables.js';
import type { KnowledgeTables } from '../knowledge/tables.js';
import type { RailTables } from '../routing/tables.js';
import type { SignalTables } from '../signals/tables.js';
import type { SocialTables } from '../social/tables.js';
import type { SuitabilityTables } from '../suitability/tables.js';
import type { SuitabilityOverrideTables } from '../suitability-overrides/tables.js';
import type { ThesaurusTables } from '../thesaurus/tables.js';
import type { BankFeedTables } from '../workspace/feed-tables.js';
import type { FunnelRollupTables } from '../workspace/funnel-rollup-tables.js';
import type { ApplicationIndexColumns, WorkspaceTables } from '../workspace/tables.js';

/** Row shapes of every table. JSON payloads are TEXT in both dialects; times are ISO-8601 TEXT. */
export interface Database
  extends SignalTables,
    KnowledgeTables,
    RailTables,
    DisclosureTables,
    ConsoleTables,
    KeyTables,
    WorkspaceTables,
    HandoffTables,
    AgentTables,
    SocialTables,
    SuitabilityOverrideTables,
    SuitabilityTables,
    BankFeedTables,
    ThesaurusTables,
    FunnelRollupTables {
  partners: {
    id: string;
    name: string;
    origins: string;
    scenarios: string;
    webhook_url: string | null;
    status: Partner['status'];
    key_id: string;
    secret_key_hash: string;
    webhook_secret: string;
    created_at: string;
    /** JSON `PartnerRateLimits`, or null for the gateway's defaults. */
    rate_limits: string | null;
  };
  admin_keys: {
    id: string;
    name: string;
    role: AdminRole;
    key_hash: string;
    created_at: string;
    revoked_at: string | null;
  };
  signing_keys: {
    kid: string;
    alg: 'ES256';
    private_jwk: string;
    public_jwk: string;
    created_at: string;
    retired_at: string | null;
  };
  offer_versions: {
    offer_id: string;
    version: number;
    status: OfferStatus;
    created_by: string;
    created_at: string;
    updated_at: string;
    body: string;
  };
  consents: {
    id: string;
    partner_id: string;
    user_id: string;
    status: ConsentStatus;
    expires_at: string;
    body: string;
  };
  applications: {
    id: string;
    partner_id: string;
    user_id: string;
    created_at: string;
    body: string;
    id_number: string | null;
  } & ApplicationIndexColumns;
  idempotency_keys: {
    partner_id: string;
    key: string;
    request_hash: string;
    state: 'started' | 'completed';
    response_status: number | null;
    response_headers: string | null;
    response_body: string | null;
    created_at: string;
    expires_at: string;
    /** Who holds a `started` claim (null on rows from before 0007_idempotency). */
    owner: string | null;
    /** A `started` claim past this instant may be taken over by a retry. */
    lease_expires_at: string | null;
  };
  audit_log: {
    seq: Generated<number>;
    id: string;
    at: string;
    actor_kind: AuditEntry['actor']['kind'];
    actor_id: string;
    actor_name: string | null;
    action: string;
    target_kind: string;
    target_id: string;
    target_version: number | null;
    before: string | null;
    after: string | null;
    comment: string | null;
    request_id: string | null;
  };
}
