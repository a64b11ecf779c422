import type { KnowledgeDocument, KnowledgeDocumentContent } from '@finlet/contracts';
import { type ContentKind, versionedHandlers, versionedRoutes } from '../admin/versioned-routes.js';
import type { FeatureHandlers } from '../http/handler.js';
import type { GatewayDeps } from '../internal/deps.js';
import type { KnowledgeFilter } from './store.js';

/** Knowledge documents as versioned content: publishing refreshes the advisor's index. */
export function knowledgeKind(deps: GatewayDeps): ContentKind<KnowledgeDocument, KnowledgeFilter> {
  return {
    kind: 'knowledge',
    noun: 'document',
    segment: 'knowledge',
    listKey: 'documents',
    versions: (store) => store.knowledge,
    auditContent: false,
    onPublishedChange: () => deps.caches.changed('knowledge'),
  };
}

/** Admin API for knowledge documents: the offer workflow (four eyes, versions, audit) applied to documents. */
export function knowledgeHandlers(deps: GatewayDeps) {
  const handlers = versionedHandlers<KnowledgeDocument, KnowledgeDocumentContent, KnowledgeFilter>(
    deps,
    knowledgeKind(deps),
  );
  return { ...versionedRoutes('KnowledgeDocument', handlers) } satisfies FeatureHandlers;
}
