import { ROUTES } from '@finlet/contracts';
import { startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import type { FinletClient } from './core.js';

/** Whether `method path` is a route of the list (`{param}` matching one encoded segment). */
function routeOf(method: string, pathname: string) {
  return ROUTES.find(
    (route) =>
      route.method === method.toLowerCase() &&
      new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(pathname),
  )?.operationId;
}

describe('every call of the client', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
  });
  afterAll(async () => gw?.close());

  it('maps to a route of the contracts’ route list', async () => {
    const sent: string[] = [];
    const token = await gw.session(gw.partnerA, { userId: 'u-routes', scenario: 'consumption' });
    const client = createClient({
      gateway: gw.url,
      token,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        sent.push(`${request.method} ${new URL(request.url).pathname}`);
        return fetch(request);
      },
    });
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
    const methods = Object.entries(client).flatMap(([name, value]) =>
      typeof value === 'function'
        ? name === 'extend'
          ? []
          : [name]
        : name === 'options' || name === 'session'
          ? []
          : Object.keys(value).map((m) => `${name}.${m}`),
    );
    expect(Object.keys(calls).sort()).toEqual(methods.sort());
    for (const [name, call] of Object.entries(calls)) {
      const before = sent.length;
      await call(client).catch(() => undefined);
      expect(sent.length, name).toBeGreaterThan(before);
    }
    const unknown = sent.filter((line) => {
      const [method = '', path = ''] = line.split(' ');
      return routeOf(method, path) === undefined;
    });
    expect(unknown).toEqual([]);
  });
});
