import { GroupChatServer } from './group-chat/server.js';
import { SiteServer } from './server.js';
import { DEFAULT_PORTS, SITE_HANDLES, type SiteHandle } from './sites.js';

export interface DemoSitesOptions {
  /** Base URL of the Finlet gateway the sites embed and call. */
  gatewayUrl: string;
  /** Each demo partner's id and secret key (server side only; never sent to a browser). */
  partners: Record<SiteHandle, { partnerId: string; secretKey: string }>;
  /** Interface to listen on, default `127.0.0.1`. */
  host?: string;
  /**
   * Port per site, for the index page and for the group chat; `0` picks a free one. Default
   * 4401–4404, 4405 and 4406.
   */
  ports?: Partial<Record<SiteHandle | 'index' | 'group-chat', number>>;
  /**
   * Called once every site listens and before any call to the gateway, with each site's origin:
   * `finlet dev` on ephemeral ports points the partners' allowed origins at them here. The group
   * chat (`group-chat`) belongs to the supply-chain partner: its origin joins that partner's.
   */
  onListening?: (origins: Record<SiteHandle, string> & { 'group-chat'?: string }) => void | Promise<void>;
  /**
   * An admin API key with the `admin` role: with it, the fifth site starts too (a merchants' group
   * chat with the bank's Feishu assistant, and an agent console on the MCP endpoint), configuring
   * its group bot through the admin API. Without it, the four partner sites start alone.
   */
  adminKey?: string;
  /** The simulated Feishu's clock (callback timestamps); default the system clock. */
  now?: () => Date;
  /** Register each site's webhook receiver with the gateway (default true). */
  registerWebhooks?: boolean;
}

export interface RunningDemoSites {
  /** The page listing the four sites. */
  indexUrl: string;
  sites: Record<SiteHandle, { url: string; webhookEndpointId: string | undefined }>;
  /** The group chat and its agent console (when started with `adminKey`), and the bot it configured. */
  groupChat: { url: string; agentUrl: string; botId: string } | undefined;
  close(): Promise<void>;
}

const WEBHOOK_PATH = '/webhooks/finlet';

/**
 * Starts the four partner demo sites and their index page, each with its own backend (login,
 * session minting with the partner's secret key, webhook receiver, developer log), and with an
 * admin key the fifth: the merchants' group chat and its agent console.
 * @example
 * const demo = await startDemoSites({ gatewayUrl: 'http://127.0.0.1:4400', partners });
 * console.log(demo.indexUrl);
 */
export async function startDemoSites(options: DemoSitesOptions): Promise<RunningDemoSites> {
  const host = options.host ?? '127.0.0.1';
  const port = (key: SiteHandle | 'index' | 'group-chat') => options.ports?.[key] ?? DEFAULT_PORTS[key];
  const servers = {} as Record<SiteHandle, SiteServer>;
  const started: Array<{ close(): Promise<void> }> = [];
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
      links: () => ({
        ...(Object.fromEntries(SITE_HANDLES.map((h) => [h, `${origins[h]}/`])) as Record<SiteHandle, string>),
        ...(groupChat ? { 'group-chat': `${groupChat.origin}/` } : {}),
      }),
    });
    let groupChat: GroupChatServer | undefined;
    if (options.adminKey) {
      groupChat = new GroupChatServer({
        gatewayUrl: options.gatewayUrl,
        partner: options.partners['supply-chain'],
        adminKey: options.adminKey,
        ...(options.now ? { now: options.now } : {}),
      });
      await groupChat.listen(port('group-chat'), host);
      started.push(groupChat);
    }
    const indexOrigin = await index.listen(port('index'), host);
    started.push(index);
    await options.onListening?.(groupChat ? { ...origins, 'group-chat': groupChat.origin } : origins);
    const botId = await groupChat?.registerBot();

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
      groupChat:
        groupChat && botId
          ? { url: `${groupChat.origin}/`, agentUrl: `${groupChat.origin}/agent.html`, botId }
          : undefined,
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
