import { randomBytes } from 'node:crypto';
import { inventoryOffer, startReceiver, startTestGateway } from '@finlet/testing';
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
    expect(codeOf(() => verifyWebhook({ secret: 'whsec_@@@@', headers, body, now }))).toBe(
      'invalid_signature',
    );
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

describe('a webhook the gateway sent', () => {
  it('verifies as sent, and is refused tampered, re-stamped, expired or under another secret', async () => {
    const gw = await startTestGateway('sqlite', {
      gateway: { webhooks: { allowLoopback: true, pollIntervalMs: 50 } },
    });
    const receiver = await startReceiver();
    try {
      await gw.publish({
        ...inventoryOffer,
        triggers: [
          {
            id: 'any-receivable',
            when: [{ kind: 'threshold', signal: 'receivables.outstanding', op: 'gte', value: 100 }],
          },
        ],
      });
      const registered = await gw.api('POST', '/v1/webhook-endpoints', {
        auth: gw.partnerA.secretKey,
        body: { url: receiver.url, eventTypes: ['nudge.created'] },
      });
      expect(registered.status, registered.text).toBe(201);
      const { secret: endpointSecret } = registered.body as { secret: string };
      const signal = await gw.api('POST', '/v1/signals', {
        auth: gw.partnerA.secretKey,
        body: {
          signals: [
            {
              id: 'sig-webhook-1',
              type: 'receivables.outstanding',
              subject: 'webhook-user-1',
              occurredAt: gw.clock.now.toISOString(),
              data: { amount: { value: 5_000, currency: 'CNY' } },
            },
          ],
        },
      });
      expect(signal.status, signal.text).toBe(200);
      await receiver.until((r) => r.length === 1, 60_000);
      const [delivered] = receiver.received;
      const headers = delivered!.headers as Record<string, string>;
      const sent = delivered!.body;
      // The partner checks the timestamp against its own clock: the moment the gateway stamped it.
      const at = new Date(Number(headers['webhook-timestamp']) * 1000);
      const verify = (input: {
        headers?: Record<string, string>;
        body?: string;
        now?: Date;
        secret?: string;
      }) =>
        codeOf(() =>
          verifyWebhook({
            secret: input.secret ?? endpointSecret,
            headers: input.headers ?? headers,
            body: input.body ?? sent,
            now: input.now ?? at,
          }),
        );

      expect(verifyWebhook({ secret: endpointSecret, headers, body: sent, now: at })).toMatchObject({
        type: 'nudge.created',
      });
      expect(verify({ body: sent.replace('nudge.created', 'nudge.creatEd') })).toBe('invalid_signature');
      expect(
        verify({
          headers: { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 1) },
        }),
      ).toBe('invalid_signature');
      expect(verify({ headers: { ...headers, 'webhook-id': `${headers['webhook-id']}x` } })).toBe(
        'invalid_signature',
      );
      expect(verify({ secret })).toBe('invalid_signature');
      expect(verify({ now: new Date(at.getTime() + 301_000) })).toBe('timestamp_out_of_tolerance');
      expect(verify({ now: new Date(at.getTime() + 299_000) })).toBe('ok');
    } finally {
      await receiver.close();
      await gw.close();
    }
  });
});
