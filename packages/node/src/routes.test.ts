import { recordingFetch, routeCoverage, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, createAdminClient } from './admin.js';
import { createPartnerClient, type PartnerClient } from './partner.js';

describe('every call of the partner and admin clients', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
  });
  afterAll(async () => gw?.close());

  it('maps to a route of the contracts’ route list', async () => {
    const recorder = recordingFetch();
    const recording = recorder.fetch;
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
    const covered = { untested: [], unknown: [], silent: [], unrouted: [] };
    expect(await routeCoverage(partner, partnerCalls, recorder)).toEqual(covered);
    expect(await routeCoverage(admin, adminCalls, recorder)).toEqual(covered);
  });
});
