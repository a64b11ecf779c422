import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GatewayConfig } from '@finlet/gateway';
import { docsSiteAssets } from './docs-site.js';

const require = createRequire(import.meta.url);
const JS = 'text/javascript; charset=utf-8';

type Assets = NonNullable<GatewayConfig['assets']>;

/**
 * The files every gateway serves besides its API: `/finlet.js`, the drop-in widget bundle from
 * `@finlet/widgets`, and the elements it loads on first use under `/finlet/` (content-hashed, so
 * cached for a year); and the publishing console at `/console`. Missing (a build that skipped the
 * widgets or the console) means not served, with a warning. And the docs site at `/docs`.
 */
export function gatewayAssets(warn: (line: string) => void): Assets {
  return { ...widgetAssets(warn), ...consoleAssetsFromPackage(warn), ...docsSiteAssets(warn) };
}

function widgetAssets(warn: (line: string) => void): Assets {
  let entry: string;
  try {
    entry = require.resolve('@finlet/widgets/finlet.js');
  } catch {
    warn('warning: @finlet/widgets is not built, so /finlet.js is not served (run `pnpm build`)');
    return {};
  }
  const assets: Assets = {
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

function consoleAssetsFromPackage(warn: (line: string) => void): Assets {
  let shell: string;
  let entry: string;
  try {
    shell = require.resolve('@finlet/console/index.html');
    entry = require.resolve('@finlet/console/console.js');
  } catch {
    warn('warning: @finlet/console is not built, so /console is not served (run `pnpm build`)');
    return {};
  }
  return consoleAssets(readFileSync(shell, 'utf8'), dirname(entry));
}

/** The console's own page: same origin only, never framed, nothing inline. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const CONSOLE_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * `/console` and every deep link under it answer with the HTML shell (a path ending in a file
 * extension that is not one of the app's files is a 404 problem); `/console/<name>.js` are the
 * app's scripts from `bundleDir` (`console.js` and its chunks). Nothing is cached: an admin always
 * gets the console that matches the gateway's API.
 */
export function consoleAssets(shellHtml: string, bundleDir: string): Assets {
  const shell = {
    contentType: 'text/html; charset=utf-8',
    body: shellHtml,
    cacheControl: 'no-store',
    headers: CONSOLE_HEADERS,
  };
  const assets: Assets = { '/console': shell, '/console/*': shell };
  for (const name of readdirSync(bundleDir).filter((n) => n.endsWith('.js'))) {
    assets[`/console/${name}`] = {
      contentType: JS,
      body: readFileSync(join(bundleDir, name)),
      cacheControl: 'no-store',
      headers: CONSOLE_HEADERS,
    };
  }
  return assets;
}
