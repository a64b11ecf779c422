import '../internal/transport.js';
import { define } from '../internal/define.js';
import { FinletNudges } from './nudges.component.js';

export { FinletNudges };

define('finlet-nudges', FinletNudges);

declare global {
  interface HTMLElementTagNameMap {
    'finlet-nudges': FinletNudges;
  }
}
