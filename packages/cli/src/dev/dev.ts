import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Command } from 'commander';
import { KnowledgeApi } from '../docs/api.js';
import { gatewayAssets } from '../internal/assets.js';
import { resolveDemoPorts, startDevDemoSites } from '../internal/demo-sites.js';
import { loadGateway } from '../internal/gateway.js';
import { GatewayApi } from '../internal/gateway-api.js';
import { importContent, seedWith } from '../internal/import.js';
import { type CliIo, Output, stopSignal, untilAborted } from '../internal/io.js';
import {
  DEFAULTS,
  resolveDatabaseUrl,
  resolveHost,
  resolvePort,
  type SettingOptions,
  withSettings,
} from '../internal/settings.js';
import { listening, open } from '../internal/store.js';
import { seedOffers } from '../offers/publish.js';
import { RailsApi } from '../rails/api.js';
import { loadDemoRails } from '../rails/files.js';
import { importTable, tablesOf } from '../rails/import.js';
import { deploymentConfig, logLevelOption, resolveLogLevel } from '../serve/serve.js';
import { QuestionnaireApi } from '../suitability/api.js';
import { loadDemoQuestionnaire } from '../suitability/files.js';
import {
  type DemoPartner,
  loadDemoDocs,
  loadDemoOffers,
  loadDemoPartners,
  withoutQuietHours,
} from './demo.js';
import { DEV_KEYS_FILE, type DevKeys, ensureDevKeys } from './keys.js';

interface DevOptions extends SettingOptions {
  logLevel?: string;
  demoPorts?: string;
  /** `--no-quiet-hours` sets it false. */
  quietHours?: boolean;
}

/** `--data-dir` as given, else `<FINLET_DATA_DIR or .finlet>/dev`: demo data never lands in a real data dir. */
function devDataDir(options: DevOptions, io: CliIo): string {
  const dir = options.dataDir ?? join(io.env.FINLET_DATA_DIR || DEFAULTS.dataDir, 'dev');
  return isAbsolute(dir) ? dir : resolve(io.cwd, dir);
}

/**
 * `finlet dev`: the gateway on SQLite with demo partners and offers, ready to try. The demo offers
 * are published through the admin API by a dev author and a dev approver, as a bank would.
 */
export function devCommand(io: CliIo): Command {
  return withSettings(
    new Command('dev')
      .description('run a local gateway on SQLite with demo partners and offers, and print keys to try it')
      .option('--data-dir <dir>', 'where the dev database and dev-keys.json live (default .finlet/dev)')
      .option(
        '--demo-ports <mode>',
        'demo partner sites on ports 4401-4405 (fixed), on free ports (ephemeral), or off (default: ephemeral with --port 0)',
      )
      .option(
        '--no-quiet-hours',
        "publish the demo offers' triggers without their quiet hours (22:00-08:00 Shanghai), so their nudge webhooks go out at any hour",
      )
      .addOption(logLevelOption('warn')),
    ['port', 'host'],
  ).action(async (options: DevOptions) => {
    const out = new Output(io, options.json === true);
    const port = resolvePort(options, io);
    const host = resolveHost(options, io);
    const logger = resolveLogLevel(options.logLevel, io, 'warn');
    const dataDir = devDataDir(options, io);
    const demoPorts = resolveDemoPorts(options.demoPorts, port);
    // One clock reading for the demo data: offers effective and FX rates fresh as of this start.
    const now = new Date();
    const [partners, demoOffers, docs] = await Promise.all([
      loadDemoPartners(),
      loadDemoOffers(now),
      loadDemoDocs(),
    ]);
    const offers = options.quietHours === false ? withoutQuietHours(demoOffers) : demoOffers;

    const deployment = deploymentConfig(io);
    // dev-keys.json lives here even when the database is PostgreSQL; it holds secrets, so 0700.
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const { store, where } = await open(options, io, { create: true, dataDir });
    const onPostgres = resolveDatabaseUrl(options, io) !== undefined;
    const stop = stopSignal(io);
    try {
      await store.migrate();
      // Demo data needs no master key; a data directory others can read is still worth a word.
      const { looseDataDirModes } = await loadGateway();
      for (const warning of looseDataDirModes(dataDir)) out.note(`finlet: warning: ${warning}`);
      const { keys } = await ensureDevKeys(store, dataDir, partners);
      const { startGateway } = await loadGateway();
      const running = await listening(host, port, () =>
        startGateway({
          store,
          port,
          host,
          logger,
          assets: gatewayAssets((line) => io.stderr.write(`${line}\n`)),
          // Demo partner servers listen on 127.0.0.1: let them receive webhooks in dev.
          webhooks: { allowLoopback: true },
          ...deployment,
        }),
      );
      let closeDemo: (() => Promise<void>) | undefined;
      try {
        const author = new GatewayApi(running.url, keys.admins.author!.apiKey);
        const approver = new GatewayApi(running.url, keys.admins.approver!.apiKey);
        const seeded = await seedOffers(author, approver, offers);
        const both = <A>(api: new (url: string, key: string) => A) => ({
          author: new api(running.url, keys.admins.author!.apiKey),
          approver: new api(running.url, keys.admins.approver!.apiKey),
        });
        const documents = await seedWith(both(KnowledgeApi), docs, importContent);
        const rails = await seedWith(both(RailsApi), tablesOf(await loadDemoRails(now)), importTable);
        const questionnaires = await seedWith(
          both(QuestionnaireApi),
          [await loadDemoQuestionnaire()],
          importContent,
        );
        const demo = await startDevDemoSites({
          mode: demoPorts,
          gatewayUrl: running.url,
          partners: keys.partners,
          ...(keys.admins.admin ? { adminKey: keys.admins.admin.apiKey } : {}),
          updateOrigins: async (id, origins) => {
            await store.partners.updateOrigins(id, origins);
            // Sessions are checked against the partner's origins, which every instance caches.
            await running.gateway.caches.changed('credentials');
          },
        });
        if ('close' in demo) closeDemo = demo.close;
        const ready = readyReport(running.url, dataDir, where, keys, partners, seeded);
        out.event({ event: 'ready', ...ready, documents });
        printReady(out, ready, onPostgres);
        out.line(
          `Demo documents: ${documents.filter((d) => d.status === 'published').length} of ${documents.length} published (the advisor answers from them)`,
        );
        out.event({ event: 'rails', tables: rails });
        out.line(
          `Demo rails: ${rails.filter((t) => t.status === 'published').length} of ${rails.length} rail and FX tables published (POST /v1/routes/quote)`,
        );
        out.event({ event: 'questionnaires', questionnaires });
        out.line(
          `Demo risk questionnaire: ${questionnaires.filter((q) => q.status === 'published').length} of ${questionnaires.length} published (<finlet-suitability>)`,
        );
        out.event({ event: 'demo-sites', ...demo, close: undefined });
        out.line();
        out.line(
          'indexUrl' in demo
            ? `Demo sites (tourism, government, consumption, supply chain): ${demo.indexUrl}`
            : `Demo sites: ${demo.skipped}`,
        );
        if ('groupChat' in demo && demo.groupChat) {
          out.line(`Group chat (Feishu assistant, demo): ${demo.groupChat.url}`);
          out.line(`Agent console (MCP under a grant):   ${demo.groupChat.agentUrl}`);
        }
        await untilAborted(stop.signal);
        out.line('Stopping…');
      } finally {
        await closeDemo?.();
        await running.close();
      }
    } finally {
      stop.dispose();
      await store.close().catch(() => {});
    }
  });
}

type Seeded = Awaited<ReturnType<typeof seedOffers>>;

function readyReport(
  url: string,
  dataDir: string,
  database: string,
  keys: DevKeys,
  partners: readonly DemoPartner[],
  seeded: Seeded,
) {
  const demoPartners = partners.map((demo) => ({
    handle: demo.handle,
    name: demo.partner.name,
    scenarios: demo.partner.scenarios ?? [],
    origins: demo.partner.origins ?? [],
    id: keys.partners[demo.handle]!.id,
    secretKey: keys.partners[demo.handle]!.secretKey,
    webhookSecret: keys.partners[demo.handle]!.webhookSecret,
    sampleSession: demo.sampleSession,
  }));
  const example = demoPartners.find((p) => p.sampleSession.scenario === 'supply-chain') ?? demoPartners[0]!;
  return {
    url,
    openapi: `${url}/v1/openapi.json`,
    dataDir,
    /** Which database, as `describeStore` names it: never the password of a PostgreSQL URL. */
    database,
    keysFile: join(dataDir, DEV_KEYS_FILE),
    admins: keys.admins,
    partners: demoPartners,
    offers: seeded.map(({ plan, result }) => ({
      id: plan.id,
      change: plan.change,
      version: result?.version ?? null,
      status: result?.status ?? null,
    })),
    curl: curlExample(url, example.secretKey, example.sampleSession),
  };
}

function curlExample(url: string, secretKey: string, session: DemoPartner['sampleSession']): string {
  const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
  const amount = session.prefill?.amount ?? { value: 50_000_000, currency: 'CNY' };
  return [
    `TOKEN=$(curl -s -X POST ${url}/v1/embed-sessions \\`,
    `  -H 'authorization: Bearer ${secretKey}' -H 'content-type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify(session))} \\`,
    `  | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).token')`,
    `curl -s -X POST ${url}/v1/offers/match \\`,
    `  -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify({ amount }))}`,
  ].join('\n');
}

function printReady(out: Output, ready: ReturnType<typeof readyReport>, onPostgres: boolean): void {
  const indent = (text: string) =>
    text
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n');
  const published = ready.offers.filter((o) => o.status === 'published').length;
  const fresh = ready.offers.filter((o) => o.change !== 'unchanged').length;
  out.line(`Finlet dev gateway  ${ready.url}`);
  out.line(`  OpenAPI           ${ready.openapi}`);
  out.line(`  console           ${ready.url}/console (sign in with an admin key below)`);
  out.line(`  docs              ${ready.url}/docs (guides, HTTP API, elements, TypeScript reference)`);
  if (onPostgres) {
    out.line(`  database          ${ready.database}`);
    out.line(`  keys              ${ready.keysFile} (mode 0600)`);
  } else {
    out.line(`  data              ${ready.dataDir} (SQLite; keys in ${DEV_KEYS_FILE}, mode 0600)`);
  }
  out.line();
  out.line('Admin keys (use as FINLET_ADMIN_KEY):');
  for (const [role, admin] of Object.entries(ready.admins)) out.line(`  ${role.padEnd(9)} ${admin.apiKey}`);
  out.line();
  out.line('Demo partners:');
  for (const p of ready.partners) {
    out.line(`  ${p.handle.padEnd(13)} ${p.name}`);
    out.line(`  ${''.padEnd(13)} id ${p.id}  secret key ${p.secretKey}`);
  }
  out.line();
  out.line(
    `Demo offers: ${published} of ${ready.offers.length} published (${fresh} new or changed this start)`,
  );
  out.line();
  out.line('Try it: mint a session as the supply-chain partner, then match offers with the token:');
  out.line(indent(ready.curl));
  out.line();
  out.line('Press Ctrl+C to stop.');
}
