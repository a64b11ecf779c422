import type { Logger } from 'pino';
import type { VersionedRecord, VersionWorkflow } from './workflow.js';

export interface PublishSchedulerOptions {
  workflows: readonly VersionWorkflow<VersionedRecord>[];
  /** How often due versions are looked for; default 5 s. */
  intervalMs?: number;
  log?: Logger | undefined;
}

/**
 * Publishes scheduled versions when their time comes: once at start, then every `intervalMs`. Each
 * instance of a deployment runs one; the workflow's conditional publish makes exactly one of them
 * publish a given version.
 */
export class PublishScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly options: PublishSchedulerOptions) {}

  /** Publishes what is due now; returns how many versions this call published. */
  tick(): Promise<number> {
    // Ticks never overlap in one instance; a tick asked for meanwhile joins the running one.
    this.running ??= (async () => {
      let published = 0;
      try {
        for (const workflow of this.options.workflows) published += await workflow.publishDue();
      } finally {
        this.running = undefined;
      }
      return published;
    })();
    return this.running;
  }

  start(): void {
    if (this.timer) return;
    const run = () => {
      this.tick().catch((error: unknown) => {
        this.options.log?.warn({ err: String(error) }, 'scheduled publish failed');
      });
    };
    run();
    this.timer = setInterval(run, this.options.intervalMs ?? 5_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
