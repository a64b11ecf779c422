import {
  type AdminApplicationSummary,
  ApplicationStatus,
  BANK_EVENT_TYPES,
  BANK_FEED_ROLES,
  type BankEventType,
  type BankFeedRole,
  type BankWebhookEndpoint,
  Scenario,
} from '@finlet/contracts';
import { Command } from 'commander';
import { usageError } from '../internal/errors.js';
import { adminCall } from '../internal/gateway-api.js';
import { type CliIo, Output } from '../internal/io.js';
import { resolveAdminKey, resolveGateway, type SettingOptions, withSettings } from '../internal/settings.js';

const PAGE = 200;
const APPLICATION_STATUSES = ApplicationStatus.options;

/** The columns of `--format csv`, in order: the inbox row flattened, personal fields as the key's role sees them. */
export const CSV_COLUMNS = [
  'id',
  'submittedAt',
  'updatedAt',
  'status',
  'partnerId',
  'scenario',
  'offerId',
  'offerVersion',
  'amountValue',
  'currency',
  'termMonths',
  'purpose',
  'userId',
  'applicantName',
  'businessName',
  'phone',
  'email',
  'idNumberMasked',
] as const;

function row(a: AdminApplicationSummary): Record<(typeof CSV_COLUMNS)[number], string | number | null> {
  return {
    id: a.id,
    submittedAt: a.submittedAt,
    updatedAt: a.updatedAt,
    status: a.status,
    partnerId: a.partnerId,
    scenario: a.scenario,
    offerId: a.offerId,
    offerVersion: a.offerVersion,
    amountValue: a.amount?.value ?? null,
    currency: a.amount?.currency ?? null,
    termMonths: a.termMonths,
    purpose: a.purpose,
    userId: a.userId,
    applicantName: a.applicant.name,
    businessName: a.applicant.businessName,
    phone: a.applicant.phone,
    email: a.applicant.email,
    idNumberMasked: a.applicant.idNumberMasked,
  };
}

/**
 * One CSV field (RFC 4180). A text starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'`
 * so a spreadsheet never runs an applicant's name or purpose as a formula.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function instant(text: string | undefined, flag: string): string | undefined {
  if (text === undefined) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw usageError(`${flag} must be a date (2026-01-31) or an ISO time, got "${text}"`);
  }
  return date.toISOString();
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw usageError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

interface ExportOptions extends SettingOptions {
  since?: string;
  until?: string;
  format?: string;
  status?: string;
  partner?: string;
  scenario?: string;
  offer?: string;
  pageSize?: string;
}

/** `finlet applications export`: the inbox through the admin API, page by page, as JSON lines or CSV. */
export function applicationsCommand(io: CliIo): Command {
  const applications = new Command('applications').description("the bank's applications (admin API)");
  withSettings(
    applications
      .command('export')
      .description(
        'write applications (newest first) as JSON lines or CSV to stdout, personal data masked for the key’s role',
      )
      .option('--since <time>', 'submitted at or after (a date or ISO time)')
      .option('--until <time>', 'submitted before (a date or ISO time)')
      .option('--format <format>', 'jsonl (default) or csv')
      .option('--status <status>', `one of ${APPLICATION_STATUSES.join(', ')}`)
      .option('--partner <id>', 'one partner')
      .option('--scenario <scenario>', 'one scenario')
      .option('--offer <id>', 'one offer')
      .option('--page-size <n>', 'applications per request (1–200, default 200)'),
    ['gateway'],
  ).action(async (options: ExportOptions) => {
    const out = new Output(io, false);
    const format = oneOf(options.format ?? 'jsonl', ['jsonl', 'csv'] as const, '--format');
    const status = oneOf(options.status, APPLICATION_STATUSES, '--status');
    const pageSize = options.pageSize === undefined ? PAGE : Number(options.pageSize);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > PAGE) {
      throw usageError(`--page-size must be a whole number from 1 to ${PAGE}, got "${options.pageSize}"`);
    }
    const query = {
      submittedFrom: instant(options.since, '--since'),
      submittedTo: instant(options.until, '--until'),
      status,
      partnerId: options.partner,
      scenario: oneOf(options.scenario, Scenario.options, '--scenario'),
      offerId: options.offer,
      limit: pageSize,
    };
    const call = adminCall(resolveGateway(options, io), resolveAdminKey(io));
    if (format === 'csv') io.stdout.write(`${CSV_COLUMNS.join(',')}\r\n`);
    let cursor: string | undefined;
    let count = 0;
    // Page by page, each written before the next is asked for: memory stays flat however many there are.
    do {
      const page = await call('listAdminApplications', { query: { ...query, cursor } });
      const lines = page.applications.map((a) =>
        format === 'csv'
          ? `${CSV_COLUMNS.map((c) => csvField(row(a)[c])).join(',')}\r\n`
          : `${JSON.stringify(a)}\n`,
      );
      if (lines.length > 0) io.stdout.write(lines.join(''));
      count += page.applications.length;
      cursor = page.next ?? undefined;
    } while (cursor);
    out.note(`Exported ${count} application(s)`);
  });
  return applications;
}

function describe(e: BankWebhookEndpoint): string {
  return `${e.id}  ${e.status}  ${e.role} view  ${e.url}  ${e.eventTypes.join(',')}`;
}

/** `finlet bank-webhooks create|list|rotate|disable`: the bank's own feed, through the admin API (admin key). */
export function bankWebhooksCommand(io: CliIo): Command {
  const hooks = new Command('bank-webhooks').description(
    "the bank's own webhook endpoints (loan-origination feed), distinct from partners'",
  );
  const client = (options: SettingOptions) => adminCall(resolveGateway(options, io), resolveAdminKey(io));

  withSettings(
    hooks
      .command('create')
      .description('register an endpoint; prints its signing secret once')
      .requiredOption('--url <url>', 'https URL of the receiver')
      .option('--events <types>', `comma-separated, of ${BANK_EVENT_TYPES.join(', ')} (default all)`)
      .option(
        '--role <role>',
        `whose masking the applicant data follows: ${BANK_FEED_ROLES.join(', ')} (default reviewer)`,
      )
      .option('--description <text>', 'what it is for'),
    ['gateway'],
  ).action(
    async (
      options: SettingOptions & { url: string; events?: string; role?: string; description?: string },
    ) => {
      const out = new Output(io, options.json === true);
      const eventTypes = options.events
        ?.split(',')
        .map((t) => t.trim())
        .filter(Boolean)
        .map((t) => oneOf(t, BANK_EVENT_TYPES, '--events') as BankEventType);
      const role = oneOf(options.role, BANK_FEED_ROLES, '--role') as BankFeedRole | undefined;
      const created = await client(options)('createBankWebhookEndpoint', {
        body: {
          url: options.url,
          ...(eventTypes ? { eventTypes } : {}),
          ...(role ? { role } : {}),
          ...(options.description ? { description: options.description } : {}),
        },
      });
      out.result(created);
      out.line(`Registered ${describe(created.endpoint)}`);
      out.line(`  signing secret  ${created.secret}`);
      out.line('Keep the secret with the receiver: it is shown only this once.');
    },
  );

  withSettings(hooks.command('list').description('every bank endpoint'), ['gateway']).action(
    async (options: SettingOptions) => {
      const out = new Output(io, options.json === true);
      const { endpoints } = await client(options)('listBankWebhookEndpoints');
      out.result({ endpoints });
      if (endpoints.length === 0) out.line('No bank webhook endpoints.');
      for (const e of endpoints) out.line(describe(e));
    },
  );

  withSettings(
    hooks
      .command('rotate')
      .description('new signing secret (printed once); the old one signs too for the overlap')
      .argument('<id>', 'the endpoint, whe_…')
      .option('--overlap-hours <hours>', 'how long the old secret keeps signing (0–168, default 24)'),
    ['gateway'],
  ).action(async (id: string, options: SettingOptions & { overlapHours?: string }) => {
    const out = new Output(io, options.json === true);
    const hours = options.overlapHours === undefined ? 24 : Number(options.overlapHours);
    if (!Number.isInteger(hours) || hours < 0 || hours > 168) {
      throw usageError(`--overlap-hours must be a whole number from 0 to 168, got "${options.overlapHours}"`);
    }
    const rotated = await client(options)('rotateBankWebhookSecret', {
      params: { id },
      body: { overlapHours: hours },
    });
    out.result(rotated);
    out.line(`Rotated the secret of ${id}`);
    out.line(`  signing secret  ${rotated.secret}`);
  });

  withSettings(
    hooks
      .command('disable')
      .description('stop sending to an endpoint')
      .argument('<id>', 'the endpoint, whe_…'),
    ['gateway'],
  ).action(async (id: string, options: SettingOptions) => {
    const out = new Output(io, options.json === true);
    const endpoint = await client(options)('deleteBankWebhookEndpoint', { params: { id } });
    out.result(endpoint);
    out.line(`Disabled ${describe(endpoint)}`);
  });
  return hooks;
}
