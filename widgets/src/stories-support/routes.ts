// Route quotes for the stories, computed by the real optimizer of @finlet/engine over the demo rails
// and FX rates of `finlet dev` (packages/cli/demo/rails.yaml), exactly as `POST /v1/routes/quote`
// does. The rails file, every request and every quote are parsed with the contracts, and the module
// checks at load that the stories' corridors still give what their stories promise.
import {
  CURRENCY_MINOR_UNITS,
  type ProblemCode,
  RailsDocument,
  RouteQuote,
  RouteQuoteRequest,
  type RouteQuoteRequestInput,
} from '@finlet/contracts';
import { buildRouteNetwork, FxBook, quoteRoutes, type RouteFailure } from '@finlet/engine';
import demoRails from '../../../packages/cli/demo/rails.yaml';
import { PREVIEW_NOW } from './fixtures.js';

const rails = RailsDocument.parse(demoRails);
const network = buildRouteNetwork(rails.railTables.map((t) => ({ ...t, version: 1 })));
const demoFx = rails.fxTables[0]!;

/**
 * The demo rates as `finlet dev` stamps them: observed when the quote is made, valid for an hour.
 * Stale rates were last observed two days earlier, so the engine refuses every quote from them.
 */
function fxBook(now: Date, stale: boolean): FxBook {
  const asOf = new Date(now.getTime() - (stale ? 2 * 86_400_000 : 0)).toISOString();
  return new FxBook({ ...demoFx, version: 1, asOf, maxAgeSeconds: 3_600 });
}

/** Same lifetime as the gateway's quotes (QUOTE_TTL_SECONDS). */
const QUOTE_TTL_MS = 600_000;

/**
 * When the quote is made. `open`: Monday 16:00 in Shanghai, CIPS and the local rails are open.
 * `after-cutoff`: Monday 17:45 in Shanghai, just past the 17:30 CIPS cut-off, so CIPS legs wait
 * for Tuesday's opening.
 */
export const QUOTE_CLOCKS = {
  open: PREVIEW_NOW,
  'after-cutoff': new Date('2026-06-01T09:45:00.000Z'),
} as const;
export type QuoteClock = keyof typeof QUOTE_CLOCKS;

export type QuoteAnswer =
  | { ok: true; quote: RouteQuote }
  | { ok: false; code: ProblemCode; detail: string; errors?: { path: string; message: string }[] };

/** The problem the gateway answers for a refused quote (as the gateway's `routing/quotes.ts` does). */
function refusal(failure: RouteFailure): Extract<QuoteAnswer, { ok: false }> {
  switch (failure.reason) {
    case 'fx_stale':
      return { ok: false, code: 'fx_rates_stale', detail: failure.message };
    case 'corridor':
      return {
        ok: false,
        code: 'route_corridor_not_supported',
        detail: failure.message,
        errors: [{ path: 'toCurrency', message: failure.message }],
      };
    case 'purpose':
      return {
        ok: false,
        code: 'route_purpose_not_supported',
        detail: failure.message,
        errors: [{ path: 'purpose', message: `accepted on this corridor: ${failure.allowed.join(', ')}` }],
      };
    case 'party':
      return { ok: false, code: 'route_party_not_supported', detail: failure.message };
    case 'amount':
      return { ok: false, code: 'route_amount_out_of_limits', detail: failure.message };
  }
}

let quotes = 0;

/** What `POST /v1/routes/quote` answers for a request, from the engine. */
export function quoteFor(
  body: unknown,
  options: { clock?: QuoteClock; staleRates?: boolean } = {},
): QuoteAnswer {
  const request = RouteQuoteRequest.parse(body);
  const now = QUOTE_CLOCKS[options.clock ?? 'open'];
  const result = quoteRoutes({ network, fx: fxBook(now, options.staleRates ?? false), request, now });
  if (!result.ok) return refusal(result.failure);
  quotes += 1;
  const quote = RouteQuote.parse({
    id: `rq_storybook${String(quotes).padStart(8, '0')}`,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + QUOTE_TTL_MS).toISOString(),
    request,
    options: result.options,
    fx: { tableId: result.fx.id, version: result.fx.version, asOf: result.fx.asOf },
    railTables: network.tables.map((t) => ({ id: t.id, version: t.version })),
  });
  return { ok: true, quote };
}

/** The corridors the stories show (element attributes and the request they send). */
export const CORRIDORS = {
  /** A supply-chain merchant paying a Vietnamese supplier for goods: CIPS, SWIFT, via HKD or USD. */
  'cny-vnd-business': {
    'from-currency': 'CNY',
    'to-currency': 'VND',
    'from-country': 'CN',
    'to-country': 'VN',
    'payer-type': 'business',
    'payee-type': 'business',
    purpose: 'goods',
    amount: '200000',
    direction: 'send',
  },
  /** A traveller's family payment: the recipient in Germany must get exactly 1,000 EUR. */
  'usd-eur-consumer': {
    'from-currency': 'USD',
    'to-currency': 'EUR',
    'from-country': 'US',
    'to-country': 'DE',
    'payer-type': 'consumer',
    'payee-type': 'consumer',
    purpose: 'family_support',
    amount: '1000',
    direction: 'receive',
  },
  /** No rail of the demo bank reaches Thailand from Japan: `route_corridor_not_supported`. */
  'jpy-thb-unserved': {
    'from-currency': 'JPY',
    'to-currency': 'THB',
    'from-country': 'JP',
    'to-country': 'TH',
    'payer-type': 'consumer',
    'payee-type': 'consumer',
    purpose: 'travel',
    amount: '100000',
    direction: 'send',
  },
} as const;
export type CorridorName = keyof typeof CORRIDORS;

/** The request the element sends for a corridor (for the module-load checks below). */
export function corridorRequest(name: CorridorName): RouteQuoteRequestInput {
  const c = CORRIDORS[name];
  const currency = c.direction === 'send' ? c['from-currency'] : c['to-currency'];
  return {
    amount: { value: Number(c.amount) * 10 ** CURRENCY_MINOR_UNITS[currency], currency },
    direction: c.direction,
    fromCountry: c['from-country'],
    toCountry: c['to-country'],
    fromCurrency: c['from-currency'],
    toCurrency: c['to-currency'],
    payerType: c['payer-type'],
    payeeType: c['payee-type'],
    purpose: c.purpose,
    urgency: 'balanced',
  };
}

// Module-load check: the demo data still gives each story what it promises.
{
  const vnd = quoteFor(corridorRequest('cny-vnd-business'));
  if (!vnd.ok || vnd.quote.options.length < 2) {
    throw new Error('Story fixtures drifted: CNY→VND for a business no longer has several options.');
  }
  const eur = quoteFor(corridorRequest('usd-eur-consumer'));
  if (!eur.ok || eur.quote.options.some((o) => o.recipientGets.value !== 100_000)) {
    throw new Error('Story fixtures drifted: USD→EUR "receive exactly 1,000 EUR" is not exact.');
  }
  const unserved = quoteFor(corridorRequest('jpy-thb-unserved'));
  if (unserved.ok || unserved.code !== 'route_corridor_not_supported') {
    throw new Error('Story fixtures drifted: JPY→THB is now served; pick another unserved corridor.');
  }
  const stale = quoteFor(corridorRequest('cny-vnd-business'), { staleRates: true });
  if (stale.ok || stale.code !== 'fx_rates_stale') {
    throw new Error('Story fixtures drifted: stale FX rates are no longer refused.');
  }
  const cipsWaits = (answer: QuoteAnswer) =>
    answer.ok &&
    answer.quote.options.some((o) => o.legs.some((l) => l.network === 'cips' && l.waitedForCutoff));
  const late = quoteFor(corridorRequest('cny-vnd-business'), { clock: 'after-cutoff' });
  if (cipsWaits(vnd) || !cipsWaits(late)) {
    throw new Error('Story fixtures drifted: a quote after the CIPS cut-off no longer waits for it.');
  }
}
