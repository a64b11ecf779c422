import { contentKind, contentRoutes } from '../admin/versioned-routes.js';
import type { FeatureHandlers } from '../http/handler.js';
import type { GatewayDeps } from '../internal/deps.js';

/** Knowledge documents as versioned content: publishing refreshes the advisor's index. */
export const knowledgeKind = (deps: GatewayDeps) =>
  contentKind('KnowledgeDocument', deps, {
    noun: 'document',
    audit: 'knowledge',
    versions: (s) => s.knowledge,
    caches: ['knowledge'],
    auditDraft: 'status',
  });

/** Admin API for knowledge documents: the offer workflow (four eyes, versions, audit) applied to documents. */
export function knowledgeHandlers(deps: GatewayDeps) {
  return { ...contentRoutes(deps, knowledgeKind(deps)) } satisfies FeatureHandlers;
}
