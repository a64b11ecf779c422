import { type AdminRole, userDataAccess } from '@finlet/contracts';

/** Every page of the console, parsed from the path under `/console` (deep links work). */
export type Route =
  | { view: 'offers' }
  | { view: 'offer-new' }
  | { view: 'knowledge' }
  | { view: 'knowledge-new' }
  | { view: 'tables' }
  | { view: 'thesaurus' }
  | { view: 'thesaurus-new' }
  | { view: 'questionnaires' }
  | { view: 'partners' }
  | { view: 'admin-keys' }
  | { view: 'audit' }
  | { view: 'applications' }
  | { view: 'application'; id: string }
  | { view: 'funnel' }
  | { view: 'desk' }
  | { view: 'desk-handoff'; id: string }
  | {
      view: 'item';
      kind: 'offers' | 'knowledge' | 'rail-tables' | 'fx-tables' | 'thesaurus' | 'risk-questionnaires';
      id: string;
      version?: number;
    };

export const BASE = '/console';

/**
 * The roles besides `admin` (which may use every screen) that the gateway lets call the routes each
 * screen is built on; a screen is offered, and shown, only to them. Mirrors the gateway's role
 * checks: content lists (`adminCaller` default), partners and admin keys (admin only), the
 * application inbox (`APPLICATION_READERS`), the funnel (`getFunnel`), the desk (`HANDOFF_READERS`);
 * the audit log reads `USER_DATA_ROUTES`. route-roles.test.ts asks a real gateway, for every role
 * and screen, and fails where the two disagree.
 */
const CONTENT: readonly AdminRole[] = ['author', 'approver'];
const SCREEN_ROLES: Record<Exclude<Route['view'], 'audit'>, readonly AdminRole[]> = {
  offers: CONTENT,
  'offer-new': CONTENT,
  knowledge: CONTENT,
  'knowledge-new': CONTENT,
  tables: CONTENT,
  thesaurus: CONTENT,
  'thesaurus-new': CONTENT,
  questionnaires: CONTENT,
  item: CONTENT,
  partners: [],
  'admin-keys': [],
  applications: ['approver', 'reviewer', 'agent'],
  application: ['approver', 'reviewer', 'agent'],
  funnel: ['author', 'approver', 'reviewer'],
  desk: ['agent', 'reviewer', 'approver'],
  'desk-handoff': ['agent', 'reviewer', 'approver'],
};

/** Whether `role` may use the screen of `route` (the gateway would not refuse its requests). */
export function mayUse(route: Route, role: AdminRole): boolean {
  if (role === 'admin') return true;
  if (route.view === 'audit') return userDataAccess('listAudit', role) !== null;
  return SCREEN_ROLES[route.view].includes(role);
}

export function parseRoute(pathname: string): Route {
  const parts = pathname
    .replace(/^\/console\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const [section, id, versions, version] = parts;
  switch (section) {
    case undefined:
    case 'offers':
      if (id === 'new') return { view: 'offer-new' };
      return id ? item('offers', id, versions, version) : { view: 'offers' };
    case 'knowledge':
      if (id === 'new') return { view: 'knowledge-new' };
      return id ? item('knowledge', id, versions, version) : { view: 'knowledge' };
    case 'rail-tables':
    case 'fx-tables':
      return id ? item(section, id, versions, version) : { view: 'tables' };
    case 'tables':
      return { view: 'tables' };
    case 'thesaurus':
      if (id === 'new') return { view: 'thesaurus-new' };
      return id ? item('thesaurus', id, versions, version) : { view: 'thesaurus' };
    case 'risk-questionnaires':
      return id ? item(section, id, versions, version) : { view: 'questionnaires' };
    case 'partners':
      return { view: 'partners' };
    case 'admin-keys':
      return { view: 'admin-keys' };
    case 'audit':
      return { view: 'audit' };
    case 'applications':
      return id ? { view: 'application', id } : { view: 'applications' };
    case 'funnel':
      return { view: 'funnel' };
    case 'desk':
      return id ? { view: 'desk-handoff', id } : { view: 'desk' };
    default:
      return { view: 'offers' };
  }
}

function item(
  kind: 'offers' | 'knowledge' | 'rail-tables' | 'fx-tables' | 'thesaurus' | 'risk-questionnaires',
  id: string,
  versions: string | undefined,
  version: string | undefined,
): Route {
  const n = versions === 'versions' && version && /^\d{1,7}$/.test(version) ? Number(version) : undefined;
  return n ? { view: 'item', kind, id, version: n } : { view: 'item', kind, id };
}

/** The path of one item (and version) of `kind`. */
export function itemPath(kind: string, id: string, version?: number): string {
  return `${BASE}/${kind}/${encodeURIComponent(id)}${version ? `/versions/${version}` : ''}`;
}

/** The console page of one application's file. */
export function applicationPath(id: string): string {
  return `${BASE}/applications/${encodeURIComponent(id)}`;
}
