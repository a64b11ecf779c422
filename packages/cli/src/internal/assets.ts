import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GatewayConfig } from '@finlet/gateway';

const require = createRequire(import.meta.url);
const JS = 'text/javascript; charset=utf-8';

/**
 * The files every gateway serves besides its API: `/finlet.js`, the drop-in widget bundle from
 * `@finlet/widgets`, and the elements it loads on first use under `/finlet/` (content-hashed, so
 * cached for a year). Missing (a build that skipped the widgets) means not served, with a warning.
 */
export function gatewayAssets(warn: (line: string) => void): NonNullable<GatewayConfig['assets']> {
  let entry: string;
  try {
    entry = require.resolve('@finlet/widgets/finlet.js');
  } catch {
    warn('warning: @finlet/widgets is not built, so /finlet.js is not served (run `pnpm build`)');
    return {};
  }
  const assets: NonNullable<GatewayConfig['assets']> = {
    '/finlet.js': { contentType: JS, body: readFileSync(entry), cacheControl: 'public, max-age=300' },
  };
  const chunks = join(dirname(entry), 'finlet');
  for (const name of readdirSync(chunks).filter((n) => n.endsWith('.js'))) {
    assets[`/finlet/${name}`] = {
      contentType: JS,
      body: readFileSync(join(chunks, name)),
      cacheControl: 'public, max-age=31536000, immutable',
    };
  }
  return assets;
}
