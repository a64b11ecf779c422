import { createContext } from '@lit/context';
import type { FinletConfig } from './config.js';

/** What `<finlet-provider>` shares with the elements inside it. A new object on every change. */
export const finletContext = createContext<FinletConfig>(Symbol.for('finlet-config'));
