import { Command } from 'commander';
import { CliError, usageError } from '../internal/errors.js';
import { type CliIo, Output } from '../internal/io.js';
import { resolveGateway, type SettingOptions, withSettings } from '../internal/settings.js';
import { atRestChecks } from './at-rest.js';
import { type CheckResult, type CheckStatus, runDoctor } from './checks.js';

const DOCTOR_HELP = `
Checks, one line each (✓ pass, ⚠ warning, ✗ failure, · skipped), each failure with a fix:
  gateway       reachable (/healthz), its version, ready (/readyz)
  secret-key    with FINLET_SECRET_KEY or --secret-key: valid, the partner and its scenarios
  origin        with --origin or --page: the origin is one of the partner's allowed origins
  clock         skew against the gateway (warning above 5 s, failure above 60 s)
  csp-*         with --page: the page's CSP (headers and <meta>) lets finlet.js load and call the gateway
  webhook-*     with --webhook: a signed test event is accepted (needs --webhook-secret), a forged one refused
  data-dir      with --data-dir (FINLET_DATA_DIR): the gateway's data dir is readable by its owner only
  master-key    with a data dir or --database-url: FINLET_MASTER_KEY (or _FILE) is set and well formed
  secrets       likewise: every stored secret opens with that key; none left in clear
Exit code 0 when nothing failed (warnings allowed), 1 otherwise. The secret key is never printed.`;

const MARK: Record<CheckStatus, string> = { pass: '✓', warn: '⚠', fail: '✗', skip: '·' };

interface DoctorOptions extends SettingOptions {
  secretKey?: string;
  origin?: string[];
  page?: string;
  webhook?: string;
  webhookSecret?: string;
}

export function doctorCommand(io: CliIo): Command {
  return withSettings(
    new Command('doctor')
      .description(
        "check a partner's set-up: gateway, key, origins, clock, a page's CSP, the webhook endpoint",
      )
      .option(
        '--secret-key <key>',
        'partner secret key fsk_… (env FINLET_SECRET_KEY; prefer the environment)',
      )
      .option(
        '--origin <url...>',
        'origins your pages run on, checked against the partner (the --page origin is added)',
      )
      .option('--page <url>', 'a page showing the widgets: its Content-Security-Policy is checked')
      .option('--webhook <url>', 'your webhook endpoint: a signed and a forged test event are sent to it')
      .option('--webhook-secret <whsec>', "the endpoint's signing secret whsec_… (env FINLET_WEBHOOK_SECRET)")
      .addHelpText('after', DOCTOR_HELP),
    ['gateway', 'dataDir', 'databaseUrl'],
  ).action(async (options: DoctorOptions) => {
    const out = new Output(io, options.json === true);
    const gateway = resolveGateway(options, io);
    const secretKey = nonEmpty(options.secretKey) ?? nonEmpty(io.env.FINLET_SECRET_KEY);
    const webhookSecret = nonEmpty(options.webhookSecret) ?? nonEmpty(io.env.FINLET_WEBHOOK_SECRET);
    const origins = (options.origin ?? []).map((o) => originOf(o, '--origin'));
    const page = options.page === undefined ? undefined : httpUrl(options.page, '--page').href;
    const webhook = options.webhook === undefined ? undefined : httpUrl(options.webhook, '--webhook').href;
    if (webhookSecret !== undefined && !/^whsec_[A-Za-z0-9+/]+=*$/.test(webhookSecret)) {
      throw usageError(
        'the webhook secret must be whsec_ followed by base64, as shown when the endpoint was registered',
      );
    }
    out.line(`Checking ${gateway}`);
    const checks = await runDoctor({
      gateway,
      origins,
      ...(secretKey === undefined ? {} : { secretKey }),
      ...(page === undefined ? {} : { page }),
      ...(webhook === undefined ? {} : { webhook }),
      ...(webhookSecret === undefined ? {} : { webhookSecret }),
    });
    const bankSide = [
      options.dataDir,
      options.databaseUrl,
      io.env.FINLET_DATA_DIR,
      io.env.FINLET_DATABASE_URL,
    ];
    if (bankSide.some((v) => v !== undefined && v.trim() !== ''))
      checks.push(...(await atRestChecks(options, io)));
    for (const check of checks) out.line(formatCheck(check));
    const failed = checks.filter((c) => c.status === 'fail').length;
    out.result({ ok: failed === 0, gateway, checks });
    if (failed > 0) {
      throw new CliError('checks_failed', `${failed} of ${checks.length} checks failed`);
    }
    const warned = checks.filter((c) => c.status === 'warn').length;
    out.line(`No failures${warned ? ` (${warned} warning${warned === 1 ? '' : 's'})` : ''}.`);
  });
}

/** `✗ origin: origin https://x is not … — fix: ask the bank …`, one line. */
export function formatCheck(check: CheckResult): string {
  const fix =
    check.fix && check.status !== 'pass'
      ? ` — ${check.status === 'skip' ? 'to check' : 'fix'}: ${check.fix}`
      : '';
  return `${MARK[check.status]} ${check.id}: ${check.message}${fix}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

function httpUrl(raw: string, flag: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`${flag} must be a URL such as https://shop.example.com/, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`${flag} must be an http or https URL, got "${raw}"`);
  }
  return url;
}

function originOf(raw: string, flag: string): string {
  return httpUrl(raw, flag).origin;
}
