import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GatewayConfig } from '@finlet/gateway';

type Assets = NonNullable<GatewayConfig['assets']>;

/** Where `pnpm build` (docs/site/build.mjs) writes the docs site; the same from src/ and dist/. */
export const DOCS_SITE_DIR = fileURLToPath(new URL('../../dist/docs-site/', import.meta.url));

const BASE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** Every docs page: nothing inline, nothing from another origin, one stylesheet file. */
export const DOCS_CSP = [...BASE_CSP, "style-src 'self'"].join('; ');

/**
 * `/docs/api` only: Scalar's bundle sets element styles at run time (Vue style bindings and
 * injected `<style>` elements), which CSP counts as inline styles. Scripts stay `'self'` (the
 * bundle needs no `eval`); only this page gets `'unsafe-inline'` for styles.
 */
export const DOCS_API_CSP = [...BASE_CSP, "style-src 'self' 'unsafe-inline'"].join('; ');

const pageHeaders = (csp: string) => ({
  'content-security-policy': csp,
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
});

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * The docs site at `/docs`: `guides/x.html` answers `/docs/guides/x`, a folder's `index.html` the
 * folder (`/docs`, `/docs/zh-CN`, also with a trailing slash), other files (stylesheet, Scalar's
 * bundle, images) at their own path. Problem `type` URLs (`…/docs/troubleshooting#<code>`) land on
 * the troubleshooting page's section for the code. Missing (a build that skipped the docs) means
 * not served, with a warning.
 */
export function docsSiteAssets(warn: (line: string) => void, dir = DOCS_SITE_DIR): Assets {
  if (!existsSync(join(dir, 'index.html'))) {
    warn('warning: the docs site is not built, so /docs is not served (run `pnpm build`)');
    return {};
  }
  const assets: Assets = {};
  try {
    for (const file of filesUnder(dir)) addFile(assets, dir, file);
  } catch {
    // A rebuild swapped the folder out while it was being read.
    warn('warning: the docs site was being rebuilt, so /docs is not served (restart after `pnpm build`)');
    return {};
  }
  return assets;
}

function addFile(assets: Assets, dir: string, file: string): void {
  const path = relative(dir, file).split(sep).join('/');
  const ext = /\.[a-z]+$/.exec(path)?.[0] ?? '';
  const contentType = TYPES[ext];
  if (!contentType) return;
  const body = readFileSync(file);
  if (ext !== '.html') {
    assets[`/docs/${path}`] = { contentType, body, cacheControl: 'public, max-age=300' };
    return;
  }
  const page = path.replace(/\.html$/, '').replace(/(^|\/)index$/, '');
  const url = page ? `/docs/${page}` : '/docs';
  const asset = {
    contentType,
    body,
    cacheControl: 'no-cache',
    headers: pageHeaders(url === '/docs/api' ? DOCS_API_CSP : DOCS_CSP),
  };
  assets[url] = asset;
  if (path === 'index.html' || path.endsWith('/index.html')) assets[`${url}/`] = asset;
}
