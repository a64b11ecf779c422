import { SocialBot } from '@finlet/contracts';
import type { FeishuSimulator } from './feishu-simulator.js';
import { ORIGIN_A, type TestGateway } from './harness.js';

/** Configures partner A's group bot (supply chain, English) against a Feishu simulator. */
export async function configureBot(gw: TestGateway, feishu: FeishuSimulator): Promise<SocialBot> {
  const created = await gw.api('POST', '/v1/admin/social-bots', {
    auth: gw.admins.admin.apiKey,
    body: {
      partnerId: gw.partnerA.partner.id,
      platform: 'feishu',
      name: 'Merchants’ association assistant',
      appId: feishu.appId,
      appSecret: feishu.appSecret,
      verificationToken: feishu.verificationToken,
      encryptKey: feishu.encryptKey,
      botOpenId: feishu.botOpenId,
      apiBase: feishu.apiBase,
      continueUrl: `${ORIGIN_A}/finance/continue`,
      scenario: 'supply-chain',
      locale: 'en',
    },
  });
  if (created.status !== 201) throw new Error(`bot: ${created.status} ${created.text}`);
  return SocialBot.parse(created.body);
}
