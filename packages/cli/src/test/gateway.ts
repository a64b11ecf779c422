import type { AdminKeyCreated } from '@finlet/contracts';
import {
  createAdminKey,
  type GatewayConfig,
  openStore,
  type RunningGateway,
  type Store,
  startGateway,
} from '@finlet/gateway';
import { tempDir } from './temp.js';

export interface TestGateway {
  url: string;
  store: Store;
  dataDir: string;
  author: AdminKeyCreated;
  author2: AdminKeyCreated;
  approver: AdminKeyCreated;
  close(): Promise<void>;
}

/**
 * A real gateway on a real socket over a fresh SQLite data dir, with admin keys per role;
 * `config` adds gateway settings (e.g. a `clock`).
 */
export async function startTestGateway(config: Partial<GatewayConfig> = {}): Promise<TestGateway> {
  const tmp = tempDir('finlet-cli-gw-');
  const store = await openStore({ dataDir: tmp.dir });
  await store.migrate();
  const running: RunningGateway = await startGateway({
    // Every answer is held to its route's declared response schema; a mismatch is a 500.
    checkResponses: 'strict',
    ...config,
    store,
    port: 0,
    host: '127.0.0.1',
    logger: false,
  });
  return {
    url: running.url,
    store,
    dataDir: tmp.dir,
    author: await createAdminKey(store, { name: 'Li Na', role: 'author' }),
    author2: await createAdminKey(store, { name: 'Wang Wei', role: 'author' }),
    approver: await createAdminKey(store, { name: 'Zhao Min', role: 'approver' }),
    async close() {
      await running.close();
      await store.close();
      tmp.remove();
    },
  };
}
