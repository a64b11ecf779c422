import { define } from '../internal/define.js';
import { FinletProvider } from './provider.component.js';

export { FinletProvider };

define('finlet-provider', FinletProvider);

declare global {
  interface HTMLElementTagNameMap {
    'finlet-provider': FinletProvider;
  }
}
