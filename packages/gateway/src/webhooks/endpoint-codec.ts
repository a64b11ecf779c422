import type { SecretSealer } from '../secrets/sealer.js';

/**
 * The partners' and the bank's webhook endpoints share their columns and their sealing: one codec
 * for both tables. Both seal under one purpose: 0018 moved the bank's sealed values over as they were.
 */
const PURPOSE = 'webhook_endpoints.secret';

/** The columns both endpoint tables have. */
export interface EndpointColumns<Status> {
  id: string;
  url: string;
  /** JSON array of event types. */
  event_types: string;
  description: string | null;
  status: Status;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  secret_rotated_at: string | null;
  created_at: string;
}

/** The fields both endpoint shapes have. */
export interface EndpointFields<Status, Event> {
  id: string;
  url: string;
  eventTypes: Event[];
  description: string | null;
  status: Status;
  createdAt: string;
  secretRotatedAt: string | null;
  previousSecretExpiresAt: string | null;
}

/** A row's shared columns as the endpoint's shared fields, with its secrets opened. */
export function decodeEndpoint<Status, Event>(
  row: EndpointColumns<Status>,
  sealer: SecretSealer,
): { endpoint: EndpointFields<Status, Event>; secret: string; previousSecret: string | null } {
  return {
    endpoint: {
      id: row.id,
      url: row.url,
      eventTypes: JSON.parse(row.event_types) as Event[],
      description: row.description,
      status: row.status,
      createdAt: row.created_at,
      secretRotatedAt: row.secret_rotated_at,
      previousSecretExpiresAt: row.previous_secret_expires_at,
    },
    secret: sealer.open(row.secret, PURPOSE),
    previousSecret: row.previous_secret === null ? null : sealer.open(row.previous_secret, PURPOSE),
  };
}

/** The shared columns of an endpoint to insert, its secrets sealed. */
export function encodeEndpoint<Status, Event>(
  record: { endpoint: EndpointFields<Status, Event>; secret: string; previousSecret: string | null },
  sealer: SecretSealer,
): EndpointColumns<Status> {
  const { endpoint, secret, previousSecret } = record;
  return {
    id: endpoint.id,
    url: endpoint.url,
    event_types: JSON.stringify(endpoint.eventTypes),
    description: endpoint.description,
    status: endpoint.status,
    secret: sealer.seal(secret, PURPOSE),
    previous_secret: previousSecret === null ? null : sealer.seal(previousSecret, PURPOSE),
    previous_secret_expires_at: endpoint.previousSecretExpiresAt,
    secret_rotated_at: endpoint.secretRotatedAt,
    created_at: endpoint.createdAt,
  };
}

/** Seals a new endpoint secret (a rotation writes it while the old one moves to `previous_secret`). */
export const sealEndpointSecret = (secret: string, sealer: SecretSealer): string =>
  sealer.seal(secret, PURPOSE);
