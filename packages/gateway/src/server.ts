import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createGateway, type Gateway, type GatewayConfig } from './app.js';
import { checkingIntervalMs, limitConnections } from './http/connections.js';
import type { ShutdownOptions, ShutdownReport } from './http/lifecycle.js';

export interface RunningGateway {
  url: string;
  gateway: Gateway;
  /** Stops at once: open connections are cut. Tests and `finlet dev` use it. */
  close(): Promise<void>;
  /**
   * Stops gracefully, as on SIGTERM behind a load balancer: readiness fails, the listener closes
   * after the drain delay, requests in flight finish, SSE streams end with a retry hint, the webhook
   * worker finishes its current delivery; whatever is still open at `timeoutMs` is cut.
   */
  shutdown(options?: ShutdownOptions): Promise<ShutdownReport>;
}

/** Starts the gateway on a real socket. Port 0 picks a free port (see `url`). */
export async function startGateway(
  config: GatewayConfig & { port: number; host: string },
): Promise<RunningGateway> {
  const gateway = await createGateway(config);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: gateway.app.fetch,
        port: config.port,
        hostname: config.host,
        // Node checks its header and request deadlines on this interval (30 s by default, longer than the deadlines).
        serverOptions: { connectionsCheckingInterval: checkingIntervalMs(config.connections) },
      },
      () => resolve(s),
    );
    limitConnections(s as Server, config.connections);
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  // Each step runs once however often close/shutdown are called.
  let listenerClosed: Promise<void> | undefined;
  const closeListener = () => {
    listenerClosed ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
    });
    return listenerClosed;
  };
  let gatewayClosed: Promise<void> | undefined;
  const closeGateway = () => {
    gatewayClosed ??= gateway.close();
    return gatewayClosed;
  };
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    gateway,
    close: async () => {
      await closeGateway();
      const closed = closeListener();
      cutConnections(server);
      await closed;
    },
    shutdown: async (options = {}) => {
      const started = performance.now();
      const timeoutMs = options.timeoutMs ?? 25_000;
      const { lifecycle } = gateway;
      lifecycle.beginDrain();
      log(gateway, 'draining: readiness fails from now on');
      let deadline: NodeJS.Timeout | undefined;
      const timedOut = new Promise<true>((resolve) => {
        deadline = setTimeout(() => resolve(true), timeoutMs);
      });
      try {
        const drainDelay = options.beforeClose ? options.beforeClose() : delay(options.drainDelayMs ?? 0);
        await Promise.race([drainDelay, timedOut]);
        // New connections are refused from here; idle keep-alive ones close now, busy ones after
        // their response (which says `Connection: close`).
        const closed = closeListener().then(() => false as const);
        lifecycle.endStreams();
        // The worker stops beside the HTTP side: it finishes the delivery it holds, starts no other.
        const stopped = closeGateway();
        const forced = await Promise.race([Promise.all([closed, stopped]).then(() => false), timedOut]);
        if (forced) {
          cutConnections(server);
          await closed.catch(() => {});
        }
        const ms = Math.round(performance.now() - started);
        log(gateway, forced ? `stopped after ${ms} ms, cutting open connections` : `stopped after ${ms} ms`);
        return { forced, ms };
      } finally {
        clearTimeout(deadline);
      }
    },
  };
}

function cutConnections(server: ReturnType<typeof serve>): void {
  if ('closeAllConnections' in server) (server as { closeAllConnections(): void }).closeAllConnections();
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function log(gateway: Gateway, message: string): void {
  gateway.log?.info({ inFlight: gateway.lifecycle.inFlight }, message);
}
