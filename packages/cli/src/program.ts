import { Command, CommanderError } from 'commander';
import { applicationsCommand, bankWebhooksCommand } from './applications/commands.js';
import { adminKeysCommand, funnelCommand, migrateCommand, partnersCommand } from './bootstrap/commands.js';
import { devCommand } from './dev/dev.js';
import { docsCommand } from './docs/commands.js';
import { doctorCommand } from './doctor/commands.js';
import type { CliIo } from './internal/io.js';
import { signingKeysCommand } from './keys/commands.js';
import { mcpCommand } from './mcp/mcp.js';
import { offersCommand } from './offers/commands.js';
import { placeholderCommand } from './placeholder/commands.js';
import { railsCommand } from './rails/commands.js';
import { serveCommand } from './serve/serve.js';
import { tokenCommand } from './sessions/token.js';
import { questionnairesCommand } from './suitability/commands.js';
import { thesaurusCommand } from './thesaurus/commands.js';
import { CLI_VERSION } from './version.js';

const ENVIRONMENT_HELP = `
Settings come from flags or the environment:
  --port / FINLET_PORT (4400)          --host / FINLET_HOST (127.0.0.1)
  --data-dir / FINLET_DATA_DIR (.finlet, SQLite and keys)
  --database-url / FINLET_DATABASE_URL (PostgreSQL; wins over the data dir)
  --gateway / FINLET_GATEWAY (http://127.0.0.1:4400, for commands that call a running gateway)
  FINLET_ADMIN_KEY (admin key for \`offers\`, \`docs\`, \`rails\`, \`applications\` and \`bank-webhooks\`)
  FINLET_SECRET_KEY, FINLET_WEBHOOK_SECRET (partner secrets \`doctor\` checks; never printed)

Bootstrap and key commands (migrate, partners, admin-keys, signing-keys) act on the database directly;
content commands (offers) go through the admin API so approval and the audit log apply.
Every command takes --json. Exit codes: 0 ok, 1 failed, 2 wrong usage.`;

/** The whole command tree, writing through `io`; `capture` receives commander's own output. */
export function buildProgram(io: CliIo, capture: { help: string }): Command {
  const program = new Command('finlet')
    .description('Finlet: run the gateway, bootstrap partners and keys, publish offers')
    .version(CLI_VERSION, '-v, --version')
    .addHelpText('after', ENVIRONMENT_HELP)
    .showSuggestionAfterError(true);
  program.addCommand(devCommand(io));
  program.addCommand(serveCommand(io));
  program.addCommand(migrateCommand(io));
  program.addCommand(partnersCommand(io));
  program.addCommand(adminKeysCommand(io));
  program.addCommand(signingKeysCommand(io));
  program.addCommand(offersCommand(io));
  program.addCommand(docsCommand(io));
  program.addCommand(railsCommand(io));
  program.addCommand(thesaurusCommand(io));
  program.addCommand(questionnairesCommand(io));
  program.addCommand(applicationsCommand(io));
  program.addCommand(funnelCommand(io));
  program.addCommand(bankWebhooksCommand(io));
  program.addCommand(tokenCommand(io));
  program.addCommand(placeholderCommand(io));
  program.addCommand(doctorCommand(io));
  program.addCommand(mcpCommand(io));
  configure(program, io, capture);
  return program;
}

/** Commander must never exit the process or print errors itself: `main` turns them into one line. */
function configure(command: Command, io: CliIo, capture: { help: string }): void {
  command
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      // Help printed because a subcommand is missing goes here; `main` prints one line instead.
      writeErr: (text) => {
        capture.help += text;
      },
      outputError: () => {},
    })
    .configureHelp({ sortSubcommands: false, showGlobalOptions: false });
  for (const sub of command.commands) configure(sub, io, capture);
}

export { CommanderError };
