import { define } from '../editor/define.js';
import { FcOfferPreview } from './offer-preview.component.js';

export { FcOfferPreview };

define('fc-offer-preview', FcOfferPreview);

declare global {
  interface HTMLElementTagNameMap {
    'fc-offer-preview': FcOfferPreview;
  }
}
