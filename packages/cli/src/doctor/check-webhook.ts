import { randomBytes, randomUUID } from 'node:crypto';
import { signWebhook } from '@finlet/node';
import { request } from './request.js';
import type { CheckResult } from './result.js';

/** The event type of the test event `--webhook` sends; a receiver should answer 2xx to types it ignores. */
export const DOCTOR_EVENT_TYPE = 'doctor.ping';

/** The partner's webhook endpoint: a signed test event, answered 2xx, and an unsigned one refused. */
export async function checkWebhook(
  url: string,
  secret: string | undefined,
  timeoutMs: number,
  now: () => number,
): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const timestamp = Math.floor(now() / 1000);
  const id = `evt_doctor_${randomUUID().replaceAll('-', '')}`;
  const body = JSON.stringify({
    id,
    type: DOCTOR_EVENT_TYPE,
    timestamp: new Date(timestamp * 1000).toISOString(),
    data: { note: 'a test event sent by `finlet doctor`; answer 2xx and ignore it' },
  });
  const send = (headers: Record<string, string>) =>
    request(url, {
      timeoutMs,
      now,
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'finlet-doctor', ...headers },
    });
  if (secret) {
    const signed = await send(signWebhook({ secret, id, timestamp, body }));
    if ('error' in signed) {
      return [
        {
          id: 'webhook',
          status: 'fail',
          message: `cannot reach the webhook endpoint ${url} (${signed.error})`,
          fix: 'check the URL, that the server runs, and that the gateway can reach it from the internet',
        },
      ];
    }
    const status = signed.response.status;
    out.push(
      status >= 200 && status < 300
        ? {
            id: 'webhook-signed',
            status: 'pass',
            message: `${url} accepted a correctly signed event (${status})`,
          }
        : {
            id: 'webhook-signed',
            status: 'fail',
            message: `${url} answered ${status} to a correctly signed ${DOCTOR_EVENT_TYPE} event`,
            fix:
              status >= 300 && status < 400
                ? 'the gateway does not follow redirects: register the final URL'
                : "verify the raw body with this endpoint's secret (whsec_…) and answer 2xx, also to event types you ignore",
          },
    );
  }
  // Signed with a secret nobody has: a receiver that verifies refuses it.
  const forgedSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const forged = await send(signWebhook({ secret: forgedSecret, id, timestamp, body }));
  if ('error' in forged) {
    out.push({
      id: 'webhook',
      status: 'fail',
      message: `cannot reach the webhook endpoint ${url} (${forged.error})`,
      fix: 'check the URL, that the server runs, and that the gateway can reach it',
    });
    return out;
  }
  const status = forged.response.status;
  out.push(
    status >= 200 && status < 300
      ? {
          id: 'webhook-forged',
          status: 'fail',
          message: `${url} accepted an event with a forged signature (${status}): anyone can send it events`,
          fix: 'verify every delivery with verifyWebhook from @finlet/node (or any Standard Webhooks library) before acting on it',
        }
      : {
          id: 'webhook-forged',
          status: 'pass',
          message: `${url} refused an event with a forged signature (${status})`,
        },
  );
  if (!secret) {
    out.push({
      id: 'webhook-signed',
      status: 'skip',
      message: 'no webhook secret: the signed round trip not checked',
      fix: 'pass --webhook-secret whsec_… (or FINLET_WEBHOOK_SECRET), the secret shown when the endpoint was registered',
    });
  }
  return out;
}
