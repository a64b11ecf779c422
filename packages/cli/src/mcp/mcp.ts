import { serveStdio } from '@finlet/mcp';
import { Command } from 'commander';
import { usageError } from '../internal/errors.js';
import { loadGateway } from '../internal/gateway.js';
import type { CliIo } from '../internal/io.js';
import { type SettingOptions, withSettings } from '../internal/settings.js';
import { open, requireMigrated } from '../internal/store.js';
import { deploymentConfig } from '../serve/serve.js';

/**
 * `finlet mcp`: the MCP server over stdio for one agent grant, on the gateway's own database (the
 * same tools, checks and audit as `/mcp`). Stdout carries the protocol: nothing else is written there.
 */
export function mcpCommand(io: CliIo): Command {
  return withSettings(
    new Command('mcp')
      .description('serve the MCP tools over stdio under an agent grant (FINLET_AGENT_GRANT)')
      .addHelpText(
        'after',
        `
The grant token comes from FINLET_AGENT_GRANT (never a flag: it would show in the process list);
the partner's server creates one with POST /v1/agent-grants. Point an MCP client at this command,
e.g. { "command": "finlet", "args": ["mcp", "--data-dir", ".finlet"], "env": { "FINLET_AGENT_GRANT": "fgt_…" } }.`,
      ),
    ['dataDir', 'databaseUrl'],
  ).action(async (options: SettingOptions) => {
    const token = io.env.FINLET_AGENT_GRANT?.trim();
    if (!token) throw usageError('set FINLET_AGENT_GRANT to an agent grant token (POST /v1/agent-grants)');
    const { store, where } = await open(options, io, { create: false });
    let close: (() => Promise<void>) | undefined;
    try {
      await requireMigrated(store, where);
      const { createGateway } = await loadGateway();
      const gateway = await createGateway({
        store,
        ...deploymentConfig(io),
        logger: false,
        scheduler: false,
        webhooks: { worker: false },
      });
      close = () => gateway.close();
      const backend = await gateway.agents.open(token);
      const served = await serveStdio(backend);
      io.stderr.write(`finlet mcp: serving grant ${backend.grantId} over stdio (${where})\n`);
      await served.closed;
    } finally {
      await close?.();
      await store.close().catch(() => {});
    }
  });
}
