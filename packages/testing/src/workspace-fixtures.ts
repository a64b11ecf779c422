import { randomUUID } from 'node:crypto';
import { Application, type PartnerCreated } from '@finlet/contracts';
import { consumerOffer, inventoryOffer } from './fixtures.js';
import { ORIGIN_A, ORIGIN_B, type TestGateway } from './harness.js';

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
