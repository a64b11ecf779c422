import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPartnerClient, type PartnerClient, verifyWebhook } from '@finlet/node';
import { DevLog } from './dev-log.js';
import { initialState, SITES, type SiteHandle, TURNOVER_TIMELINE, type UserState } from './sites.js';

/** Static files of every site: plain HTML, CSS and JS, served as they are (no build step). */
export const SITES_DIR = fileURLToPath(new URL('../sites/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const COOKIE = 'demo_sid';
const MAX_BODY = 256 * 1024;

/** The policy every page is served with: scripts and styles only from the site and the gateway. */
export function contentSecurityPolicy(gatewayUrl: string): string {
  const gateway = new URL(gatewayUrl).origin;
  return [
    "default-src 'none'",
    `script-src 'self' ${gateway}`,
    "style-src 'self'",
    `connect-src 'self' ${gateway}`,
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface SiteServerOptions {
  handle: SiteHandle | 'index';
  gatewayUrl: string;
  partner?: { partnerId: string; secretKey: string };
  /** For the index page: where each site runs. */
  links?: () => Record<SiteHandle, string> & { 'group-chat'?: string };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** One partner's site and its backend: its own login, session minting, webhook receiver, dev log. */
export class SiteServer {
  readonly log = new DevLog();
  /** The Standard Webhooks secret of this site's registered endpoint (set once registered). */
  webhookSecret: string | undefined;
  origin = '';
  private readonly server: Server;
  private readonly sessions = new Map<string, UserState>();
  private readonly client: PartnerClient | undefined;
  private readonly csp: string;

  constructor(private readonly options: SiteServerOptions) {
    this.csp = contentSecurityPolicy(options.gatewayUrl);
    this.client = options.partner
      ? createPartnerClient({ gateway: options.gatewayUrl, secretKey: options.partner.secretKey })
      : undefined;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 502;
        const code = error instanceof HttpError ? error.code : 'upstream_error';
        if (!(error instanceof HttpError))
          this.log.add('server', 'error', { message: String((error as Error)?.message ?? error) });
        if (!res.headersSent) this.json(res, status, { error: code });
        else res.end();
      });
    });
  }

  get partnerClient(): PartnerClient | undefined {
    return this.client;
  }

  async listen(port: number, host: string): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.origin = `http://${host === 'localhost' ? 'localhost' : shown}:${address.port}`;
    return this.origin;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://site');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (path === '/webhooks/finlet' && method === 'POST') return this.receiveWebhook(req, res);
    if (path.startsWith('/api/')) return this.api(method, path, req, res);
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method_not_allowed');
    return this.serveStatic(path, res);
  }

  private async serveStatic(path: string, res: ServerResponse): Promise<void> {
    return serveSiteFile(res, this.options.handle, path, this.csp, (html) => this.render(html));
  }

  /** Fills the gateway URL (and on the index page the site links) into a page. */
  private render(html: string): string {
    const gateway = this.options.gatewayUrl.replace(/\/$/, '');
    let out = html.replaceAll('%GATEWAY%', gateway);
    const links = this.options.links?.();
    if (links) {
      for (const [handle, url] of Object.entries(links)) out = out.replaceAll(`%SITE:${handle}%`, url);
      // The group chat runs only when the sites were given an admin key: otherwise its card is hidden.
      out = out.replaceAll('%HIDDEN:group-chat%', links['group-chat'] ? '' : 'hidden');
    }
    return out;
  }

  private json(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(JSON.stringify(body));
  }

  private user(req: IncomingMessage): { sid: string; state: UserState } | undefined {
    const sid = /(?:^|;\s*)demo_sid=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '')?.[1];
    const state = sid ? this.sessions.get(sid) : undefined;
    return sid && state ? { sid, state } : undefined;
  }

  private async api(method: string, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const site = this.options.handle === 'index' ? undefined : SITES[this.options.handle];
    if (!site) throw new HttpError(404, 'not_found');
    const route = `${method} ${path}`;
    if (route === 'GET /api/me') {
      const user = this.user(req);
      return this.json(res, 200, {
        user: user ? site.user : null,
        data: user ? site.data(user.state) : null,
      });
    }
    if (route === 'POST /api/login') {
      // The partner's own sign-in (a demo account; a real site checks a password or SSO here).
      const sid = randomBytes(18).toString('base64url');
      this.sessions.set(sid, initialState());
      this.log.add('server', 'login', { userId: site.user.id });
      return this.json(
        res,
        200,
        { user: site.user, data: site.data(initialState()) },
        { 'set-cookie': `${COOKIE}=${sid}; HttpOnly; SameSite=Lax; Path=/` },
      );
    }
    if (route === 'GET /api/dev/log') {
      const after = Number(new URL(req.url ?? '/', 'http://site').searchParams.get('after') ?? 0);
      return this.json(res, 200, { entries: this.log.since(Number.isFinite(after) ? after : 0) });
    }
    const user = this.user(req);
    if (!user) throw new HttpError(401, 'not_signed_in');
    if (route === 'POST /api/logout') {
      this.sessions.delete(user.sid);
      return this.json(res, 200, { ok: true }, { 'set-cookie': `${COOKIE}=; Max-Age=0; Path=/` });
    }
    if (route === 'POST /api/finlet-session') {
      // Minted on the server with the secret key, from the site's own data about its user.
      const session = await this.client!.embedSessions.create({
        ...site.session(site.user, user.state),
        origin: this.origin,
      });
      this.log.add('server', 'session.minted', { userId: site.user.id, expiresAt: session.expiresAt });
      return this.json(res, 200, { token: session.token, expiresAt: session.expiresAt });
    }
    if (route === 'POST /api/dev/events') {
      const body = (await readJson(req)) as { type?: unknown; detail?: unknown };
      if (typeof body.type !== 'string' || !body.type.startsWith('finlet-'))
        throw new HttpError(400, 'invalid_event');
      this.log.add('event', body.type, body.detail);
      return this.json(res, 202, { ok: true });
    }
    if (route === 'POST /api/state') {
      const body = (await readJson(req)) as Partial<UserState>;
      if (body.quantity !== undefined) {
        if (!Number.isInteger(body.quantity) || body.quantity < 1 || body.quantity > 5)
          throw new HttpError(400, 'invalid_quantity');
        user.state.quantity = body.quantity;
      }
      if (body.companyName !== undefined) {
        const name = String(body.companyName).trim();
        if (name.length < 2 || name.length > 60) throw new HttpError(400, 'invalid_company_name');
        user.state.companyName = name;
      }
      return this.json(res, 200, { data: site.data(user.state) });
    }
    if (route === 'POST /api/signals/slow-turnover' && site.handle === 'supply-chain') {
      return this.json(res, 200, await this.sendTurnoverSignals(site.user.id));
    }
    throw new HttpError(404, 'not_found');
  }

  /** What the merchant's ERP reports as stock piles up; the gateway may answer with nudges. */
  private async sendTurnoverSignals(subject: string) {
    const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const now = Date.now();
    const result = await this.client!.signals.send({
      signals: TURNOVER_TIMELINE.map((reading, i) => ({
        id: `${subject}.turnover.${run}.${i}`,
        type: 'inventory.turnover_days' as const,
        subject,
        occurredAt: new Date(now - reading.daysAgo * 86_400_000).toISOString(),
        data: { days: reading.days },
      })),
    });
    this.log.add('server', 'signals.sent', {
      readings: TURNOVER_TIMELINE.map((r) => r.days),
      accepted: result.accepted,
      nudges: result.nudges,
    });
    return result;
  }

  private async receiveWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (!this.webhookSecret) throw new HttpError(503, 'webhooks_not_registered');
    try {
      const event = verifyWebhook({ secret: this.webhookSecret, headers: req.headers, body });
      this.log.add('webhook', event.type, summarize(event.data));
      return this.json(res, 200, { received: true });
    } catch (error) {
      this.log.add('webhook', 'rejected', { code: (error as { code?: string }).code ?? 'invalid' });
      throw new HttpError(400, 'invalid_webhook');
    }
  }
}

/**
 * Serves one file of a site's folder (or of `common/`) under the site's CSP, never a file outside
 * them; HTML goes through `render` (the gateway URL and links filled in).
 */
export async function serveSiteFile(
  res: ServerResponse,
  site: string,
  path: string,
  csp: string,
  render: (html: string) => string,
): Promise<void> {
  const [root, rest] = path.startsWith('/common/')
    ? [join(SITES_DIR, 'common'), path.slice('/common/'.length)]
    : [join(SITES_DIR, site), path === '/' ? 'index.html' : path.slice(1)];
  const file = normalize(join(root, rest));
  const type = TYPES[extname(file)];
  let body: Buffer | string | undefined;
  if (type && file.startsWith(root + sep)) body = await readFile(file).catch(() => undefined);
  if (!type || body === undefined) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': csp });
    res.end('not found');
    return;
  }
  if (type.startsWith('text/html')) body = render(body.toString('utf8'));
  res.writeHead(200, {
    'content-type': type,
    'content-security-policy': csp,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

/** The fields worth showing in the developer panel, not a whole application. */
function summarize(data: Record<string, unknown>): Record<string, unknown> {
  const keep = ['id', 'status', 'offerId', 'offer', 'userId', 'amount', 'nudgeId', 'application'];
  const out: Record<string, unknown> = {};
  for (const key of keep) if (data[key] !== undefined) out[key] = data[key];
  return Object.keys(out).length ? out : data;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'too_large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = (await readBody(req)).toString('utf8');
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object') return value;
  } catch {}
  throw new HttpError(400, 'invalid_json');
}
