// `import '@finlet/widgets/advice-chat'`: the chat alone paints without the client's transport and
// loads it beside its first paint (unless an element on the page registered it already).
import '../internal/lazy-transport.js';
import type { FinletAdviceChat } from './finlet-advice-chat-element.js';

export { FinletAdviceChat } from './finlet-advice-chat-element.js';

declare global {
  interface HTMLElementTagNameMap {
    'finlet-advice-chat': FinletAdviceChat;
  }
}
