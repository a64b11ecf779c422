/**
 * Why a command failed. `usage` is the caller's mistake on the command line (exit 2); every other
 * code is a failure while doing the work (exit 1).
 */
export type CliErrorCode =
  | 'usage'
  | 'invalid_input'
  | 'migrations_pending'
  | 'gateway_unreachable'
  | 'gateway_error'
  | 'checks_failed'
  | 'io_error';

/** A failure the CLI reports as one line `finlet: <message>`; never printed with a stack trace. */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  get exitCode(): 1 | 2 {
    return this.code === 'usage' ? 2 : 1;
  }
}

export function usageError(message: string): CliError {
  return new CliError('usage', message);
}

export function isCliError(error: unknown): error is CliError {
  return error instanceof Error && error.name === 'CliError' && 'code' in error;
}

/** The one line printed for any error: messages may span lines (zod, commander), the terminal gets one. */
export function oneLine(message: string): string {
  return message
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ');
}
