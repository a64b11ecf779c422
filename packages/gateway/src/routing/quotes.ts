import type { FxTable, RailTable, RouteQuote } from '@finlet/contracts';
import { buildRouteNetwork, FxBook, quoteRoutes, type RouteFailure, type RouteNetwork } from '@finlet/engine';
import { sessionCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';
import { newId } from '../internal/ids.js';

/** How long a quote holds; never past the moment its FX rates go stale. */
export const QUOTE_TTL_SECONDS = 600;

/**
 * The published network and FX book, rebuilt only when a published version changes. The tables
 * are kept for `caches.ttlMs()` and dropped when a rail or FX table is published or retired on
 * any instance (over the bus); any instance rebuilds the same thing from the database.
 */
class PublishedRails {
  private key = '';
  private network: RouteNetwork | undefined;
  private book: FxBook | undefined;
  private tables: { rails: RailTable[]; fxTables: FxTable[]; until: number } | undefined;
  private generation = 0;

  constructor(deps: GatewayDeps) {
    deps.caches.on('rails', () => {
      this.generation++;
      this.tables = undefined;
    });
  }

  private async published(deps: GatewayDeps): Promise<{ rails: RailTable[]; fxTables: FxTable[] }> {
    if (this.tables && this.tables.until >= Date.now()) return this.tables;
    const generation = this.generation;
    const [rails, fxTables] = await Promise.all([
      deps.store.railTables.listPublished(),
      deps.store.fxTables.listPublished(),
    ]);
    if (generation === this.generation) {
      this.tables = { rails, fxTables, until: Date.now() + deps.caches.ttlMs() };
    }
    return { rails, fxTables };
  }

  async load(
    deps: GatewayDeps,
  ): Promise<{ network: RouteNetwork; book: FxBook; fx: FxTable; rails: RailTable[] }> {
    const { rails, fxTables } = await this.published(deps);
    if (rails.length === 0) {
      throw new HttpProblem('route_corridor_not_supported', { detail: 'No rail table is published yet.' });
    }
    const fx = fxTables[0];
    if (!fx) throw new HttpProblem('fx_rates_stale', { detail: 'No FX table is published yet.' });
    const key = `${rails.map((r) => `${r.id}@${r.version}`).join(',')}|${fx.id}@${fx.version}`;
    if (key !== this.key || !this.network || !this.book) {
      this.network = buildRouteNetwork(rails);
      this.book = new FxBook(fx);
      this.key = key;
    }
    return { network: this.network, book: this.book, fx, rails };
  }
}

/** Which constraint refused the quote, as a problem with a stable code. */
export function routeProblem(failure: RouteFailure): HttpProblem {
  switch (failure.reason) {
    case 'fx_stale':
      return new HttpProblem('fx_rates_stale', { detail: failure.message });
    case 'corridor':
      return new HttpProblem('route_corridor_not_supported', {
        detail: failure.message,
        errors: [{ path: 'toCurrency', message: failure.message }],
      });
    case 'purpose':
      return new HttpProblem('route_purpose_not_supported', {
        detail: failure.message,
        errors: [
          { path: 'purpose', message: `accepted on this corridor: ${failure.allowed.join(', ') || 'none'}` },
        ],
      });
    case 'party':
      return new HttpProblem('route_party_not_supported', {
        detail: failure.message,
        errors: [{ path: 'payerType', message: failure.message }],
      });
    case 'amount':
      return new HttpProblem('route_amount_out_of_limits', {
        detail: failure.message,
        errors: failure.failures.slice(0, 10).map((f) => ({
          path: 'amount.value',
          code: f.bound,
          message: `${f.path}: leg ${f.legId} ${f.bound === 'fees' ? 'fees exceed the amount' : `${f.bound} ${f.limit.value} ${f.limit.currency}, got ${f.amount.value} ${f.amount.currency}`}`,
        })),
      });
  }
}

/** `POST /v1/routes/quote` and `GET /v1/routes/quotes/{id}`: the engine decides, this stores and answers. */
export function routeQuoteHandlers(deps: GatewayDeps) {
  const published = new PublishedRails(deps);
  return {
    quoteRoutes: async (c, { body: request }) => {
      const { partner, claims } = sessionCaller(c);
      const now = deps.clock();
      const { network, book, fx } = await published.load(deps);
      const result = quoteRoutes({ network, fx: book, request, now });
      if (!result.ok) throw routeProblem(result.failure);
      const expires = Math.min(
        now.getTime() + QUOTE_TTL_SECONDS * 1000,
        Date.parse(fx.asOf) + fx.maxAgeSeconds * 1000,
      );
      const quote: RouteQuote = {
        id: newId('rq'),
        createdAt: now.toISOString(),
        expiresAt: new Date(expires).toISOString(),
        request,
        options: result.options,
        fx: { tableId: fx.id, version: fx.version, asOf: fx.asOf },
        railTables: network.tables.map((t) => ({ id: t.id, version: t.version })),
      };
      await deps.store.routeQuotes.insert({ partnerId: partner.id, userId: claims.sub, quote });
      return c.json(quote, 201);
    },
    getRouteQuote: async (c, { params: { id } }) => {
      const { partner, claims } = sessionCaller(c);
      const quote = await deps.store.routeQuotes.get(partner.id, claims.sub, id);
      if (!quote) throw new HttpProblem('not_found', { detail: `No route quote ${id}.` });
      return c.json(quote);
    },
  } satisfies FeatureHandlers;
}
