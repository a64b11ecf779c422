import { bankEntryConflict } from '@finlet/engine';
import { contentKind, contentRoutes } from '../admin/versioned-routes.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';

/**
 * The bank's thesaurus concepts as versioned content. Published concepts extend Finlet's built-in
 * finance thesaurus in the advisor's retrieval, so publishing one (or retiring it) refreshes the
 * advisor's index on every instance, as a published document does.
 */
export const thesaurusKind = (deps: GatewayDeps) =>
  contentKind('ThesaurusConcept', deps, {
    noun: 'thesaurus concept',
    versions: (s) => s.thesaurus,
    caches: ['knowledge'],
    check: (content) => {
      const conflict = bankEntryConflict(content);
      if (!conflict) return;
      throw new HttpProblem('thesaurus_kind_conflict', {
        detail: `kind: ${conflict}.`,
        errors: [{ path: 'kind', message: conflict }],
      });
    },
  });

/** Admin API for thesaurus concepts: the offer workflow (four eyes, versions, audit). */
export function thesaurusHandlers(deps: GatewayDeps) {
  return { ...contentRoutes(deps, thesaurusKind(deps)) } satisfies FeatureHandlers;
}
