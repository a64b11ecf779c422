import '../internal/transport.js';
import { define } from '../internal/define.js';
import { FinletSuitability } from './suitability.component.js';

export { openAssessment } from './open.js';
export { FinletSuitability };

define('finlet-suitability', FinletSuitability);

declare global {
  interface HTMLElementTagNameMap {
    'finlet-suitability': FinletSuitability;
  }
}
