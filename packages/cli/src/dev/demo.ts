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

export async function loadDemoOffers(dir = join(demoDir(), 'offers')): Promise<OfferContent[]> {
  const report = await loadOfferFiles([dir], dir);
  if (report.problems.length > 0) {
    throw new CliError('invalid_input', `demo offers are invalid: ${formatProblem(report.problems[0]!)}`);
  }
  return report.offers.map((offer) => offer.content);
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
