import type { SessionTokenSource } from '@finlet/client/light';
import type { Locale } from '@finlet/contracts';

export type FinletMode = 'standard' | 'elder';

/** Page-wide settings, lowest precedence: an element's own attributes win, then `<finlet-provider>`. */
export interface FinletConfig {
  /** Base URL of the bank's Finlet gateway. */
  gateway?: string | undefined;
  /** An embed-session token minted by your server. */
  sessionToken?: string | undefined;
  /** Asks your server for a fresh token; the widgets call it shortly before expiry, once for the whole page. */
  fetchSessionToken?: SessionTokenSource | undefined;
  locale?: Locale | undefined;
  mode?: FinletMode | undefined;
}

let global: FinletConfig = {};
const listeners = new Set<() => void>();

/**
 * Sets page-wide defaults for every Finlet element.
 * @example
 * finlet.configure({ gateway: 'https://finlet.bank.example', fetchSessionToken: () => fetch('/finlet-session').then((r) => r.json()) });
 */
export function configure(config: FinletConfig): void {
  global = { ...global, ...config };
  for (const listener of listeners) listener();
}

export function globalConfig(): Readonly<FinletConfig> {
  return global;
}

export function onGlobalConfig(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** For tests: forget every page-wide setting. */
export function resetConfig(): void {
  global = {};
  for (const listener of listeners) listener();
}
