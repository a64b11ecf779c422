import { contentKind, contentRoutes } from '../admin/versioned-routes.js';
import type { FeatureHandlers } from '../http/handler.js';
import type { GatewayDeps } from '../internal/deps.js';

/**
 * Rail tables and FX tables as versioned content. Both are published by the bank's product team;
 * quotes use every published rail table and the most recently published FX table. Their content
 * runs to megabytes, so audit entries record only the status.
 */
export function tableKinds(deps: GatewayDeps) {
  const table = { caches: ['rails'], auditDraft: 'status' } as const;
  return {
    rails: contentKind('RailTable', deps, { noun: 'rail table', versions: (s) => s.railTables, ...table }),
    fx: contentKind('FxTable', deps, { noun: 'FX table', versions: (s) => s.fxTables, ...table }),
  };
}

/** Admin API for rail tables and FX tables: the offer workflow (four eyes, versions, audit). */
export function railAdminHandlers(deps: GatewayDeps) {
  const { rails, fx } = tableKinds(deps);
  return { ...contentRoutes(deps, rails), ...contentRoutes(deps, fx) } satisfies FeatureHandlers;
}
