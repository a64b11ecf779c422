import '../internal/lazy-transport.js';
import { define } from '../internal/define.js';
import { FinletAdviceChat } from './advice-chat.component.js';

export { FinletAdviceChat };

define('finlet-advice-chat', FinletAdviceChat);

declare global {
  interface HTMLElementTagNameMap {
    'finlet-advice-chat': FinletAdviceChat;
  }
}
