import { createPartnerClient } from '@finlet/node';
import { inventoryOffer, startTestGateway, type TestGateway } from '@finlet/testing';

/**
 * A gateway with the inventory loan published, and a way to mint sessions for one supply-chain
 * merchant whose signals the advisor can answer about.
 */
export async function startChatGateway(userId: string): Promise<{
  gw: TestGateway;
  mint: () => Promise<{ token: string; expiresAt: string }>;
}> {
  const gw = await startTestGateway('sqlite');
  await gw.publish(inventoryOffer);
  const partner = createPartnerClient({ gateway: gw.url, secretKey: gw.partnerA.secretKey });
  const mint = () =>
    partner.embedSessions.create({
      userId,
      scenario: 'supply-chain',
      signals: { 'business.age_months': 30, 'inventory.turnover_days': 60 },
    });
  return { gw, mint };
}
