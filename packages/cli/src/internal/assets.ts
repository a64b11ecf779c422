import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { GatewayConfig } from '@finlet/gateway';

const require = createRequire(import.meta.url);

/**
 * The files every gateway serves besides its API: `/finlet.js`, the drop-in widget bundle from
 * `@finlet/widgets`. Missing (a build that skipped the widgets) means not served, with a warning.
 */
export function gatewayAssets(warn: (line: string) => void): NonNullable<GatewayConfig['assets']> {
  try {
    const path = require.resolve('@finlet/widgets/finlet.js');
    return {
      '/finlet.js': { contentType: 'text/javascript; charset=utf-8', body: readFileSync(path) },
    };
  } catch {
    warn('warning: @finlet/widgets is not built, so /finlet.js is not served (run `pnpm build`)');
    return {};
  }
}
