import { CommanderError } from 'commander';
import { type CliError, isCliError, oneLine } from './internal/errors.js';
import { type CliIo, processIo } from './internal/io.js';
import { buildProgram } from './program.js';

export type { CliErrorCode } from './internal/errors.js';
export { CliError } from './internal/errors.js';
export type { CliIo } from './internal/io.js';
export { CLI_VERSION } from './version.js';

/**
 * Runs the `finlet` command and resolves to its exit code: 0 ok, 1 failed, 2 wrong usage. Never
 * calls `process.exit` and never throws; an error is one line `finlet: <message>` on stderr.
 * Long-running commands (`dev`, `serve`) resolve once stopped (SIGINT/SIGTERM or `io.signal`).
 *
 * @example
 * const code = await main(['offers', 'validate', 'offers/'], { ...processIo(), cwd: '/srv/bank' });
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const resolved: CliIo = { ...processIo(), ...io };
  const capture = { help: '' };
  const program = buildProgram(resolved, capture);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      resolved.stderr.write(`finlet: ${commanderMessage(error, capture.help)}\n`);
      return 2;
    }
    const message = isCliError(error) ? error.message : unexpected(error);
    resolved.stderr.write(`finlet: ${oneLine(message)}\n`);
    return isCliError(error) ? (error as CliError).exitCode : 1;
  }
}

function commanderMessage(error: CommanderError, help: string): string {
  if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync') {
    // Commander printed the help of a command group called without a subcommand.
    const usage = /Usage: (.+?) \[options\]/.exec(help)?.[1] ?? 'finlet';
    return `\`${usage}\` needs a command; see \`${usage} --help\``;
  }
  const text = oneLine(error.message.replace(/^error: /, ''));
  return `${text} (see --help)`;
}

function unexpected(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
