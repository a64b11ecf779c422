import type { ThesaurusConcept, ThesaurusConceptContent } from '@finlet/contracts';
import { bankEntryConflict } from '@finlet/engine';
import type { TableFilter } from '../admin/table-store.js';
import { type ContentKind, versionedHandlers, versionedRoutes } from '../admin/versioned-routes.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';

/**
 * The bank's thesaurus concepts as versioned content. Published concepts extend Finlet's built-in
 * finance thesaurus in the advisor's retrieval, so publishing one (or retiring it) refreshes the
 * advisor's index on every instance, as a published document does.
 */
export function thesaurusKind(
  deps: GatewayDeps,
): ContentKind<ThesaurusConcept, TableFilter, ThesaurusConceptContent> {
  return {
    kind: 'thesaurus_concept',
    noun: 'thesaurus concept',
    segment: 'thesaurus',
    listKey: 'concepts',
    versions: (store) => store.thesaurus,
    auditContent: true,
    onPublishedChange: () => deps.caches.changed('knowledge'),
    check: (content) => {
      const conflict = bankEntryConflict(content);
      if (conflict) {
        throw new HttpProblem('thesaurus_kind_conflict', {
          detail: `kind: ${conflict}.`,
          errors: [{ path: 'kind', message: conflict }],
        });
      }
    },
  };
}

/** Admin API for thesaurus concepts: the offer workflow (four eyes, versions, audit). */
export function thesaurusHandlers(deps: GatewayDeps) {
  const handlers = versionedHandlers<ThesaurusConcept, ThesaurusConceptContent, TableFilter>(
    deps,
    thesaurusKind(deps),
  );
  return { ...versionedRoutes('ThesaurusConcept', handlers) } satisfies FeatureHandlers;
}
