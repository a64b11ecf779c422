export {
  backward,
  forward,
  type LegAmounts,
  type LegRefusal,
  type LegTerms,
  legTerms,
  minorRate,
  percentFee,
} from './arithmetic.js';
export { formatLocal, nextAcceptance } from './calendar.js';
export { explainOption } from './explain.js';
export { FxBook, type FxInput } from './fx.js';
export {
  buildRouteNetwork,
  type NetworkLeg,
  nodeKey,
  type RailTableInput,
  type RouteNetwork,
} from './network.js';
export {
  type AmountLimitFailure,
  MAX_ROUTE_LEGS,
  paretoFront,
  type QuoteRoutesInput,
  type QuoteRoutesResult,
  quoteRoutes,
  type RouteCandidate,
  type RouteFailure,
  recommend,
  searchRoutes,
} from './optimize.js';
export { parseDecimal, type Rational, toDecimalString } from './rational.js';
