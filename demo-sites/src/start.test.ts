import { createPartner } from '@finlet/gateway';
import { createPartnerClient } from '@finlet/node';
import { startTestGateway, type TestGateway } from '@finlet/testing';
import { loadDemoOffers } from '@finlet/testing/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_HANDLES, type SiteHandle } from './sites.js';
import { startDemoSites } from './start.js';

const SCENARIOS: Record<SiteHandle, string> = {
  tourism: 'tourism',
  government: 'government',
  consumption: 'consumption',
  'supply-chain': 'supply-chain',
};

type Partners = Record<SiteHandle, { partnerId: string; secretKey: string }>;
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway('sqlite', {
    gateway: { webhooks: { allowLoopback: true, pollIntervalMs: 50 } },
  });
  // The same demo offer `finlet dev` publishes, whose trigger watches inventory turnover. Its quiet
  // hours (22:00–08:00 Shanghai) would hold the nudge webhook back at night; this file is about the
  // sites and their webhook receivers, so the copy published here has none (quiet hours are tested
  // with an injected clock in the gateway's signals tests).
  const offers = await loadDemoOffers(gw.clock.now);
  const offer = offers.find((o) => o.id === 'scf-inventory-financing')!;
  const triggers = offer.triggers?.map(({ quietHours: _quiet, ...trigger }) => trigger) ?? [];
  await gw.publish({ ...offer, triggers });
});

/** Fresh demo partners: the gateway caches a partner's origins for a few seconds per instance. */
async function newPartners(): Promise<Partners> {
  const partners = {} as Partners;
  for (const handle of SITE_HANDLES) {
    const made = await createPartner(gw.store, {
      name: `Demo ${handle}`,
      origins: ['http://127.0.0.1:1'],
      scenarios: [SCENARIOS[handle] as 'tourism'],
    });
    partners[handle] = { partnerId: made.partner.id, secretKey: made.secretKey };
  }
  return partners;
}

afterAll(async () => {
  await gw?.close();
});

const start = async (partners?: Partners) => {
  const keys = partners ?? (await newPartners());
  return startDemoSites({
    gatewayUrl: gw.url,
    partners: keys,
    ports: { tourism: 0, government: 0, consumption: 0, 'supply-chain': 0, index: 0 },
    onListening: async (origins) => {
      for (const handle of SITE_HANDLES)
        await gw.store.partners.updateOrigins(keys[handle].partnerId, [origins[handle]]);
    },
  });
};

describe('startDemoSites', () => {
  it('registers one webhook receiver per site and replaces those of an earlier run', async () => {
    const partners = await newPartners();
    const first = await start(partners);
    await first.close();
    const second = await start(partners);
    try {
      const client = createPartnerClient({ gateway: gw.url, secretKey: partners.consumption.secretKey });
      const endpoints = await client.webhookEndpoints.list();
      const active = endpoints.filter((e) => e.status === 'active');
      expect(active.map((e) => e.id)).toEqual([second.sites.consumption.webhookEndpointId]);
      expect(active[0]!.url).toBe(`${second.sites.consumption.url}webhooks/finlet`);
      expect(endpoints.find((e) => e.id === first.sites.consumption.webhookEndpointId)?.status).toBe(
        'disabled',
      );
    } finally {
      await second.close();
    }
  });

  it('mints a session bound to the site for its signed-in user, and verifies the webhooks it gets', async () => {
    const demo = await start();
    try {
      const site = demo.sites['supply-chain'].url;
      expect((await fetch(`${site}api/finlet-session`, { method: 'POST' })).status).toBe(401);
      const login = await fetch(`${site}api/login`, { method: 'POST' });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const minted = (await (
        await fetch(`${site}api/finlet-session`, { method: 'POST', headers: { cookie } })
      ).json()) as { token: string };
      const claims = JSON.parse(Buffer.from(minted.token.split('.')[1]!, 'base64url').toString()) as {
        org?: string;
      };
      expect(claims.org ?? site.slice(0, -1)).toBe(site.slice(0, -1));

      // The merchant's backend reports slowing turnover: the gateway raises a nudge and tells the
      // site's webhook receiver, which verifies the signature before logging it.
      const sent = (await (
        await fetch(`${site}api/signals/slow-turnover`, { method: 'POST', headers: { cookie } })
      ).json()) as { accepted: number; nudges: string[] };
      expect(sent.accepted).toBe(3);
      expect(sent.nudges.length).toBeGreaterThan(0);
      await expect
        .poll(
          async () =>
            (
              (await (await fetch(`${site}api/dev/log`)).json()) as {
                entries: { kind: string; type: string }[];
              }
            ).entries,
          { timeout: 10_000 },
        )
        .toContainEqual(expect.objectContaining({ kind: 'webhook', type: 'nudge.created' }));
    } finally {
      await demo.close();
    }
  });

  it('serves pages with the strict CSP and never a file outside the site', async () => {
    const demo = await start();
    try {
      const page = await fetch(demo.sites.tourism.url);
      expect(page.headers.get('content-security-policy')).toContain(`script-src 'self' ${gw.url}`);
      expect(await page.text()).toContain(`src="${gw.url}/finlet.js"`);
      expect((await fetch(`${demo.sites.tourism.url}..%2f..%2fpackage.json`)).status).toBe(404);
      expect((await fetch(`${demo.sites.tourism.url}common/../../src/sites.ts`)).status).toBe(404);
      const index = await (await fetch(demo.indexUrl)).text();
      for (const handle of SITE_HANDLES) expect(index).toContain(`href="${demo.sites[handle].url}"`);
    } finally {
      await demo.close();
    }
  });

  it('starts the group chat with an admin key: its bot configured, its card on the index page', async () => {
    const partners = await newPartners();
    const demo = await startDemoSites({
      gatewayUrl: gw.url,
      partners,
      adminKey: gw.admins.admin.apiKey,
      ports: { tourism: 0, government: 0, consumption: 0, 'supply-chain': 0, index: 0, 'group-chat': 0 },
      onListening: async (origins) => {
        for (const handle of SITE_HANDLES) {
          const extra = handle === 'supply-chain' && origins['group-chat'] ? [origins['group-chat']] : [];
          await gw.store.partners.updateOrigins(partners[handle].partnerId, [origins[handle], ...extra]);
        }
      },
    });
    try {
      expect(demo.groupChat?.agentUrl).toBe(`${demo.groupChat?.url}agent.html`);
      const bots = await gw.api<{ bots: Array<{ id: string; partnerId: string; continueUrl: string }> }>(
        'GET',
        '/v1/admin/social-bots',
        { auth: gw.admins.admin.apiKey },
      );
      const bot = bots.body.bots.find((b) => b.id === demo.groupChat?.botId);
      expect(bot?.partnerId).toBe(partners['supply-chain'].partnerId);
      expect(bot?.continueUrl).toBe(`${demo.groupChat?.url}continue.html`);
      const index = await (await fetch(demo.indexUrl)).text();
      expect(index).toContain(
        `<li class="card" data-site="group-chat" ><h2><a href="${demo.groupChat?.url}"`,
      );
      const page = await fetch(demo.groupChat!.url);
      expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${gw.url}`);
    } finally {
      await demo.close();
    }
    // Without one, the four partner sites start alone and the group chat's card stays hidden.
    const plain = await start();
    try {
      expect(plain.groupChat).toBeUndefined();
      expect(await (await fetch(plain.indexUrl)).text()).toContain('data-site="group-chat" hidden>');
    } finally {
      await plain.close();
    }
  });
});
