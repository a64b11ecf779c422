import type { AdminKeySummary, PartnerKey } from '@finlet/contracts';
import { PARTNER_KEY_OVERLAP_SECONDS } from '@finlet/contracts';
import { Command } from 'commander';
import { CliError, usageError } from '../internal/errors.js';
import { loadGateway } from '../internal/gateway.js';
import { type CliIo, Output } from '../internal/io.js';
import { type SettingOptions, withSettings } from '../internal/settings.js';
import { requireMigrated, withStore } from '../internal/store.js';

const DIRECT = ['dataDir', 'databaseUrl'] as const;

/** Key lifecycle from the CLI acts on the database directly, as `partners create` does, and is audited as the CLI. */
const CLI_ACTOR = { kind: 'cli', id: 'bootstrap', name: null } as const;

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90`, `90s`, `30m`, `24h`, `7d` → seconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d{1,7})([smhd]?)$/.exec(text.trim());
  if (!match) throw usageError(`${flag} must be a duration such as 24h, 30m, 90s or 0, got "${text}"`);
  const seconds = Number(match[1]) * UNITS[match[2] || 's']!;
  if (seconds > PARTNER_KEY_OVERLAP_SECONDS.max) {
    throw usageError(`${flag} must be at most ${PARTNER_KEY_OVERLAP_SECONDS.max / 86_400}d, got "${text}"`);
  }
  return seconds;
}

/** The gateway's refusals (unknown partner or key) as one CLI line. */
async function lifecycle<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && error.name === 'HttpProblem') {
      throw new CliError('invalid_input', error.message, { cause: error });
    }
    throw error;
  }
}

function describeKey(key: PartnerKey): string {
  const end =
    key.status === 'revoked' ? ` since ${key.revokedAt}` : key.expiresAt ? ` until ${key.expiresAt}` : '';
  return `${key.prefix}…  ${key.status}${end}`;
}

/** `finlet partners rotate-key|disable|enable`, added to the `partners` command. */
export function addPartnerKeyCommands(io: CliIo, partners: Command): void {
  withSettings(
    partners
      .command('rotate-key')
      .description('issue a new secret key (printed once); the current keys keep working for the overlap')
      .argument('<partner-id>', 'the partner, e.g. ptn_…')
      .option(
        '--overlap <duration>',
        'how long the current keys keep working: 24h (default), 30m, 0 ends them now',
      ),
    DIRECT,
  ).action(async (partnerId: string, options: SettingOptions & { overlap?: string }) => {
    const out = new Output(io, options.json === true);
    const overlapSeconds =
      options.overlap === undefined ? undefined : parseDuration(options.overlap, '--overlap');
    await withStore(options, io, async (store, where) => {
      await requireMigrated(store, where);
      const { rotatePartnerKey } = await loadGateway();
      const rotated = await lifecycle(() =>
        rotatePartnerKey({ store, now: new Date(), actor: CLI_ACTOR }, partnerId, { overlapSeconds }),
      );
      out.result({ partnerId, ...rotated });
      out.line(`Rotated the secret key of ${partnerId}`);
      out.line(`  new secret key  ${rotated.secretKey}`);
      if (rotated.previousKeysValidUntil) {
        out.line(`  previous keys work until ${rotated.previousKeysValidUntil}:`);
        for (const key of rotated.previousKeys) out.line(`    ${key.prefix}…`);
      }
      out.line('Keep the new key on your server: it is shown only this once.');
    });
  });

  for (const status of ['disabled', 'active'] as const) {
    const name = status === 'disabled' ? 'disable' : 'enable';
    withSettings(
      partners
        .command(name)
        .description(
          status === 'disabled'
            ? 'disable a partner: its keys and live sessions are refused on every instance within 1 s'
            : 'enable a disabled partner again',
        )
        .argument('<partner-id>', 'the partner, e.g. ptn_…'),
      DIRECT,
    ).action(async (partnerId: string, options: SettingOptions) => {
      const out = new Output(io, options.json === true);
      await withStore(options, io, async (store, where) => {
        await requireMigrated(store, where);
        const { setPartnerStatus } = await loadGateway();
        const partner = await lifecycle(() =>
          setPartnerStatus({ store, now: new Date(), actor: CLI_ACTOR }, partnerId, status),
        );
        out.result(partner);
        out.line(`${partner.name} (${partner.id}) is ${partner.status}`);
      });
    });
  }

  withSettings(
    partners
      .command('keys')
      .description("list a partner's secret keys with their status (never the secrets)")
      .argument('<partner-id>', 'the partner, e.g. ptn_…'),
    DIRECT,
  ).action(async (partnerId: string, options: SettingOptions) => {
    const out = new Output(io, options.json === true);
    await withStore(options, io, async (store, where) => {
      await requireMigrated(store, where);
      const { listPartnerKeys } = await loadGateway();
      const keys = await lifecycle(() => listPartnerKeys(store, partnerId, new Date()));
      out.result({ keys });
      for (const key of keys) out.line(describeKey(key));
    });
  });
}

function describeAdmin(key: AdminKeySummary): string {
  return `${key.id}  ${key.role.padEnd(8)}  ${key.status.padEnd(7)}  ${key.name}`;
}

/** `finlet admin-keys list|revoke`, added to the `admin-keys` command. */
export function addAdminKeyCommands(io: CliIo, keys: Command): void {
  withSettings(keys.command('list').description('list admin keys (never the secrets)'), DIRECT).action(
    async (options: SettingOptions) => {
      const out = new Output(io, options.json === true);
      await withStore(options, io, async (store, where) => {
        await requireMigrated(store, where);
        const list = (await store.adminKeys.list()).map(
          (k): AdminKeySummary => ({
            ...k.identity,
            createdAt: k.createdAt,
            revokedAt: k.revokedAt,
            status: k.revokedAt === null ? 'active' : 'revoked',
          }),
        );
        out.result({ adminKeys: list });
        if (list.length === 0) out.line('No admin keys; create one with `finlet admin-keys create`.');
        for (const key of list) out.line(describeAdmin(key));
      });
    },
  );
  withSettings(
    keys
      .command('revoke')
      .description('revoke an admin key now; its console sessions end with it')
      .argument('<admin-id>', 'the key id from `admin-keys list`, e.g. adm_…'),
    DIRECT,
  ).action(async (id: string, options: SettingOptions) => {
    const out = new Output(io, options.json === true);
    await withStore(options, io, async (store, where) => {
      await requireMigrated(store, where);
      const { revokeAdminKey } = await loadGateway();
      const key = await lifecycle(() => revokeAdminKey({ store, now: new Date(), actor: CLI_ACTOR }, id));
      out.result(key);
      out.line(`Revoked ${key.id} (${key.name}, ${key.role}) at ${key.revokedAt}`);
    });
  });
}

/** `finlet signing-keys rotate`. */
export function signingKeysCommand(io: CliIo): Command {
  const command = new Command('signing-keys').description(
    'session-signing keys (bootstrap, acts on the database)',
  );
  withSettings(
    command
      .command('rotate')
      .description(
        'a new key signs sessions from now on; the JWKS keeps the previous public key until its last token expired',
      ),
    DIRECT,
  ).action(async (options: SettingOptions) => {
    const out = new Output(io, options.json === true);
    if (io.env.FINLET_SIGNING_KEY?.trim()) {
      throw new CliError(
        'invalid_input',
        'FINLET_SIGNING_KEY is set: the gateway signs with that key, so rotate it there (and restart), not in the database',
      );
    }
    await withStore(options, io, async (store, where) => {
      await requireMigrated(store, where);
      const { rotateSigningKey } = await loadGateway();
      const rotated = await rotateSigningKey({ store, now: new Date(), actor: CLI_ACTOR });
      out.result(rotated);
      out.line(`New signing key ${rotated.kid}; every gateway instance signs with it within 1 s`);
      if (rotated.previousKid) {
        out.line(
          `  the JWKS serves the previous key ${rotated.previousKid} until ${rotated.previousServedUntil}`,
        );
      }
    });
  });
  return command;
}
