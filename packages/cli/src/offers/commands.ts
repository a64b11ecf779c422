import { OfferStatus } from '@finlet/contracts';
import { Command, Option } from 'commander';
import { formatChanges, summaryLine } from '../internal/diff.js';
import { CliError, usageError } from '../internal/errors.js';
import { GatewayApi } from '../internal/gateway-api.js';
import { type CliIo, Output } from '../internal/io.js';
import { resolveAdminKey, resolveGateway, type SettingOptions, withSettings } from '../internal/settings.js';
import { formatProblem, loadOfferFiles, type OfferFilesReport } from './files.js';
import { describeSteps } from './plan.js';
import { applyPlan, type PublishOutcome, planWithGateway } from './publish.js';

const PUBLISH_HELP = `
How publishing works (four eyes: whoever writes an offer never approves it):
  1. An author runs     FINLET_ADMIN_KEY=<author key> finlet offers publish offers/
     New or changed offers become drafts (a new version when one is already out) and are
     submitted for review. Unchanged offers are left alone.
  2. An approver runs   FINLET_ADMIN_KEY=<approver key> finlet offers approve <id>@<version>
     after reviewing the version (\`finlet offers list --status in_review\` shows what waits).
  3. The approver runs  finlet offers publish offers/
     Versions approved with exactly the content of the files go live; the version they replace
     is retired. Use --dry-run first to see new / changed / unchanged per offer.`;

export function offersCommand(io: CliIo): Command {
  const offers = new Command('offers').description('check and publish offer files (YAML or JSON)');

  withSettings(
    offers
      .command('validate')
      .description(
        'check offer files offline against the offer contract; every mistake as file:line:col: path: reason',
      )
      .argument('<files...>', 'offer files or directories of them'),
    [],
  ).action(async (files: string[], options: SettingOptions) => {
    const out = new Output(io, options.json === true);
    const report = await loadOfferFiles(files, io.cwd);
    out.result(reportJson(report));
    if (report.problems.length > 0) {
      for (const problem of report.problems) out.line(formatProblem(problem));
      throw new CliError('invalid_input', summary(report));
    }
    out.line(
      `${report.offers.length} offer${report.offers.length === 1 ? '' : 's'} valid in ${plural(report.files.length, 'file')}`,
    );
  });

  withSettings(
    offers
      .command('publish')
      .description('create drafts and submit them (author), or publish approved versions (approver)')
      .argument('<files...>', 'offer files or directories of them')
      .option(
        '--dry-run',
        'show each offer as new / changed / unchanged against the published version, every changed field with old → new, and what the run would do; changes nothing',
      )
      .addHelpText('after', PUBLISH_HELP),
    ['gateway'],
  ).action(async (files: string[], options: SettingOptions & { dryRun?: boolean }) => {
    const out = new Output(io, options.json === true);
    const report = await loadOfferFiles(files, io.cwd);
    if (report.problems.length > 0) {
      for (const problem of report.problems) out.note(formatProblem(problem));
      throw new CliError('invalid_input', `${summary(report)}; nothing was published`);
    }
    const api = new GatewayApi(resolveGateway(options, io), resolveAdminKey(io));
    const me = await api.me();
    const dryRun = options.dryRun === true;
    out.line(`${dryRun ? 'Dry run as' : 'Publishing as'} ${me.name} (${me.role}) on ${api.baseUrl}`);
    const outcomes: (PublishOutcome & { file: string })[] = [];
    for (const offer of report.offers) {
      const plan = await planWithGateway(api, offer.content, me.role);
      const outcome = dryRun ? { plan, result: plan.latest } : await applyPlan(api, plan, offer.content);
      outcomes.push({ ...outcome, file: offer.file });
      out.line(describeOutcome(outcome, dryRun));
      for (const line of formatChanges(plan.changes)) out.line(line);
    }
    out.result({
      dryRun,
      gateway: api.baseUrl,
      actor: me,
      offers: outcomes.map(({ plan, result, file }) => ({
        id: plan.id,
        file,
        change: plan.change,
        against: plan.against,
        changedFields: plan.changedFields,
        changes: plan.changes,
        latest: plan.latest,
        steps: plan.steps,
        waitingFor: plan.waitingFor,
        result,
      })),
    });
  });

  withSettings(
    offers
      .command('approve')
      .description('approve offer versions in review (an approver who did not write them)')
      .argument('<id@version...>', 'e.g. scf-inventory-financing@2')
      .option('--comment <text>', 'recorded in the audit log'),
    ['gateway'],
  ).action(async (targets: string[], options: SettingOptions & { comment?: string }) => {
    const out = new Output(io, options.json === true);
    const parsed = targets.map(parseTarget);
    const api = new GatewayApi(resolveGateway(options, io), resolveAdminKey(io));
    const approved = [];
    for (const { id, version } of parsed) {
      let offer: Awaited<ReturnType<GatewayApi['transition']>>;
      try {
        offer = await api.transition(id, version, 'approve', options.comment);
      } catch (error) {
        if (error instanceof CliError) throw new CliError(error.code, `${id}@${version}: ${error.message}`);
        throw error;
      }
      approved.push({ id, version, status: offer.status, approvedBy: offer.approvedBy });
      out.line(`approved  ${id}@${version}  (publish it with \`finlet offers publish <files>\`)`);
    }
    out.result({ approved });
  });

  withSettings(
    offers
      .command('list')
      .description('the latest version of every offer on the gateway')
      .addOption(new Option('--status <status>', 'only this status').choices(OfferStatus.options))
      .option('--scenario <scenario>', 'only offers for this scenario'),
    ['gateway'],
  ).action(async (options: SettingOptions & { status?: string; scenario?: string }) => {
    const out = new Output(io, options.json === true);
    const api = new GatewayApi(resolveGateway(options, io), resolveAdminKey(io));
    const filter = {
      ...(options.status ? { status: options.status as OfferStatus } : {}),
      ...(options.scenario ? { scenario: options.scenario } : {}),
    };
    const list = await api.listOffers(filter);
    out.result({ offers: list });
    if (list.length === 0) out.line('no offers');
    for (const offer of list) {
      out.line(
        `${offer.id.padEnd(32)} v${String(offer.version).padEnd(4)} ${offer.status.padEnd(10)} ${offer.scenarios.join(',')}`,
      );
    }
  });

  return offers;
}

function parseTarget(target: string): { id: string; version: number } {
  const match = /^([a-z0-9]+(?:-[a-z0-9]+)*)@([1-9]\d{0,6})$/.exec(target);
  if (!match) throw usageError(`"${target}" is not <offer-id>@<version>, e.g. scf-inventory-financing@2`);
  return { id: match[1]!, version: Number(match[2]) };
}

function describeOutcome({ plan, result }: PublishOutcome, dryRun: boolean): string {
  let what: string;
  if (plan.steps.length > 0) {
    what = dryRun
      ? `would ${describeSteps(plan)}`
      : `${describeSteps(plan)} → v${result?.version} ${result?.status}`;
  } else {
    what = plan.waitingFor ? `nothing to do; waiting for ${plan.waitingFor}` : 'nothing to do';
  }
  return summaryLine({ id: plan.id, diff: plan, latest: plan.latest, what });
}

function reportJson(report: OfferFilesReport) {
  return {
    valid: report.problems.length === 0,
    files: report.files,
    offers: report.offers.map((offer) => ({
      id: offer.content.id,
      file: offer.file,
      at: offer.at.join('.'),
    })),
    problems: report.problems,
  };
}

function summary(report: OfferFilesReport): string {
  const files = new Set(report.problems.map((p) => p.file)).size;
  return `${plural(report.problems.length, 'problem')} in ${plural(files, 'file')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
