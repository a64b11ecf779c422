import { configureBot, FeishuSimulator, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartnerClient } from './partner.js';

describe('partner server redeems a group assistant’s private link', () => {
  let gw: TestGateway;
  let feishu: FeishuSimulator;

  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
    feishu = await new FeishuSimulator(() => gw.clock.now).start();
  });
  afterAll(async () => {
    await gw?.close();
    await feishu?.close();
  });

  it('once, for the member it was sent to', async () => {
    const bot = await configureBot(gw, feishu);
    const said = await feishu.say(`${gw.url}${bot.callbackPath}`, {
      chatId: 'oc_group',
      sender: 'ou_member',
      text: 'Am I eligible?',
      mentionBot: true,
    });
    expect(said.status).toBe(200);
    const dm = feishu.sent.find((s) => s.receiveIdType === 'open_id');
    const token = /finlet_continue=(fsc_\w+)/.exec(dm?.text ?? '')?.[1] ?? '';
    const partner = createPartnerClient({ gateway: gw.url, secretKey: gw.partnerA.secretKey });

    await expect(
      partner.socialContinuations.redeem({ token, memberId: 'ou_other', userId: 'u-1' }),
    ).rejects.toMatchObject({ status: 403, code: 'social_member_mismatch' });
    const redeemed = await partner.socialContinuations.redeem({
      token,
      memberId: 'ou_member',
      userId: 'u-1',
    });
    expect(redeemed).toMatchObject({
      memberId: 'ou_member',
      topic: 'Am I eligible?',
      scenario: 'supply-chain',
    });
    expect(redeemed.session.token.split('.')).toHaveLength(3);
    await expect(
      partner.socialContinuations.redeem({ token, memberId: 'ou_member', userId: 'u-1' }),
    ).rejects.toMatchObject({ status: 410, code: 'social_continuation_invalid' });
  });
});
