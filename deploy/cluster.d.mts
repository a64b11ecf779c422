export interface ClusterOptions {
  /** How many `finlet serve` instances. */
  instances: number;
  databaseUrl: string;
  schema?: string;
  /** HAProxy's port (a free one when absent). */
  port?: number;
  /** The command that runs `finlet` (default: node with this checkout's CLI). */
  finlet?: string[];
  haproxy?: string;
  signingKey?: string;
  masterKey?: string;
  issuer?: string;
  /** FINLET_SHUTDOWN_DELAY_MS of every instance (default: HAProxy's check interval × fall + 500). */
  drainDelayMs?: number;
  logLevel?: string;
  /** How long an instance may take to answer `/readyz` and enter HAProxy's rotation (default 60 s). */
  readyTimeoutMs?: number;
  /** More environment for every instance. */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export interface Cluster {
  /** HAProxy's address: what clients use. */
  url: string;
  instances: readonly { readonly name: string; readonly url: string; readonly running: boolean }[];
  /** Each instance's state in HAProxy (`UP`, `DOWN`, `MAINT`…), by name. */
  states(): Promise<Record<string, string>>;
  /** SIGTERM: the graceful stop. */
  stop(index: number): Promise<void>;
  /** SIGKILL: a crash. */
  kill(index: number): Promise<void>;
  start(index: number): Promise<void>;
  restart(index: number): Promise<void>;
  rollingRestart(): Promise<void>;
  close(): Promise<void>;
}

export const CHECK: { path: string; interMs: number; timeoutMs: number; fall: number; rise: number };
export const DRAIN_DELAY_MS: number;
export function haproxyConfig(options: {
  bind: string;
  stats?: string;
  servers: { name: string; address: string }[];
}): string;
export function freePort(): Promise<number>;
export function startCluster(options: ClusterOptions): Promise<Cluster>;
