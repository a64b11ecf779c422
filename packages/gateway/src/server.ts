import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createGateway, type Gateway, type GatewayConfig } from './app.js';
import { checkingIntervalMs, limitConnections } from './http/connections.js';

export interface RunningGateway {
  url: string;
  gateway: Gateway;
  close(): Promise<void>;
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
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    gateway,
    close: async () => {
      await gateway.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeAllConnections' in server)
          (server as { closeAllConnections(): void }).closeAllConnections();
      });
    },
  };
}
