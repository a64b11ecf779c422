import '../internal/transport.js';
import { define } from '../internal/define.js';
import { FinletOffers } from './offers.component.js';

export { FinletOffers };

define('finlet-offers', FinletOffers);

declare global {
  interface HTMLElementTagNameMap {
    'finlet-offers': FinletOffers;
  }
}
