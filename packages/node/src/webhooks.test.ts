import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, WebhookVerificationError } from './webhooks.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const now = new Date('2026-11-28T12:00:00Z');
const ts = Math.floor(now.getTime() / 1000);
const body = JSON.stringify({
  type: 'application.created',
  timestamp: now.toISOString(),
  data: { id: 'app_1' },
});

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.code;
    throw error;
  }
  return 'ok';
};

describe('Standard Webhooks', () => {
  it('agrees with the standardwebhooks library in both directions', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.json(), (id, payload) => {
        // The library checks timestamps against the real clock.
        const live = new Date(Math.floor(Date.now() / 1000) * 1000);
        const headers = signWebhook({
          secret,
          id: `msg_${encodeURIComponent(id)}`,
          timestamp: live.getTime() / 1000,
          body: payload,
        });
        const theirs = new Webhook(secret);
        expect(() => theirs.verify(payload, headers)).not.toThrow();
        const theirSignature = theirs.sign(headers['webhook-id'], live, payload);
        expect(theirSignature).toBe(headers['webhook-signature']);
      }),
      { numRuns: 50 },
    );
    const headers = signWebhook({ secret, id: 'msg_1', timestamp: ts, body });
    expect(verifyWebhook({ secret, headers, body, now }).data).toEqual({ id: 'app_1' });
    expect(verifyWebhook({ secret, headers: new Headers(headers), body: Buffer.from(body), now }).type).toBe(
      'application.created',
    );
  });

  it('refuses missing headers, tampering, other secrets and stale or future timestamps', () => {
    const headers = signWebhook({ secret, id: 'msg_1', timestamp: ts, body });
    const other = `whsec_${randomBytes(32).toString('base64')}`;
    expect(
      codeOf(() => verifyWebhook({ secret, headers: { ...headers, 'webhook-id': '' }, body, now })),
    ).toBe('missing_header');
    expect(
      codeOf(() =>
        verifyWebhook({ secret, headers: { ...headers, 'webhook-timestamp': 'soon' }, body, now }),
      ),
    ).toBe('invalid_timestamp');
    expect(codeOf(() => verifyWebhook({ secret, headers, body: body.replace('app_1', 'app_2'), now }))).toBe(
      'invalid_signature',
    );
    expect(codeOf(() => verifyWebhook({ secret: other, headers, body, now }))).toBe('invalid_signature');
    const moved = signWebhook({ secret, id: 'msg_1', timestamp: ts + 1, body });
    expect(
      codeOf(() =>
        verifyWebhook({
          secret,
          headers: { ...headers, 'webhook-timestamp': moved['webhook-timestamp'] },
          body,
          now,
        }),
      ),
    ).toBe('invalid_signature');
    expect(
      codeOf(() => verifyWebhook({ secret, headers, body, now: new Date(now.getTime() + 301_000) })),
    ).toBe('timestamp_out_of_tolerance');
    expect(
      codeOf(() => verifyWebhook({ secret, headers, body, now: new Date(now.getTime() - 301_000) })),
    ).toBe('timestamp_out_of_tolerance');
    // Several signatures (during secret rotation): one match is enough.
    const rotated = { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` };
    expect(codeOf(() => verifyWebhook({ secret, headers: rotated, body, now }))).toBe('ok');
  });
});
