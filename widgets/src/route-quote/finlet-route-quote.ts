import '../internal/transport.js';
import { define } from '../internal/define.js';
import { FinletRouteQuote } from './route-quote.component.js';

export { FinletRouteQuote };

define('finlet-route-quote', FinletRouteQuote);

declare global {
  interface HTMLElementTagNameMap {
    'finlet-route-quote': FinletRouteQuote;
  }
}
