import type { Nudge, NudgeAccepted } from '@finlet/contracts';
import { createPartnerClient, verifyWebhook } from '@finlet/node';
import { inventoryOffer, startReceiver, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createClient } from './client.js';
import { FinletApiError } from './errors.js';

describe('nudges through @finlet/node and @finlet/client against a real gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite', {
      gateway: { webhooks: { allowLoopback: true, pollIntervalMs: 100 } },
    });
    await gw.publish({
      ...inventoryOffer,
      triggers: [
        {
          id: 'turnover-high',
          when: [{ kind: 'threshold', signal: 'inventory.turnover_days', op: 'gte', value: 60 }],
        },
      ],
    });
  });
  afterAll(async () => gw?.close());

  it('sends signals, lists, accepts and dismisses nudges, and manages webhook endpoints', async () => {
    const receiver = await startReceiver();
    try {
      const partner = createPartnerClient({ gateway: gw.url, secretKey: gw.partnerA.secretKey });
      const { secret, endpoint } = await partner.webhookEndpoints.create({ url: receiver.url });
      expect((await partner.webhookEndpoints.list()).map((e) => e.id)).toEqual([endpoint.id]);
      const signal = (id: string, subject: string) => ({
        id,
        type: 'inventory.turnover_days' as const,
        subject,
        occurredAt: new Date(gw.clock.now.getTime() - 60_000).toISOString(),
        data: { days: 70 },
      });
      const sent = await partner.signals.send({ signals: [signal('n-1', 'm-1'), signal('n-2', 'm-2')] });
      expect(sent).toMatchObject({ accepted: 2, duplicates: 0 });
      expect(sent.nudges).toHaveLength(2);
      expect(await partner.signals.send({ signals: [signal('n-1', 'm-1')] })).toEqual({
        accepted: 0,
        duplicates: 1,
        nudges: [],
      });

      const { token } = await partner.embedSessions.create({ userId: 'm-1', scenario: 'supply-chain' });
      const client = createClient({ gateway: gw.url, token });
      const nudges = await client.nudges.list();
      expectTypeOf(nudges).toEqualTypeOf<Nudge[]>();
      expect(nudges).toHaveLength(1);
      const accepted = await client.nudges.accept(nudges[0]?.id ?? '');
      expectTypeOf(accepted).toEqualTypeOf<NudgeAccepted>();
      expect(accepted).toMatchObject({ next: 'apply', apply: { offerId: 'scf-inventory-loan' } });
      const error = await client.nudges.dismiss(nudges[0]?.id ?? '').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FinletApiError);
      expect((error as FinletApiError).code).toBe('nudge_not_active');

      await receiver.until((r) => r.length === 2);
      const types = receiver.received.map(
        (r) => verifyWebhook({ secret, headers: r.headers as never, body: r.body }).type,
      );
      expect(types).toEqual(['nudge.created', 'nudge.created']);
      const events = await partner.webhookEvents.list({ type: 'nudge.created' });
      expect(events).toHaveLength(2);
      const replayed = await partner.webhookEvents.replay(events[0]?.id ?? '');
      expect(replayed.deliveries).toHaveLength(2);
      await receiver.until((r) => r.length === 3);
      const rotated = await partner.webhookEndpoints.rotateSecret(endpoint.id, { overlapHours: 1 });
      expect(rotated.secret).not.toBe(secret);
      expect((await partner.webhookEndpoints.disable(endpoint.id)).status).toBe('disabled');
    } finally {
      await receiver.close();
    }
  });
});
