import { usageError } from './errors.js';

/** The part of `@finlet/demo-sites` that `finlet dev` uses (its own types once the workspace links it). */
export interface DemoSitesModule {
  startDemoSites(options: {
    gatewayUrl: string;
    partners: Record<string, { partnerId: string; secretKey: string }>;
    host?: string;
    ports?: Partial<Record<string, number>>;
    onListening?: (origins: Record<string, string>) => void | Promise<void>;
    adminKey?: string;
  }): Promise<{
    indexUrl: string;
    sites: Record<string, { url: string; webhookEndpointId: string | undefined }>;
    groupChat?: { url: string; agentUrl: string; botId: string } | undefined;
    close(): Promise<void>;
  }>;
}

const SPECIFIER = '@finlet/demo-sites';

/**
 * The demo sites are loaded only by `finlet dev`; an install without them (a published CLI, or a
 * workspace not yet re-linked) runs the gateway alone. Returns undefined when not installed.
 */
export async function loadDemoSites(): Promise<DemoSitesModule | undefined> {
  try {
    // A variable specifier: the package is optional, so the CLI's types never depend on it.
    return (await import(SPECIFIER)) as DemoSitesModule;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(SPECIFIER))
      return undefined;
    throw error;
  }
}

export type DemoPortsMode = 'fixed' | 'ephemeral' | 'off';

/** `--demo-ports`: as given, else ephemeral when the gateway itself takes a free port (`--port 0`). */
export function resolveDemoPorts(raw: string | undefined, gatewayPort: number): DemoPortsMode {
  if (raw === undefined) return gatewayPort === 0 ? 'ephemeral' : 'fixed';
  if (raw === 'fixed' || raw === 'ephemeral' || raw === 'off') return raw;
  throw usageError(`--demo-ports must be fixed, ephemeral or off, got "${raw}"`);
}

const SITE_HANDLES = ['tourism', 'government', 'consumption', 'supply-chain'] as const;

/**
 * Starts the demo partner sites for `finlet dev` and points each demo partner's allowed origins at
 * where its site actually listens (before the sites call the gateway). Never fails `finlet dev`:
 * returns the index URL, or why the sites are not running.
 */
export async function startDevDemoSites(input: {
  mode: DemoPortsMode;
  gatewayUrl: string;
  partners: Record<string, { id: string; secretKey: string }>;
  updateOrigins: (partnerId: string, origins: string[]) => Promise<unknown>;
  /** The dev `admin` key: the group-chat site configures its Feishu bot with it. */
  adminKey?: string;
}): Promise<
  | {
      indexUrl: string;
      groupChat?: { url: string; agentUrl: string; botId: string } | undefined;
      close(): Promise<void>;
    }
  | { skipped: string }
> {
  if (input.mode === 'off') return { skipped: 'off (--demo-ports off)' };
  try {
    const demo = await loadDemoSites();
    if (!demo) return { skipped: 'not installed (run `pnpm install && pnpm build`)' };
    const partners: Record<string, { partnerId: string; secretKey: string }> = {};
    for (const handle of SITE_HANDLES) {
      const keys = input.partners[handle];
      if (!keys) return { skipped: `no demo partner "${handle}"` };
      partners[handle] = { partnerId: keys.id, secretKey: keys.secretKey };
    }
    const running = await demo.startDemoSites({
      gatewayUrl: input.gatewayUrl,
      partners,
      host: '127.0.0.1',
      ...(input.mode === 'ephemeral'
        ? { ports: Object.fromEntries([...SITE_HANDLES, 'index', 'group-chat'].map((h) => [h, 0])) }
        : {}),
      ...(input.adminKey ? { adminKey: input.adminKey } : {}),
      onListening: async (origins) => {
        for (const handle of SITE_HANDLES) {
          // The merchants' group chat is the supply-chain platform's: its page is that partner's too.
          const own = [
            origins[handle]!,
            ...(handle === 'supply-chain' && origins['group-chat'] ? [origins['group-chat']] : []),
          ];
          await input.updateOrigins(
            partners[handle]!.partnerId,
            own.flatMap((origin) => [origin, origin.replace('//127.0.0.1:', '//localhost:')]),
          );
        }
      },
    });
    return running;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return {
      skipped:
        code === 'EADDRINUSE'
          ? `a port is in use (${(error as Error).message}); try --demo-ports ephemeral`
          : `failed to start: ${(error as Error).message}`,
    };
  }
}
