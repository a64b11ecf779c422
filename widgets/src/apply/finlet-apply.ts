import '../internal/transport.js';
import { define } from '../internal/define.js';
import { FinletApply } from './apply.component.js';

export { openApply } from './open.js';
export { FinletApply };

define('finlet-apply', FinletApply);

declare global {
  interface HTMLElementTagNameMap {
    'finlet-apply': FinletApply;
  }
}
