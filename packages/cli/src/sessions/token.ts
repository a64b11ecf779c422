import { EmbedSessionCreate, Locale, Scenario, type SignalValue } from '@finlet/contracts';
import { Command, Option } from 'commander';
import { usageError } from '../internal/errors.js';
import { GatewayApi } from '../internal/gateway-api.js';
import { type CliIo, Output } from '../internal/io.js';
import { resolveGateway, type SettingOptions, withSettings } from '../internal/settings.js';

/**
 * Reads `key=value`: `true`/`false` become booleans, decimal numbers become numbers, anything else
 * (or a value in double quotes) stays a string, since signals are compared without coercion.
 */
export function parseSignal(text: string): [string, SignalValue] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw usageError(`--signal "${text}" is not key=value, e.g. business.age_months=18`);
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) return [key, raw.slice(1, -1)];
  if (raw === 'true' || raw === 'false') return [key, raw === 'true'];
  if (/^-?\d+(\.\d+)?$/.test(raw)) return [key, Number(raw)];
  return [key, raw];
}

interface TokenOptions extends SettingOptions {
  partnerKey?: string;
  user: string;
  scenario: string;
  signal?: string[];
  locale?: string;
  origin?: string;
  ttl?: string;
}

/** `finlet token`: a session token for trying the widgets and the API by hand (dev). */
export function tokenCommand(io: CliIo): Command {
  return withSettings(
    new Command('token')
      .description('mint an embed-session token, as a partner server would (POST /v1/embed-sessions)')
      .option('--partner-key <key>', 'the partner secret key, fsk_… (env FINLET_PARTNER_KEY)')
      .requiredOption('--user <id>', "the partner's pseudonymous user id")
      .addOption(
        new Option('--scenario <scenario>', 'the journey').choices(Scenario.options).makeOptionMandatory(),
      )
      .option('--signal <key=value...>', 'trusted signal, repeatable, e.g. business.age_months=18')
      .addOption(new Option('--locale <locale>', 'widget locale').choices(Locale.options))
      .option('--origin <origin>', "bind the token to one of the partner's origins")
      .option('--ttl <seconds>', 'lifetime in seconds (60–900)'),
    ['gateway'],
  ).action(async (options: TokenOptions) => {
    const out = new Output(io, options.json === true);
    const partnerKey = options.partnerKey ?? io.env.FINLET_PARTNER_KEY;
    if (!partnerKey)
      throw usageError('pass --partner-key or set FINLET_PARTNER_KEY to a partner secret key (fsk_…)');
    const signals = Object.fromEntries((options.signal ?? []).map(parseSignal));
    if (options.ttl !== undefined && !/^\d+$/.test(options.ttl))
      throw usageError('--ttl must be whole seconds');
    const body = EmbedSessionCreate.safeParse({
      userId: options.user,
      scenario: options.scenario,
      ...(options.signal ? { signals } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.ttl ? { ttlSeconds: Number(options.ttl) } : {}),
    });
    if (!body.success) {
      const issue = body.error.issues[0]!;
      const flag =
        { userId: '--user', signals: '--signal', origin: '--origin', ttlSeconds: '--ttl' }[
          String(issue.path[0])
        ] ?? issue.path.join('.');
      const detail =
        issue.path[0] === 'signals' && issue.path[1] !== undefined ? ` ${String(issue.path[1])}` : '';
      throw usageError(`${flag}${detail}: ${issue.message}`);
    }
    const api = new GatewayApi(resolveGateway(options, io), partnerKey);
    const session = await api.createEmbedSession(body.data);
    out.result(session);
    out.line(session.token);
  });
}
