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
