import { SiteServer } from './server.js';
import { DEFAULT_PORTS, SITE_HANDLES, type SiteHandle } from './sites.js';

export interface DemoSitesOptions {
  /** Base URL of the Finlet gateway the sites embed and call. */
  gatewayUrl: string;
  /** Each demo partner's id and secret key (server side only; never sent to a browser). */
  partners: Record<SiteHandle, { partnerId: string; secretKey: string }>;
  /** Interface to listen on, default `127.0.0.1`. */
  host?: string;
  /** Port per site and for the index page; `0` picks a free one. Default 4401–4404 and 4405. */
  ports?: Partial<Record<SiteHandle | 'index', number>>;
  /**
   * Called once every site listens and before any call to the gateway, with each site's origin:
   * `finlet dev` on ephemeral ports points the partners' allowed origins at them here.
   */
  onListening?: (origins: Record<SiteHandle, string>) => void | Promise<void>;
  /** Register each site's webhook receiver with the gateway (default true). */
  registerWebhooks?: boolean;
}

export interface RunningDemoSites {
  /** The page listing the four sites. */
  indexUrl: string;
  sites: Record<SiteHandle, { url: string; webhookEndpointId: string | undefined }>;
  close(): Promise<void>;
}

const WEBHOOK_PATH = '/webhooks/finlet';

/**
 * Starts the four partner demo sites and their index page, each with its own backend (login,
 * session minting with the partner's secret key, webhook receiver, developer log).
 * @example
 * const demo = await startDemoSites({ gatewayUrl: 'http://127.0.0.1:4400', partners });
 * console.log(demo.indexUrl);
 */
export async function startDemoSites(options: DemoSitesOptions): Promise<RunningDemoSites> {
  const host = options.host ?? '127.0.0.1';
  const port = (key: SiteHandle | 'index') => options.ports?.[key] ?? DEFAULT_PORTS[key];
  const servers = {} as Record<SiteHandle, SiteServer>;
  const started: SiteServer[] = [];
  const close = async () => {
    await Promise.all(started.map((s) => s.close()));
  };
  try {
    for (const handle of SITE_HANDLES) {
      const server = new SiteServer({
        handle,
        gatewayUrl: options.gatewayUrl,
        partner: options.partners[handle],
      });
      await server.listen(port(handle), host);
      started.push(server);
      servers[handle] = server;
    }
    const origins = Object.fromEntries(SITE_HANDLES.map((h) => [h, servers[h].origin])) as Record<
      SiteHandle,
      string
    >;
    const index = new SiteServer({
      handle: 'index',
      gatewayUrl: options.gatewayUrl,
      links: () => Object.fromEntries(SITE_HANDLES.map((h) => [h, `${origins[h]}/`])) as never,
    });
    const indexOrigin = await index.listen(port('index'), host);
    started.push(index);
    await options.onListening?.(origins);

    const endpoints = {} as Record<SiteHandle, string | undefined>;
    if (options.registerWebhooks !== false) {
      await Promise.all(
        SITE_HANDLES.map(async (handle) => {
          endpoints[handle] = await registerWebhook(servers[handle]);
        }),
      );
    }
    return {
      indexUrl: `${indexOrigin}/`,
      sites: Object.fromEntries(
        SITE_HANDLES.map((h) => [h, { url: `${origins[h]}/`, webhookEndpointId: endpoints[h] }]),
      ) as RunningDemoSites['sites'],
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * What a partner's backend does once at start-up: registers its receiver, or takes a fresh secret
 * for the one registered by an earlier run (secrets are shown once); receivers of earlier runs on
 * other ports are disabled so their deliveries do not pile up.
 */
async function registerWebhook(server: SiteServer): Promise<string> {
  const client = server.partnerClient!;
  const url = `${server.origin}${WEBHOOK_PATH}`;
  const existing = (await client.webhookEndpoints.list()).filter((e) => e.status === 'active');
  for (const stale of existing.filter((e) => e.url !== url && e.url.endsWith(WEBHOOK_PATH)))
    await client.webhookEndpoints.disable(stale.id);
  const mine = existing.find((e) => e.url === url);
  const registered = mine
    ? await client.webhookEndpoints.rotateSecret(mine.id, { overlapHours: 0 })
    : await client.webhookEndpoints.create({ url, description: 'Demo site receiver (finlet dev)' });
  server.webhookSecret = registered.secret;
  server.log.add('server', 'webhook.registered', { endpointId: registered.endpoint.id, url });
  return registered.endpoint.id;
}
