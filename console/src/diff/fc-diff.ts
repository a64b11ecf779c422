import { define } from '../editor/define.js';
import { FcDiff } from './diff.component.js';

export { FcDiff };

define('fc-diff', FcDiff);

declare global {
  interface HTMLElementTagNameMap {
    'fc-diff': FcDiff;
  }
}
