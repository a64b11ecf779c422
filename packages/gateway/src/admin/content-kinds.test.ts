import { describe, expect, it } from 'vitest';
import type { Handlers } from '../http/handler.js';
import type { GatewayDeps } from '../internal/deps.js';
import type { Store } from '../storage/store.js';
import { type ContentKind, type ContentOf, contentKind, contentRoutes } from './versioned-routes.js';

// A kind's content, named by its routes, types its store, its check and its handlers: registering
// a kind with another kind's store, or serving one kind's handlers under another's operation ids,
// does not compile. The `@ts-expect-error` lines below fail `tsc -p tsconfig.tests.json` as soon as
// the typing is loosened (an `as` cast, a store type no longer tied to the content).

const deps: Pick<GatewayDeps, 'caches'> = { caches: { changed: async () => {} } } as Pick<
  GatewayDeps,
  'caches'
>;

describe('content kinds are typed by their operation noun', () => {
  it('registers a kind with its own store; another kind’s store or content is a type error', () => {
    const offers = contentKind('Offer', deps, {
      noun: 'offer',
      versions: (s: Store) => s.offers,
      caches: [],
      check: (content) => void content.texts['zh-CN'].name,
    });
    expect([offers.segment, offers.listKey, offers.kind]).toEqual(['offers', 'offers', 'offer']);

    // @ts-expect-error knowledge documents are not offers
    contentKind('Offer', deps, { noun: 'offer', versions: (s: Store) => s.knowledge, caches: [] });
    contentKind('KnowledgeDocument', deps, {
      noun: 'document',
      // @ts-expect-error rail tables are not knowledge documents
      versions: (s: Store) => s.railTables,
      caches: [],
    });
    // @ts-expect-error FX tables are not rail tables
    contentKind('RailTable', deps, { noun: 'rail table', versions: (s: Store) => s.fxTables, caches: [] });
    contentKind('ThesaurusConcept', deps, {
      noun: 'thesaurus concept',
      versions: (s: Store) => s.thesaurus,
      caches: [],
      // @ts-expect-error an offer's check does not apply to thesaurus concepts
      check: (content) => void content.productType,
    });
    expect(() =>
      // @ts-expect-error no route is named after this noun (and at run time no list route either)
      contentKind('Nonsense', deps, { noun: 'nonsense', versions: (s: Store) => s.offers, caches: [] }),
    ).toThrow(/listNonsenses/);
  });

  it('serves a kind’s handlers under its own operation ids only', () => {
    const knowledge = contentKind('KnowledgeDocument', deps, {
      noun: 'document',
      versions: (s: Store) => s.knowledge,
      caches: [],
    });
    const offerKind: ContentKind<ContentOf<'Offer'>, unknown> = contentKind('Offer', deps, {
      noun: 'offer',
      versions: (s: Store) => s.offers,
      caches: [],
    });
    expect(offerKind.noun).toBe('offer');
    // @ts-expect-error a knowledge kind is not an offer kind
    const wrong: ContentKind<ContentOf<'Offer'>, unknown> = knowledge;
    expect(wrong.noun).toBe('document');

    const routes = contentRoutes(deps as GatewayDeps, knowledge);
    const served: Pick<Handlers, 'listKnowledgeDocuments' | 'publishKnowledgeDocument'> = routes;
    expect(Object.keys(served)).toContain('listKnowledgeDocuments');
    // @ts-expect-error knowledge handlers do not serve the offer routes
    const offerRoutes: Pick<Handlers, 'listOffers'> = routes;
    expect(offerRoutes).toBe(routes);
  });
});
