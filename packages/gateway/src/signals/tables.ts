import type { NudgeStatus, WebhookDeliveryStatus, WebhookEndpoint } from '@finlet/contracts';

/** Row shapes of the tables added by migration `0003_signals` (merged into `Database`). */
export interface SignalTables {
  signals: {
    partner_id: string;
    id: string;
    user_id: string;
    type: string;
    occurred_at: string;
    received_at: string;
    body: string;
  };
  nudges: {
    id: string;
    partner_id: string;
    user_id: string;
    offer_id: string;
    trigger_id: string;
    dedupe_key: string;
    status: NudgeStatus;
    created_at: string;
    visible_from: string;
    expires_at: string;
    acted_at: string | null;
    body: string;
  };
  nudge_actions: {
    id: string;
    nudge_id: string;
    partner_id: string;
    user_id: string;
    action: string;
    at: string;
    request_id: string | null;
  };
  webhook_endpoints: {
    id: string;
    partner_id: string;
    url: string;
    event_types: string;
    description: string | null;
    status: WebhookEndpoint['status'];
    secret: string;
    previous_secret: string | null;
    previous_secret_expires_at: string | null;
    secret_rotated_at: string | null;
    created_at: string;
  };
  outbox_events: {
    id: string;
    partner_id: string;
    type: string;
    created_at: string;
    payload: string;
  };
  webhook_deliveries: {
    id: string;
    event_id: string;
    endpoint_id: string;
    partner_id: string;
    status: WebhookDeliveryStatus;
    attempts: number;
    next_attempt_at: string;
    lease_owner: string | null;
    lease_until: string | null;
    last_error: string | null;
    delivered_at: string | null;
    created_at: string;
  };
  webhook_attempts: {
    id: string;
    delivery_id: string;
    event_id: string;
    endpoint_id: string;
    attempt: number;
    at: string;
    duration_ms: number;
    http_status: number | null;
    error: string | null;
    ok: number;
  };
}
