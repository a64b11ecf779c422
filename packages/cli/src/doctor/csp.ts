import { matchOffers } from '@finlet/contracts/route-table';

/**
 * Just enough of Content Security Policy (CSP Level 3) to tell whether a page lets the kit run:
 * `finlet.js` and its chunks from the gateway (script-src), calls to the gateway (connect-src).
 * Styles need nothing: the elements use constructable stylesheets, which style-src does not govern.
 */

/** One policy: directive name → its source list (lower-cased names, sources as written). */
export type Policy = Map<string, string[]>;

/** Policies of a `Content-Security-Policy` header value (a comma separates policies). */
export function parsePolicies(header: string): Policy[] {
  return header
    .split(',')
    .map(parsePolicy)
    .filter((p) => p.size > 0);
}

export function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    // The first occurrence of a directive wins; later ones are ignored, as browsers do.
    if (name && !policy.has(name.toLowerCase())) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/** `content` of every `<meta http-equiv="Content-Security-Policy">` in an HTML page. */
export function metaPolicies(html: string): string[] {
  const out: string[] = [];
  for (const tag of html.matchAll(/<meta\b([^>]*)>/gi)) {
    const attributes = new Map<string, string>();
    for (const a of tag[1]!.matchAll(/([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
      attributes.set(a[1]!.toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    if (attributes.get('http-equiv')?.toLowerCase() === 'content-security-policy') {
      const content = attributes.get('content');
      if (content) out.push(content);
    }
  }
  return out;
}

function decodeEntities(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&apos;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** The directive that governs a fetch: the first of `names` present in the policy. */
export function effectiveDirective(
  policy: Policy,
  names: readonly string[],
): { name: string; sources: string[] } | undefined {
  for (const name of names) {
    const sources = policy.get(name);
    if (sources) return { name, sources };
  }
  return undefined;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };
const port = (url: URL) => url.port || DEFAULT_PORTS[url.protocol] || '';

/** A scheme matches itself and its secure upgrade (http: → https:, ws: → wss:). */
function schemeMatches(sourceScheme: string, url: URL): boolean {
  if (sourceScheme === url.protocol) return true;
  return (
    (sourceScheme === 'http:' && url.protocol === 'https:') ||
    (sourceScheme === 'ws:' && url.protocol === 'wss:')
  );
}

/** Whether one source expression allows loading `url` on `page` (CSP3 §6.7.2.8, simplified). */
export function sourceMatches(source: string, url: URL, page: URL): boolean {
  const s = source.toLowerCase();
  if (s === "'self'") {
    return (
      url.origin === page.origin ||
      (url.hostname === page.hostname && page.protocol === 'http:' && url.protocol === 'https:')
    );
  }
  if (s.startsWith("'")) return false; // keywords, nonces and hashes name no URL
  if (s === '*') return ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol);
  if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return schemeMatches(s, url);
  const match = /^(?:([a-z][a-z0-9+.-]*:)\/\/)?(\*|(?:\*\.)?[a-z0-9.-]+)(?::(\d+|\*))?(\/[^?#]*)?$/.exec(s);
  if (!match) return false;
  const [, scheme, host, sourcePort, path] = match;
  if (scheme ? !schemeMatches(scheme, url) : !schemeMatches(page.protocol, url)) return false;
  const hostname = url.hostname.toLowerCase();
  if (host === '*') {
    // `*` alone as a host matches any.
  } else if (host!.startsWith('*.')) {
    if (!hostname.endsWith(host!.slice(1))) return false;
  } else if (host !== hostname) {
    return false;
  }
  if (sourcePort === '*') {
    // any port
  } else if (sourcePort) {
    if (sourcePort !== port(url)) return false;
  } else {
    const expected = DEFAULT_PORTS[scheme ?? url.protocol];
    if (port(url) !== expected && port(url) !== DEFAULT_PORTS[url.protocol]) return false;
  }
  if (path) {
    const target = decodeURIComponent(url.pathname);
    if (path.endsWith('/') ? !target.startsWith(path) : target !== path) return false;
  }
  return true;
}

export function sourcesAllow(sources: readonly string[], url: URL, page: URL): boolean {
  return sources.some((s) => sourceMatches(s, url, page));
}

export interface DirectiveVerdict {
  /** The kit's need, e.g. `script-src`. */
  need: 'script-src' | 'connect-src';
  ok: boolean;
  /** Why not, in plain words; or a note when it passes (e.g. 'strict-dynamic'). */
  reason?: string;
  /** The directive to put in this policy instead of the current one, when `ok` is false. */
  fix?: string;
  /** `'strict-dynamic'` makes host sources void: finlet.js loads only with the page's nonce. */
  needsNonce?: boolean;
}

/**
 * Checks one policy for what the kit needs from `gateway` on `page`: script-src for `finlet.js`
 * and its `finlet/` chunks, connect-src for the API.
 */
export function checkPolicy(policy: Policy, gateway: URL, page: URL): DirectiveVerdict[] {
  const scriptUrls = [new URL('/finlet.js', gateway), new URL('/finlet/chunk.js', gateway)];
  const connectUrls = [new URL(matchOffers.path, gateway)];
  return [
    verdict(
      policy,
      'script-src',
      ['script-src-elem', 'script-src', 'default-src'],
      scriptUrls,
      gateway,
      page,
    ),
    verdict(policy, 'connect-src', ['connect-src', 'default-src'], connectUrls, gateway, page),
  ];
}

function verdict(
  policy: Policy,
  need: DirectiveVerdict['need'],
  names: readonly string[],
  urls: readonly URL[],
  gateway: URL,
  page: URL,
): DirectiveVerdict {
  const directive = effectiveDirective(policy, names);
  if (!directive) return { need, ok: true, reason: `no ${need} or default-src: nothing restricts it` };
  const { name, sources } = directive;
  if (need === 'script-src' && sources.some((s) => s.toLowerCase() === "'strict-dynamic'")) {
    return {
      need,
      ok: false,
      needsNonce: true,
      reason: `${name} has 'strict-dynamic', which ignores host sources: the <script> loading ${urls[0]!.href} needs the page's nonce`,
      fix: `add nonce="<the nonce of your policy>" to <script type="module" src="${urls[0]!.href}">; the chunks it loads are then allowed`,
    };
  }
  const blocked = urls.filter((u) => !sourcesAllow(sources, u, page));
  if (blocked.length === 0) return { need, ok: true };
  const kept = sources.filter((s) => s.toLowerCase() !== "'none'");
  const fixed = `${name === 'default-src' ? need : name} ${[...kept, gateway.origin].join(' ')}`;
  return {
    need,
    ok: false,
    reason: `${name} ${sources.join(' ') || "''"} blocks ${blocked.map((u) => u.href).join(' and ')}`,
    fix:
      name === 'default-src'
        ? `add the directive \`${fixed}\` (it falls back to default-src now)`
        : `change it to \`${fixed}\``,
  };
}
