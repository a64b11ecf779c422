import { timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export type WebhookErrorCode =
  | 'missing_header'
  | 'invalid_timestamp'
  | 'timestamp_out_of_tolerance'
  | 'invalid_signature'
  | 'invalid_payload';

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
  constructor(
    readonly code: WebhookErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The envelope of every Finlet webhook. */
export interface WebhookEvent<T = Record<string, unknown>> {
  type: 'application.created' | 'application.updated' | 'nudge.created' | 'handoff.created' | (string & {});
  timestamp: string;
  data: T;
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const bag = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(bag).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : bag[key];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Signs a payload per Standard Webhooks with the `standardwebhooks` package (as the gateway does):
 * `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`; `secret` is `whsec_` + base64 (or bare base64)
 * and `timestamp` is in unix seconds. Throws on a secret that is empty or not base64.
 */
export function signWebhook(input: { secret: string; id: string; timestamp: number; body: string }): {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
} {
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': new Webhook(input.secret).sign(
      input.id,
      new Date(input.timestamp * 1000),
      input.body,
    ),
  };
}

/**
 * Verifies a webhook from the gateway (Standard Webhooks scheme) and returns its payload.
 * Pass the raw body exactly as received: parsing and re-serialising JSON changes the bytes.
 * @example
 * const event = verifyWebhook({ secret: process.env.FINLET_WEBHOOK_SECRET!, headers: req.headers, body: rawBody });
 */
export function verifyWebhook<T = Record<string, unknown>>(input: {
  secret: string;
  headers: HeaderBag;
  body: string | Uint8Array;
  toleranceSeconds?: number;
  now?: Date;
}): WebhookEvent<T> {
  const id = header(input.headers, 'webhook-id');
  const timestamp = header(input.headers, 'webhook-timestamp');
  const signatures = header(input.headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError(
      'missing_header',
      'webhook-id, webhook-timestamp and webhook-signature are required',
    );
  }
  if (!/^\d{1,12}$/.test(timestamp))
    throw new WebhookVerificationError('invalid_timestamp', 'webhook-timestamp is not unix seconds');
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const tolerance = input.toleranceSeconds ?? 300;
  if (Math.abs(now - Number(timestamp)) > tolerance) {
    throw new WebhookVerificationError(
      'timestamp_out_of_tolerance',
      `webhook-timestamp is more than ${tolerance} s away from now`,
    );
  }
  const body = typeof input.body === 'string' ? input.body : Buffer.from(input.body).toString('utf8');
  // The library computes the signature; its own `verify` reads the machine's clock with a fixed
  // five-minute tolerance, so the timestamp is checked above against `now` and `toleranceSeconds`.
  let computed: string;
  try {
    computed = new Webhook(input.secret).sign(id, new Date(Number(timestamp) * 1000), body);
  } catch {
    throw new WebhookVerificationError('invalid_signature', 'the webhook secret is empty or not base64');
  }
  const expected = Buffer.from(computed.slice('v1,'.length), 'base64');
  const matched = signatures.split(' ').some((candidate) => {
    const [version, value] = candidate.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const actual = Buffer.from(value, 'base64');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  });
  if (!matched)
    throw new WebhookVerificationError('invalid_signature', 'no webhook-signature matches the body');
  try {
    return JSON.parse(body) as WebhookEvent<T>;
  } catch {
    throw new WebhookVerificationError('invalid_payload', 'the webhook body is not JSON');
  }
}
