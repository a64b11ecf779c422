import '../internal/transport.js';
import { define } from '../internal/define.js';
import { FinletHealthCheck } from './health-check.component.js';

export { FinletHealthCheck };

define('finlet-health-check', FinletHealthCheck);

declare global {
  interface HTMLElementTagNameMap {
    'finlet-health-check': FinletHealthCheck;
  }
}
