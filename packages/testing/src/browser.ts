import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { OfferContentInput, PartnerCreated } from '@finlet/contracts';
import { createPartner } from '@finlet/gateway';
import { createEmbedSession } from '@finlet/node';
import { startTestGateway, type TestGateway } from '@finlet/testing';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildElementBundle, buildTestBundle } from './bundle.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.js';

export { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.js';

/** Debian's Chromium with the flags every test uses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS] });
}

export interface PageSpec {
  /** Body HTML of the page (the script tags are added). */
  body: string;
  /** A module run after finlet.js (no inline scripts: the page's CSP forbids them). */
  script?: string;
  lang?: string;
  /** A nonce the page's CSP allows inline styles with (`style-src 'self' 'nonce-…'`). */
  styleNonce?: string;
}

export interface SessionInput {
  userId?: string;
  scenario?: string;
  signals?: Record<string, unknown>;
  prefill?: Record<string, unknown>;
  ttlSeconds?: number;
}

/**
 * A partner site on its own origin with a strict CSP (`script-src 'self'; style-src 'self'`),
 * serving the freshly built finlet.js and a `/session` endpoint that mints embed sessions with the
 * partner's secret key (as a partner backend would), against a real gateway on another origin.
 */
export interface WidgetEnv {
  gw: TestGateway;
  partner: PartnerCreated;
  origin: string;
  browser: Browser;
  /** Calls to the page's `/session` endpoint (token refreshes), newest last. */
  sessionCalls: SessionInput[];
  /** Input used by `/session` when a page asks for a fresh token. */
  sessionInput: SessionInput;
  /** Serves `spec` at `/<name>.html`; returns its URL. */
  page(name: string, spec: PageSpec): string;
  /** Lets pages also connect to `url` (CSP `connect-src`), e.g. a proxy in front of the gateway. */
  allowConnect(url: string): void;
  /** Mints a session token directly (for `session-token` attributes). */
  token(input?: SessionInput): Promise<{ token: string; expiresAt: string }>;
  /** A fresh browser context whose page records console errors and CSP violations. */
  open(
    url: string,
    options?: {
      colorScheme?: 'light' | 'dark';
      reducedMotion?: 'reduce';
      /** Runs before the page loads: routes that fail or delay a request, for instance. */
      prepare?: (context: BrowserContext) => Promise<unknown>;
    },
  ): Promise<OpenedPage>;

  close(): Promise<void>;
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** `securitypolicyviolation` events and console errors seen so far. */
  problems: string[];
  /** Events dispatched on the document, by type, with their detail. */
  events(type: string): Promise<unknown[]>;
}

export const DEFAULT_USER = 'user-browser-1';

export async function startWidgetEnv(
  offers: OfferContentInput[],
  options: {
    gateway?: Parameters<typeof startTestGateway>[1];
    /** Serve this element's entry alone as `/finlet.js` (see `buildElementBundle`) instead of the drop-in bundle. */
    element?: string;
  } = {},
): Promise<WidgetEnv> {
  const bundlePath = options.element ? await buildElementBundle(options.element) : await buildTestBundle();
  const bundle = readFileSync(bundlePath);
  const chunk = (name: string) => readFileSync(join(dirname(bundlePath), 'finlet', name));
  const gw = await startTestGateway('sqlite', options.gateway);
  for (const offer of offers) await gw.publish(offer);

  const pages = new Map<string, PageSpec>();
  const sessionCalls: SessionInput[] = [];
  let partner!: PartnerCreated;
  const env = {} as WidgetEnv;

  const mint = async (input: SessionInput = {}) => {
    const session = await createEmbedSession(
      { gateway: gw.url, secretKey: partner.secretKey },
      {
        userId: input.userId ?? DEFAULT_USER,
        scenario: (input.scenario ?? 'consumption') as 'consumption',
        ...(input.signals ? { signals: input.signals as Record<string, number> } : {}),
        ...(input.prefill ? { prefill: input.prefill } : {}),
        ...(input.ttlSeconds ? { ttlSeconds: input.ttlSeconds } : {}),
      },
    );
    return { token: session.token, expiresAt: session.expiresAt };
  };

  let csp = '';
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, type: string, body: string | Buffer, nonce?: string) => {
      res.writeHead(status, {
        'content-type': type,
        'content-security-policy': nonce
          ? csp.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`)
          : csp,
        'cache-control': 'no-store',
      });
      res.end(body);
    };
    if (url.pathname === '/finlet.js') return send(200, 'text/javascript', bundle);
    const lazy = /^\/finlet\/([\w.-]+\.js)$/.exec(url.pathname);
    if (lazy) {
      try {
        return send(200, 'text/javascript', chunk(lazy[1]!));
      } catch {
        return send(404, 'text/plain', 'not found');
      }
    }
    if (url.pathname === '/favicon.ico') return send(204, 'image/x-icon', '');
    if (url.pathname === '/session') {
      const input = { ...env.sessionInput };
      sessionCalls.push(input);
      mint(input).then(
        (s) => send(200, 'application/json', JSON.stringify(s)),
        (e: unknown) => send(500, 'application/json', JSON.stringify({ error: String(e) })),
      );
      return;
    }
    const match = /^\/([\w-]+)\.(html|js)$/.exec(url.pathname);
    const spec = match ? pages.get(match[1]!) : undefined;
    if (!spec || !match) return send(404, 'text/plain', 'not found');
    if (match[2] === 'js') return send(200, 'text/javascript', spec.script ?? '');
    return send(
      200,
      'text/html; charset=utf-8',
      `<!doctype html><html lang="${spec.lang ?? 'zh-CN'}"><head><meta charset="utf-8"><title>${match[1]}</title>
<script type="module" src="/finlet.js"></script>
${spec.script !== undefined ? `<script type="module" src="/${match[1]}.js"></script>` : ''}
</head><body>${spec.body}</body></html>`,
      spec.styleNonce,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  csp = `default-src 'none'; script-src 'self'; style-src 'self'; connect-src ${gw.url} 'self'; img-src 'self' data:`;
  partner = await createPartner(gw.store, {
    name: 'Browser test shop',
    origins: [origin],
    scenarios: ['consumption', 'supply-chain', 'tourism', 'government'],
  });
  const browser = await launchChromium();

  Object.assign(env, {
    gw,
    partner,
    origin,
    browser,
    sessionCalls,
    sessionInput: {},
    allowConnect(url: string) {
      csp = csp.replace(`connect-src ${gw.url}`, `connect-src ${gw.url} ${url}`);
    },
    page(name: string, spec: PageSpec) {
      pages.set(name, spec);
      return `${origin}/${name}.html`;
    },
    token: mint,
    async open(url: string, options: Parameters<WidgetEnv['open']>[1] = {}) {
      const context = await browser.newContext({
        ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
        ...(options.reducedMotion ? { reducedMotion: options.reducedMotion } : {}),
      });
      await options.prepare?.(context);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      await page.addInitScript(() => {
        const seen: Array<{ type: string; detail: unknown }> = [];
        (window as unknown as { __finletEvents: typeof seen }).__finletEvents = seen;
        for (const type of [
          'finlet-ready',
          'finlet-error',
          'finlet-offer-select',
          'finlet-application-submit',
          'finlet-session-expired',
          'finlet-nudge-action',
          'finlet-route-select',
          'finlet-handoff',
          'finlet-assessment-complete',
        ]) {
          document.addEventListener(type, (e) => seen.push({ type, detail: (e as CustomEvent).detail }));
        }
        document.addEventListener('securitypolicyviolation', (e) =>
          seen.push({ type: 'csp', detail: `${e.violatedDirective} ${e.blockedURI}` }),
        );
      });
      await page.goto(url);
      return {
        page,
        context,
        problems,
        async events(type: string) {
          const all = await page.evaluate(
            () =>
              (window as unknown as { __finletEvents: Array<{ type: string; detail: unknown }> })
                .__finletEvents,
          );
          return all.filter((e) => e.type === type).map((e) => e.detail);
        },
      } satisfies OpenedPage;
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gw.close();
    },
  });
  return env;
}

/** axe-core on the page: the serious and critical violations (there should be none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
export { XSS_PAYLOADS } from './xss.js';
