import { AdminRole, PartnerCreate, Scenario } from '@finlet/contracts';
import { Command, Option } from 'commander';
import { usageError } from '../internal/errors.js';
import { loadGateway } from '../internal/gateway.js';
import { type CliIo, Output } from '../internal/io.js';
import { type SettingOptions, withSettings } from '../internal/settings.js';
import { requireMigrated, withStore } from '../internal/store.js';
import { addAdminKeyCommands, addPartnerKeyCommands } from '../keys/commands.js';

const DIRECT = ['dataDir', 'databaseUrl'] as const;

/** `finlet migrate`: applies pending migrations directly on the database. */
export function migrateCommand(io: CliIo): Command {
  return withSettings(new Command('migrate').description('apply pending database migrations'), DIRECT).action(
    async (options: SettingOptions) => {
      const out = new Output(io, options.json === true);
      await withStore(
        options,
        io,
        async (store, where) => {
          const { applied } = await store.migrate();
          out.result({ database: where, applied });
          if (applied.length === 0) out.line(`${where}: already up to date`);
          else {
            out.line(`${where}: applied ${applied.length} migration${applied.length === 1 ? '' : 's'}`);
            for (const name of applied) out.line(`  ${name}`);
          }
        },
        { create: true },
      );
    },
  );
}

/**
 * `finlet funnel rebuild`: builds the acquisition funnel's daily rollups again from the recorded
 * events and decisions, in one transaction (after changing FINLET_TIME_ZONE, or to repair).
 */
export function funnelCommand(io: CliIo): Command {
  const funnel = new Command('funnel').description('the acquisition funnel (acts on the database)');
  withSettings(
    funnel
      .command('rebuild')
      .description(
        'build the daily funnel rollups again from recorded events (FINLET_TIME_ZONE sets the days)',
      ),
    DIRECT,
  ).action(async (options: SettingOptions) => {
    const out = new Output(io, options.json === true);
    await withStore(options, io, async (store, where) => {
      await requireMigrated(store, where);
      const rollups = store.funnelRollups;
      const { dailyRows } = await store.transaction((tx) => tx.funnelRollups.rebuild());
      out.result({ database: where, timeZone: rollups.timeZone, dailyRows });
      out.line(`${where}: funnel rollups rebuilt, ${dailyRows} daily rows (days in ${rollups.timeZone})`);
    });
  });
  return funnel;
}

interface PartnerOptions extends SettingOptions {
  name: string;
  origin?: string[];
  scenario?: string[];
  webhookUrl?: string;
}

/** `finlet partners create`: a partner and its secret key, written directly to the database. */
export function partnersCommand(io: CliIo): Command {
  const partners = new Command('partners').description('partner platforms (bootstrap, acts on the database)');
  withSettings(
    partners
      .command('create')
      .description('create a partner; prints its id, secret key and webhook secret once')
      .requiredOption('--name <name>', 'display name, e.g. "Cloud Travel"')
      .option('--origin <url...>', 'web origins allowed to embed the widgets, e.g. https://shop.example.com')
      .addOption(
        new Option('--scenario <scenario...>', 'scenarios the partner serves (default consumption)').choices(
          Scenario.options,
        ),
      )
      .option('--webhook-url <url>', 'where the gateway sends webhooks'),
    DIRECT,
  ).action(async (options: PartnerOptions) => {
    const out = new Output(io, options.json === true);
    const parsed = PartnerCreate.safeParse({
      name: options.name,
      origins: options.origin ?? [],
      ...(options.scenario ? { scenarios: options.scenario } : {}),
      ...(options.webhookUrl !== undefined ? { webhookUrl: options.webhookUrl } : {}),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const flag = {
        name: '--name',
        origins: '--origin',
        scenarios: '--scenario',
        webhookUrl: '--webhook-url',
      }[String(issue.path[0])];
      const value = flagValue(options, issue.path);
      throw usageError(`${flag ?? issue.path.join('.')}${value ? ` ${value}` : ''}: ${issue.message}`);
    }
    await withStore(options, io, async (store, where) => {
      await requireMigrated(store, where);
      const { createPartner, checkWebhookUrl, ForbiddenAddressError } = await loadGateway();
      if (parsed.data.webhookUrl !== undefined) {
        try {
          await checkWebhookUrl(parsed.data.webhookUrl, { allowLoopback: false });
        } catch (error) {
          if (!(error instanceof ForbiddenAddressError)) throw error;
          throw usageError(`--webhook-url "${parsed.data.webhookUrl}": ${error.message}`);
        }
      }
      const created = await createPartner(store, parsed.data);
      out.result(created);
      out.line(`Created partner ${created.partner.name} (${created.partner.scenarios.join(', ')})`);
      out.line(`  partner id      ${created.partner.id}`);
      out.line(`  secret key      ${created.secretKey}`);
      out.line(`  webhook secret  ${created.webhookSecret}`);
      out.line('Keep the secret key and webhook secret on your server: they are shown only this once.');
    });
  });
  addPartnerKeyCommands(io, partners);
  return partners;
}

function flagValue(options: PartnerOptions, path: readonly PropertyKey[]): string | undefined {
  if (path[0] === 'origins' && typeof path[1] === 'number') return `"${options.origin?.[path[1]] ?? ''}"`;
  if (path[0] === 'webhookUrl') return `"${options.webhookUrl ?? ''}"`;
  return undefined;
}

/** `finlet admin-keys create`: an admin API key for a product-team member. */
export function adminKeysCommand(io: CliIo): Command {
  const keys = new Command('admin-keys').description('admin API keys (bootstrap, acts on the database)');
  withSettings(
    keys
      .command('create')
      .description('create an admin key; prints it once')
      .requiredOption('--name <name>', 'who holds the key, e.g. "Li Na"')
      .addOption(
        new Option(
          '--role <role>',
          'author writes offers, approver approves and publishes them, admin does both',
        )
          .choices(AdminRole.options)
          .makeOptionMandatory(),
      ),
    DIRECT,
  ).action(async (options: SettingOptions & { name: string; role: AdminRole }) => {
    const out = new Output(io, options.json === true);
    const name = options.name.trim();
    if (name.length === 0 || name.length > 120) throw usageError('--name must be 1 to 120 characters');
    await withStore(options, io, async (store, where) => {
      await requireMigrated(store, where);
      const { createAdminKey } = await loadGateway();
      const created = await createAdminKey(store, { name, role: options.role });
      out.result(created);
      out.line(`Created ${created.admin.role} key for ${created.admin.name} (${created.admin.id})`);
      out.line(`  FINLET_ADMIN_KEY=${created.apiKey}`);
      out.line('The key is shown only this once.');
    });
  });
  addAdminKeyCommands(io, keys);
  return keys;
}
