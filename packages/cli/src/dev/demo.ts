import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  EmbedSessionCreate,
  type KnowledgeDocumentContent,
  type OfferContent,
  PartnerCreate,
  Slug,
} from '@finlet/contracts';
import { parse } from 'yaml';
import { z } from 'zod';
import { formatDocProblem, loadDocFiles } from '../docs/files.js';
import { CliError } from '../internal/errors.js';
import { formatProblem, loadOfferFiles } from '../offers/files.js';

/** A demo partner platform: what to create, and a session its server would typically mint. */
export const DemoPartner = z.strictObject({
  handle: Slug,
  partner: PartnerCreate,
  sampleSession: EmbedSessionCreate,
});
export type DemoPartner = z.infer<typeof DemoPartner>;

export const DemoPartners = z.strictObject({ partners: z.array(DemoPartner).min(1) });

/**
 * The package root, found from this module's location so it works from `src/` (tests) and from
 * `dist/` (the installed command) alike.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@finlet/cli'
    ) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the @finlet/cli package root');
    dir = parent;
  }
}

export const demoDir = (): string => join(packageRoot(), 'demo');

export async function loadDemoPartners(file = join(demoDir(), 'partners.yaml')): Promise<DemoPartner[]> {
  const parsed = DemoPartners.safeParse(parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError('invalid_input', `${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.partners;
}

/** A demo offer stays effective at least this long after `finlet dev` loads it. */
export const DEV_OFFER_MIN_REMAINING_MS = 30 * 86_400_000;

const DAY_MS = 86_400_000;

const addYears = (iso: string, years: number): string => {
  const date = new Date(iso);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString();
};

/**
 * The `effective` window of a demo offer, moved so that it holds at `now`, the time `finlet dev`
 * loads the demo, the way `loadDemoRails` stamps the FX tables' `asOf`: the files keep realistic
 * dates, the demo never runs on expired (or not yet effective) offers whatever the clock says.
 *
 * - A window that already holds at `now`, with at least 30 days left, is kept as written.
 * - A window that has ended (or ends within 30 days) moves forward by whole calendar years, as if
 *   the bank renewed the programme, keeping its length: the smallest shift that leaves 30 days.
 *   The result depends on `now` only at those renewals, so restarting `finlet dev` finds the same
 *   content and leaves the published versions alone.
 * - A window too short for that (under a year plus 30 days) or one that starts after `now` is
 *   re-anchored: it starts a day before `now` and keeps its length (at least a year).
 */
export function demoEffectiveWindow(
  effective: OfferContent['effective'],
  now: Date,
): OfferContent['effective'] {
  const at = now.getTime();
  const from = Date.parse(effective.from);
  if (effective.until === undefined) {
    return from <= at ? effective : { from: new Date(at - DAY_MS).toISOString() };
  }
  const until = Date.parse(effective.until);
  if (from <= at && until - at >= DEV_OFFER_MIN_REMAINING_MS) return effective;
  if (from <= at) {
    let years = 1;
    while (Date.parse(addYears(effective.until, years)) - at < DEV_OFFER_MIN_REMAINING_MS) years++;
    const shifted = { from: addYears(effective.from, years), until: addYears(effective.until, years) };
    if (Date.parse(shifted.from) <= at) return shifted;
  }
  const length = Math.max(until - from, 366 * DAY_MS);
  const start = at - DAY_MS;
  return { from: new Date(start).toISOString(), until: new Date(start + length).toISOString() };
}

/**
 * The demo offers of `finlet dev`, each with its `effective` window moved to hold at `now` (see
 * `demoEffectiveWindow`): the YAML files carry fixed dates that would otherwise expire.
 */
export async function loadDemoOffers(now: Date, dir = join(demoDir(), 'offers')): Promise<OfferContent[]> {
  const report = await loadOfferFiles([dir], dir);
  if (report.problems.length > 0) {
    throw new CliError('invalid_input', `demo offers are invalid: ${formatProblem(report.problems[0]!)}`);
  }
  return report.offers.map(({ content }) => ({
    ...content,
    effective: demoEffectiveWindow(content.effective, now),
  }));
}

/**
 * The offers with their triggers' quiet hours removed (`finlet dev --no-quiet-hours`): the nudge
 * webhook then goes out at any hour, for a demo or a test run in the evening in Shanghai. Nothing
 * else changes; the in-page nudge never waited for quiet hours anyway.
 */
export function withoutQuietHours(offers: OfferContent[]): OfferContent[] {
  return offers.map((offer) =>
    offer.triggers === undefined
      ? offer
      : { ...offer, triggers: offer.triggers.map(({ quietHours: _quiet, ...trigger }) => trigger) },
  );
}

/** The demo knowledge documents (FAQs, terms, fees, guides) the advisor answers from. */
export async function loadDemoDocs(dir = join(demoDir(), 'docs')): Promise<KnowledgeDocumentContent[]> {
  const report = await loadDocFiles([dir], dir);
  if (report.problems.length > 0) {
    throw new CliError(
      'invalid_input',
      `demo documents are invalid: ${formatDocProblem(report.problems[0]!)}`,
    );
  }
  return report.docs.map((doc) => doc.content);
}
