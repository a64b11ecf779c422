import { randomUUID } from 'node:crypto';
import { Application, type PartnerCreated } from '@finlet/contracts';
import { createAdminKey, type GatewayConfig } from '@finlet/gateway';
import { consumerOffer, inventoryOffer } from './fixtures.js';
import { type Dialect, ORIGIN_A, ORIGIN_B, startTestGateway, type TestGateway } from './harness.js';

export interface Submission {
  partner: 'A' | 'B';
  userId: string;
  offer: 'consumer' | 'inventory';
  amountYuan: number;
  name: string;
  businessName?: string;
  phone?: string;
  email?: string;
  idNumber?: string;
  termMonths?: number;
  purpose?: string;
  signals?: Record<string, number | string | boolean>;
}

/** Publishes the two offers the workspace tests apply for. */
export async function publishWorkspaceOffers(gw: TestGateway): Promise<void> {
  await gw.publish(consumerOffer);
  await gw.publish(inventoryOffer);
}

/** A user applies through the real API: session, consent, submit. */
export async function submit(gw: TestGateway, s: Submission): Promise<Application> {
  const partner: PartnerCreated = s.partner === 'A' ? gw.partnerA : gw.partnerB;
  const origin = s.partner === 'A' ? ORIGIN_A : ORIGIN_B;
  const consumer = s.offer === 'consumer';
  const token = await gw.session(partner, {
    userId: s.userId,
    scenario: consumer ? 'consumption' : 'supply-chain',
    signals:
      s.signals ??
      (consumer ? { 'user.age': 30 } : { 'business.age_months': 30, 'inventory.turnover_days': 92 }),
  });
  const consent = await gw.consent(token, ['application.submit']);
  const scopes = s.idNumber ? [await gw.consent(token, ['sensitive.id_number'])] : [];
  const created = await gw.api('POST', '/v1/applications', {
    auth: token,
    headers: { origin, 'idempotency-key': randomUUID() },
    body: {
      offerId: consumer ? consumerOffer.id : inventoryOffer.id,
      amount: { value: s.amountYuan * 100, currency: 'CNY' },
      ...(s.termMonths ? { termMonths: s.termMonths } : {}),
      ...(s.purpose ? { purpose: s.purpose } : {}),
      applicant: {
        name: s.name,
        ...(s.businessName ? { businessName: s.businessName } : {}),
        ...(s.phone ? { phone: s.phone } : {}),
        ...(s.email ? { email: s.email } : {}),
        ...(s.idNumber ? { idNumber: s.idNumber } : {}),
      },
      consentIds: [consent.id, ...scopes.map((c) => c.id)],
    },
  });
  if (created.status !== 201) throw new Error(`submit: ${created.status} ${created.text}`);
  return Application.parse(created.body);
}

/**
 * A gateway for the bank's workspace webhooks: deliveries to loopback receivers polled every
 * 100 ms (500 ms timeout; `webhooks` adds to it), the workspace offers published, a reviewer's key
 * (named `Sun Li (reviewer)`), and the clock at real time, since receivers verify the signed
 * timestamps against their own.
 */
export async function startWorkspaceGateway(
  dialect: Dialect,
  webhooks: Partial<NonNullable<GatewayConfig['webhooks']>> = {},
): Promise<{ gw: TestGateway; reviewer: string }> {
  const gw = await startTestGateway(dialect, {
    gateway: { webhooks: { allowLoopback: true, pollIntervalMs: 100, timeoutMs: 500, ...webhooks } },
  });
  const reviewer = (await createAdminKey(gw.store, { name: 'Sun Li (reviewer)', role: 'reviewer' })).apiKey;
  await publishWorkspaceOffers(gw);
  gw.clock.now = new Date();
  return { gw, reviewer };
}
