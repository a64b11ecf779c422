/** Where a command writes and what it reads from its surroundings; tests pass their own. */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths (offer files, the data dir) are resolved against it. */
  cwd: string;
  /**
   * Stops long-running commands (`dev`, `serve`) when aborted. Without it they stop on SIGINT or
   * SIGTERM of this process.
   */
  signal?: AbortSignal;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Output helpers bound to one invocation: human text, or JSON when `--json` was given. */
export class Output {
  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
  ) {}

  /** A line for people; suppressed in JSON mode so stdout stays parseable. */
  line(text = ''): void {
    if (!this.json) this.io.stdout.write(`${text}\n`);
  }

  /** The machine-readable result of a one-shot command. */
  result(value: unknown): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** One JSON object per line, for long-running commands whose output is read while they run. */
  event(value: unknown): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** A notice for people that is not the command's result (goes to stderr in both modes). */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }
}

/** Resolves when the signal aborts (or at once when it already has). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** The stop signal for a long-running command: the injected one, or SIGINT/SIGTERM of this process. */
export function stopSignal(io: CliIo): { signal: AbortSignal; dispose(): void } {
  if (io.signal) return { signal: io.signal, dispose: () => {} };
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}
