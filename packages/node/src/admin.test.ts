import { consumerOffer, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminClient } from './admin.js';
import { createEmbedSession, createPartnerClient } from './partner.js';

describe('partner-server helpers against a real gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
  });
  afterAll(async () => gw?.close());

  it('publishes an offer through the admin client with two identities', async () => {
    const author = createAdminClient({ gateway: gw.url, apiKey: gw.admins.author.apiKey });
    const approver = createAdminClient({ gateway: gw.url, apiKey: gw.admins.approver.apiKey });
    expect((await author.me()).role).toBe('author');
    const draft = await author.offers.create({ ...consumerOffer, id: 'node-offer' });
    await author.offers.updateDraft('node-offer', draft.version, {
      ...consumerOffer,
      id: 'node-offer',
      priority: 90,
    });
    await author.offers.submit('node-offer', 1);
    await expect(author.offers.approve('node-offer', 1)).rejects.toMatchObject({ code: 'forbidden' });
    await approver.offers.approve('node-offer', 1);
    expect((await approver.offers.publish('node-offer', 1)).status).toBe('published');
    expect((await author.offers.list({ status: 'published' })).map((o) => o.id)).toContain('node-offer');
    expect((await author.offers.versions('node-offer'))[0]?.priority).toBe(90);
    const audit = await approver.audit.list({ targetId: 'node-offer' });
    expect(audit[0]?.action).toBe('offer.publish');
    const admin = createAdminClient({ gateway: gw.url, apiKey: gw.admins.admin.apiKey });
    expect((await admin.partners.list()).length).toBeGreaterThanOrEqual(2);
  });

  it('mints an embed session sending the secret only in the Authorization header', async () => {
    const seen: Request[] = [];
    const session = await createEmbedSession(
      {
        gateway: gw.url,
        secretKey: gw.partnerA.secretKey,
        hooks: { beforeRequest: ({ request }) => void seen.push(request.clone()) },
      },
      { userId: 'u-1', scenario: 'consumption' },
    );
    expect(session.token.split('.')).toHaveLength(3);
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now());
    const [request] = seen;
    expect(request?.headers.get('authorization')).toBe(`Bearer ${gw.partnerA.secretKey}`);
    expect(request?.url).not.toContain(gw.partnerA.secretKey);
    expect(await request?.text()).not.toContain(gw.partnerA.secretKey);
    await expect(
      createPartnerClient({ gateway: gw.url, secretKey: gw.partnerB.secretKey }).applications.get(
        'app_AAAAAAAAAAAAAAAAAAAA',
      ),
    ).rejects.toMatchObject({ status: 404 });
    expect(() => createPartnerClient({ gateway: gw.url, secretKey: 'pk_live_x' })).toThrow(/fsk_/);
  });
});
