// Registers <finlet-advice-chat> with whatever transport the page has. finlet.js loads this on
// first use: its offers registered the transport already, so the deferred one is not needed there.
import { define } from '../internal/define.js';
import { FinletAdviceChat } from './advice-chat.component.js';

export { FinletAdviceChat };

define('finlet-advice-chat', FinletAdviceChat);
