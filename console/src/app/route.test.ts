import { describe, expect, it } from 'vitest';
import { applicationPath, itemPath, parseRoute } from './route.js';

describe('console routes', () => {
  it('parses deep links and round-trips item paths', () => {
    expect(parseRoute('/console')).toEqual({ view: 'offers' });
    expect(parseRoute('/console/')).toEqual({ view: 'offers' });
    expect(parseRoute('/console/offers/new')).toEqual({ view: 'offer-new' });
    expect(parseRoute('/console/audit')).toEqual({ view: 'audit' });
    expect(parseRoute('/console/tables')).toEqual({ view: 'tables' });
    expect(parseRoute('/console/risk-questionnaires')).toEqual({ view: 'questionnaires' });
    expect(parseRoute(itemPath('risk-questionnaires', 'investor-risk', 2))).toEqual({
      view: 'item',
      kind: 'risk-questionnaires',
      id: 'investor-risk',
      version: 2,
    });
    expect(parseRoute(itemPath('offers', 'scf-loan', 3))).toEqual({
      view: 'item',
      kind: 'offers',
      id: 'scf-loan',
      version: 3,
    });
    expect(parseRoute(itemPath('fx-tables', 'daily'))).toEqual({
      view: 'item',
      kind: 'fx-tables',
      id: 'daily',
    });
    expect(parseRoute('/console/offers/x/versions/abc')).toEqual({ view: 'item', kind: 'offers', id: 'x' });
    expect(parseRoute('/console/applications')).toEqual({ view: 'applications' });
    expect(parseRoute(applicationPath('app_1 x'))).toEqual({ view: 'application', id: 'app_1 x' });
    expect(parseRoute('/console/funnel')).toEqual({ view: 'funnel' });
    expect(parseRoute('/console/desk')).toEqual({ view: 'desk' });
    expect(parseRoute('/console/desk/hof_0123')).toEqual({ view: 'desk-handoff', id: 'hof_0123' });
    expect(parseRoute('/console/thesaurus')).toEqual({ view: 'thesaurus' });
    expect(parseRoute('/console/thesaurus/new')).toEqual({ view: 'thesaurus-new' });
    expect(parseRoute(itemPath('thesaurus', 'harvest-loan', 2))).toEqual({
      view: 'item',
      kind: 'thesaurus',
      id: 'harvest-loan',
      version: 2,
    });
    expect(parseRoute('/console/nowhere')).toEqual({ view: 'offers' });
  });
});
