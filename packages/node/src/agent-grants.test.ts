import { ORIGIN_A, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminClient } from './admin.js';
import { createPartnerClient } from './partner.js';

describe('partner and admin clients: agent grants and group bots', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('exchanges a user’s session for a grant, and revokes it', async () => {
    const partner = createPartnerClient({ gateway: gw.url, secretKey: gw.partnerA.secretKey });
    const session = await partner.embedSessions.create({ userId: 'merchant-1', scenario: 'supply-chain' });
    const grant = await partner.agentGrants.create({
      sessionToken: session.token,
      tools: ['match_offers'],
      amountCap: { value: 5_000_000, currency: 'CNY' },
      scenario: 'supply-chain',
      agentName: 'Test agent',
    });
    expect(grant).toMatchObject({ status: 'active', tools: ['match_offers'], userId: 'merchant-1' });
    expect(grant.token).toMatch(/^fgt_/);
    const revoked = await partner.agentGrants.revoke(grant.id);
    expect(revoked).toMatchObject({ id: grant.id, status: 'revoked', revokedBy: 'partner' });
    // A scenario the session does not have is the caller's mistake: a problem with its code.
    await expect(
      partner.agentGrants.create({
        sessionToken: session.token,
        tools: ['match_offers'],
        amountCap: { value: 5_000_000, currency: 'CNY' },
        scenario: 'consumption',
        agentName: 'Test agent',
      }),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_request' });
  });

  it('configures a group bot and lists it, without its secrets', async () => {
    const admin = createAdminClient({ gateway: gw.url, apiKey: gw.admins.admin.apiKey });
    const bot = await admin.socialBots.create({
      partnerId: gw.partnerA.partner.id,
      platform: 'feishu',
      name: 'Association assistant',
      appId: 'cli_test',
      appSecret: 'app-secret-123',
      verificationToken: 'verification-123',
      encryptKey: 'encrypt-key-123',
      botOpenId: 'ou_bot',
      continueUrl: `${ORIGIN_A}/continue`,
      scenario: 'supply-chain',
    });
    expect(bot.callbackPath).toBe(`/v1/social/feishu/${bot.id}/events`);
    expect(bot.locale).toBe('zh-CN');
    const listed = await admin.socialBots.list();
    expect(listed.map((b) => b.id)).toContain(bot.id);
    expect(JSON.stringify(listed)).not.toContain('encrypt-key-123');
    const author = createAdminClient({ gateway: gw.url, apiKey: gw.admins.author.apiKey });
    await expect(author.socialBots.list()).rejects.toMatchObject({ status: 403 });
  });
});
