import { ROUTES } from '@finlet/contracts';
import { startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, createAdminClient } from './admin.js';
import { createPartnerClient, type PartnerClient } from './partner.js';

/** Whether `method path` is a route of the list (`{param}` matching one encoded segment). */
function isRoute(line: string): boolean {
  const [method = '', path = ''] = line.split(' ');
  return ROUTES.some(
    (route) =>
      route.method === method.toLowerCase() &&
      new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
  );
}

/** The name of every method of a client object, `resource.method`. */
function methodsOf(client: object): string[] {
  return Object.entries(client).flatMap(([name, value]) =>
    typeof value === 'function' ? [name] : Object.keys(value as object).map((m) => `${name}.${m}`),
  );
}

describe('every call of the partner and admin clients', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
  });
  afterAll(async () => gw?.close());

  it('maps to a route of the contracts’ route list', async () => {
    const sent: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    };
    const partner = createPartnerClient({
      gateway: gw.url,
      secretKey: gw.partnerA.secretKey,
      fetch: recording,
    });
    const admin = createAdminClient({ gateway: gw.url, apiKey: gw.admins.admin.apiKey, fetch: recording });
    const id = 'x-1';
    const input = {} as never;
    const partnerCalls: Record<string, (c: PartnerClient) => Promise<unknown>> = {
      'embedSessions.create': (c) => c.embedSessions.create(input),
      'applications.get': (c) => c.applications.get(id),
      'signals.send': (c) => c.signals.send(input),
      'webhookEndpoints.list': (c) => c.webhookEndpoints.list(),
      'webhookEndpoints.create': (c) => c.webhookEndpoints.create(input),
      'webhookEndpoints.rotateSecret': (c) => c.webhookEndpoints.rotateSecret(id),
      'webhookEndpoints.disable': (c) => c.webhookEndpoints.disable(id),
      'agentGrants.create': (c) => c.agentGrants.create(input),
      'agentGrants.revoke': (c) => c.agentGrants.revoke(id),
      'socialContinuations.redeem': (c) => c.socialContinuations.redeem(input),
      'webhookEvents.list': (c) => c.webhookEvents.list(),
      'webhookEvents.replay': (c) => c.webhookEvents.replay(id),
    };
    const adminCalls: Record<string, (c: AdminClient) => Promise<unknown>> = {
      me: (c) => c.me(),
      'partners.list': (c) => c.partners.list(),
      'partners.create': (c) => c.partners.create(input),
      'offers.list': (c) => c.offers.list({ status: 'published' }),
      'offers.create': (c) => c.offers.create(input),
      'offers.versions': (c) => c.offers.versions(id),
      'offers.createVersion': (c) => c.offers.createVersion(id, input),
      'offers.updateDraft': (c) => c.offers.updateDraft(id, 1, input),
      'offers.submit': (c) => c.offers.submit(id, 1),
      'offers.approve': (c) => c.offers.approve(id, 1),
      'offers.reject': (c) => c.offers.reject(id, 1),
      'offers.publish': (c) => c.offers.publish(id, 1),
      'offers.retire': (c) => c.offers.retire(id, 1),
      'audit.list': (c) => c.audit.list(),
      'socialBots.list': (c) => c.socialBots.list(),
      'socialBots.create': (c) => c.socialBots.create(input),
    };
    expect(Object.keys(partnerCalls).sort()).toEqual(methodsOf(partner).sort());
    expect(Object.keys(adminCalls).sort()).toEqual(methodsOf(admin).sort());
    for (const [name, call] of Object.entries(partnerCalls)) {
      const before = sent.length;
      await call(partner).catch(() => undefined);
      expect(sent.length, name).toBeGreaterThan(before);
    }
    for (const [name, call] of Object.entries(adminCalls)) {
      const before = sent.length;
      await call(admin).catch(() => undefined);
      expect(sent.length, name).toBeGreaterThan(before);
    }
    expect(sent.filter((line) => !isRoute(line))).toEqual([]);
  });
});
