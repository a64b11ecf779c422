import type { FxTable, FxTableContent, RailTable, RailTableContent } from '@finlet/contracts';
import { type ContentKind, versionedHandlers, versionedRoutes } from '../admin/versioned-routes.js';
import type { FeatureHandlers } from '../http/handler.js';
import type { GatewayDeps } from '../internal/deps.js';
import type { TableFilter } from './store.js';

/**
 * Rail tables and FX tables as versioned content. Both are published by the bank's product team;
 * quotes use every published rail table and the most recently published FX table. Their content
 * runs to megabytes, so audit entries record only the status.
 */
export function tableKinds(deps: GatewayDeps) {
  const onPublishedChange = () => deps.caches.changed('rails');
  const rails: ContentKind<RailTable, TableFilter> = {
    kind: 'rail_table',
    noun: 'rail table',
    segment: 'rail-tables',
    listKey: 'tables',
    versions: (store) => store.railTables,
    auditContent: false,
    onPublishedChange,
  };
  const fx: ContentKind<FxTable, TableFilter> = {
    ...rails,
    kind: 'fx_table',
    noun: 'FX table',
    segment: 'fx-tables',
    versions: (store) => store.fxTables,
  };
  return { rails, fx };
}

/** Admin API for rail tables and FX tables: the offer workflow (four eyes, versions, audit). */
export function railAdminHandlers(deps: GatewayDeps) {
  const { rails, fx } = tableKinds(deps);
  return {
    ...versionedRoutes('RailTable', versionedHandlers<RailTable, RailTableContent, TableFilter>(deps, rails)),
    ...versionedRoutes('FxTable', versionedHandlers<FxTable, FxTableContent, TableFilter>(deps, fx)),
  } satisfies FeatureHandlers;
}
