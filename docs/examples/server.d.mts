export interface ExampleServerOptions {
  /** Which example to serve: `html`, `react` or `vue`. */
  example: string;
  /** The Finlet gateway's URL. */
  gateway: string;
  /** The partner's secret key (`fsk_…`), or a function returning it. */
  secretKey: string | (() => string);
  host?: string;
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Where `/finlet.js` and its `finlet/*.js` chunks are (default: from @finlet/widgets). */
  finletDir?: string;
  /** Directories searched before the example's own (default: `<example>/dist`). */
  dirs?: string[];
}

export interface ExampleServer {
  url: string;
  close(): Promise<void>;
}

export function examplePolicy(gateway: string): string;
export function startExampleServer(options: ExampleServerOptions): Promise<ExampleServer>;
