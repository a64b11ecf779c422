import { recordingFetch, routeCoverage, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import type { FinletClient } from './core.js';

describe('every call of the client', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
  });
  afterAll(async () => gw?.close());

  it('maps to a route of the contracts’ route list', async () => {
    const recorder = recordingFetch();
    const token = await gw.session(gw.partnerA, { userId: 'u-routes', scenario: 'consumption' });
    const client = createClient({ gateway: gw.url, token, fetch: recorder.fetch });
    const id = 'x-1';
    const input = {} as never;
    // Every method of every resource, with whatever input: only where the request goes matters here.
    const calls: Record<string, (c: FinletClient) => Promise<unknown>> = {
      'offers.match': (c) => c.offers.match(),
      'consents.create': (c) => c.consents.create(input),
      'consents.get': (c) => c.consents.get(id),
      'consents.withdraw': (c) => c.consents.withdraw(id),
      'applications.create': (c) => c.applications.create(input),
      'applications.get': (c) => c.applications.get(id),
      'applications.reply': (c) => c.applications.reply(id, input),
      'portfolio.healthCheck': (c) => c.portfolio.healthCheck(),
      'disclosures.record': (c) => c.disclosures.record(input),
      'nudges.list': (c) => c.nudges.list(),
      'nudges.dismiss': (c) => c.nudges.dismiss(id),
      'nudges.accept': (c) => c.nudges.accept(id),
      'agentGrants.list': (c) => c.agentGrants.list(),
      'agentGrants.revoke': (c) => c.agentGrants.revoke(id),
      'suitability.acknowledge': (c) => c.suitability.acknowledge(input),
      'suitability.questionnaire': (c) => c.suitability.questionnaire(),
      'suitability.assess': (c) => c.suitability.assess(input),
      'suitability.current': (c) => c.suitability.current(),
      'routes.quote': (c) => c.routes.quote(input),
      'routes.getQuote': (c) => c.routes.getQuote(id),
      'chat.send': async (c) => {
        for await (const _ of c.chat.send({ text: 'hi' })) break;
      },
      'chat.get': (c) => c.chat.get(id),
      'chat.delete': (c) => c.chat.delete(id),
      'chat.events': async (c) => {
        for await (const _ of c.chat.events(id)) break;
      },
      'chat.endHandoff': (c) => c.chat.endHandoff(id),
      health: (c) => c.health(),
    };
    // `extend` derives a client; `options` and `session` are state, not calls.
    expect(await routeCoverage(client, calls, recorder, { skip: ['extend', 'options', 'session'] })).toEqual({
      untested: [],
      unknown: [],
      silent: [],
      unrouted: [],
    });
  });
});
