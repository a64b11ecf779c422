import { type ClientOptions, createSessionClient, type FinletClient } from './core.js';
import type { SessionTokens } from './session.js';

export * from './light.js';

/**
 * The same client without zod: answers are trusted to match the contracts. For browser bundles
 * served by the gateway itself (same build, same contracts), where zod would triple the size.
 */
export function createUncheckedClient(options: ClientOptions, shared?: SessionTokens): FinletClient {
  return createSessionClient(options, shared);
}
