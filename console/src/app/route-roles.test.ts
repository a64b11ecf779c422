import { AdminRole } from '@finlet/contracts';
import { startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayUse, type Route } from './route.js';

// The console offers a screen to a role only when the gateway lets that role read what the screen
// is built on (route.ts keeps the console's side of it). Here the gateway itself is asked, for
// every role and every screen, so the two cannot drift apart: a role the gateway opens a route to
// but the console hides the screen from, or the reverse (a screen that would only show refusals).

/** What each screen reads first; a screen to create something opens from its list and reads that. */
const SCREEN_READS: Record<Route['view'], readonly string[]> = {
  offers: ['/v1/admin/offers'],
  'offer-new': ['/v1/admin/offers'],
  knowledge: ['/v1/admin/knowledge'],
  'knowledge-new': ['/v1/admin/knowledge'],
  tables: ['/v1/admin/rail-tables', '/v1/admin/fx-tables'],
  thesaurus: ['/v1/admin/thesaurus'],
  'thesaurus-new': ['/v1/admin/thesaurus'],
  questionnaires: ['/v1/admin/risk-questionnaires'],
  item: [
    '/v1/admin/offers',
    '/v1/admin/knowledge',
    '/v1/admin/rail-tables',
    '/v1/admin/fx-tables',
    '/v1/admin/thesaurus',
    '/v1/admin/risk-questionnaires',
  ],
  partners: ['/v1/admin/partners'],
  'admin-keys': ['/v1/admin/admin-keys'],
  audit: ['/v1/admin/audit'],
  applications: ['/v1/admin/applications'],
  application: ['/v1/admin/applications'],
  funnel: ['/v1/admin/analytics/funnel?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z'],
  desk: ['/v1/admin/handoffs'],
  'desk-handoff': ['/v1/admin/handoffs'],
};

/** A route of each view, as `parseRoute` would give it. */
function routeOf(view: Route['view']): Route {
  if (view === 'application' || view === 'desk-handoff') return { view, id: 'x' };
  if (view === 'item') return { view, kind: 'offers', id: 'x' };
  return { view } as Route;
}

let gw: TestGateway;
const keys = {} as Record<AdminRole, string>;

beforeAll(async () => {
  gw = await startTestGateway('sqlite');
  for (const role of AdminRole.options) keys[role] = (await gw.adminKey({ name: role, role })).apiKey;
});
afterAll(async () => gw?.close());

describe('console screens and the gateway roles', () => {
  it('offers each screen to exactly the roles the gateway lets read it', async () => {
    const disagreements: string[] = [];
    for (const view of Object.keys(SCREEN_READS) as Route['view'][]) {
      for (const role of AdminRole.options) {
        const statuses = await Promise.all(
          SCREEN_READS[view].map(async (path) => (await gw.api('GET', path, { auth: keys[role] })).status),
        );
        // Any other answer (a 400 for a missing filter, a 500) is not a role decision: fail on it.
        for (const status of statuses)
          expect([200, 403], `${role} GET for ${view}: ${status}`).toContain(status);
        const gatewayLets = statuses.every((status) => status === 200);
        if (gatewayLets !== mayUse(routeOf(view), role)) {
          disagreements.push(
            `${view} / ${role}: console ${mayUse(routeOf(view), role) ? 'offers' : 'hides'} it, gateway answers ${statuses.join(', ')}`,
          );
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
