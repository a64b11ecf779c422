import type { BankFeedRole, BankWebhookEndpoint } from '@finlet/contracts';

/** Row shape of the table migration `0018_bank_feed` adds (merged into `Database`). */
export interface BankFeedTables {
  /** The bank's own webhook endpoints, each carrying the masking role its events are written for. */
  bank_webhook_endpoints: {
    id: string;
    role: BankFeedRole;
    url: string;
    /** JSON array of `BankEventType`. */
    event_types: string;
    description: string | null;
    status: BankWebhookEndpoint['status'];
    secret: string;
    previous_secret: string | null;
    previous_secret_expires_at: string | null;
    secret_rotated_at: string | null;
    created_at: string;
  };
}
