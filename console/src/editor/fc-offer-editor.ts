import { define } from './define.js';
import { FcOfferEditor } from './offer-editor.component.js';

export { FcOfferEditor };

define('fc-offer-editor', FcOfferEditor);

declare global {
  interface HTMLElementTagNameMap {
    'fc-offer-editor': FcOfferEditor;
  }
}
