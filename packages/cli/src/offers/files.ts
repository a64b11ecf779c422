import { extname } from 'node:path';
import { OfferContent } from '@finlet/contracts';
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { expandInputs, readInput } from '../internal/inputs.js';

/** One mistake in an offer file, located as precisely as the file allows. */
export interface OfferProblem {
  file: string;
  /** Dotted path inside the file, e.g. `offers.2.eligibility.0.value`; empty for the whole file. */
  path: string;
  message: string;
  /** 1-based, when the position is known. */
  line?: number;
  column?: number;
}

export interface LoadedOffer {
  file: string;
  /** Path of the offer inside its file: `[]` for a one-offer file, `['offers', i]` in a list. */
  at: (string | number)[];
  content: OfferContent;
  /** Where the offer's `id` is written. */
  line?: number;
  column?: number;
}

export interface OfferFilesReport {
  files: string[];
  offers: LoadedOffer[];
  problems: OfferProblem[];
}

const OFFER_EXTENSIONS = { names: new Set(['.yaml', '.yml', '.json']), words: '.yaml, .yml or .json' };

/** `file:line:column: path: reason`, or `file:path: reason` when the line is unknown. */
export function formatProblem(problem: OfferProblem): string {
  const where =
    problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

/**
 * Reads offer files (YAML or JSON; one offer per file or a list under `offers:`; a directory means
 * its *.yaml, *.yml and *.json files) and validates every offer with the contract's OfferContent.
 * Works offline: nothing here talks to a gateway.
 */
export async function loadOfferFiles(inputs: readonly string[], cwd: string): Promise<OfferFilesReport> {
  const report: OfferFilesReport = { files: [], offers: [], problems: [] };
  for await (const { absolute, display } of expandInputs(inputs, cwd, OFFER_EXTENSIONS, report.problems))
    await loadFile(absolute, display, report);
  checkDuplicateIds(report);
  return report;
}

async function loadFile(absolute: string, file: string, report: OfferFilesReport): Promise<void> {
  const text = await readInput({ absolute, display: file }, report);
  if (text === undefined) return;
  const lines = new LineCounter();
  // JSON is read with the YAML parser too (JSON is YAML 1.2), which gives line numbers for both.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const at = lines.linePos(error.pos[0]);
      report.problems.push({
        file,
        path: '',
        message: `not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${firstLine(error.message)}`,
        line: at.line,
        column: at.col,
      });
    }
    return;
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const entries = offerEntries(data);
  if (entries === undefined) {
    report.problems.push({
      file,
      path: '',
      message: 'expected one offer (a mapping with `id`) or a list of offers under `offers:`',
      ...position(doc, lines, []),
    });
    return;
  }
  if (entries.length === 0) {
    report.problems.push({
      file,
      path: 'offers',
      message: 'the list of offers is empty',
      ...position(doc, lines, ['offers']),
    });
  }
  for (const { at, value } of entries) {
    const parsed = OfferContent.safeParse(value);
    if (parsed.success) {
      report.offers.push({ file, at, content: parsed.data, ...position(doc, lines, [...at, 'id']) });
      continue;
    }
    for (const issue of flattenIssues(parsed.error.issues)) {
      const path = [...at, ...issue.path];
      report.problems.push({
        file,
        path: path.join('.'),
        message: issue.message,
        ...position(doc, lines, path),
      });
    }
  }
}

function offerEntries(data: unknown): { at: (string | number)[]; value: unknown }[] | undefined {
  const list = (items: unknown[], prefix: (string | number)[]) =>
    items.map((value, i) => ({ at: [...prefix, i], value }));
  if (Array.isArray(data)) return list(data, []);
  if (data === null || typeof data !== 'object') return undefined;
  if ('offers' in data && !('id' in data)) {
    const offers = (data as { offers: unknown }).offers;
    return Array.isArray(offers) ? list(offers, ['offers']) : undefined;
  }
  return [{ at: [], value: data }];
}

interface FlatIssue {
  path: (string | number)[];
  message: string;
}

/** One problem per unknown key, so each points at its own line. */
function flattenIssues(issues: readonly z.core.$ZodIssue[]): FlatIssue[] {
  const out: FlatIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key], message: 'unknown field' });
    } else {
      out.push({ path, message: issue.message });
    }
  }
  return out;
}

/** Line and column of the deepest node of `path` present in the document. */
function position(
  doc: Document,
  lines: LineCounter,
  path: readonly (string | number)[],
): { line?: number; column?: number } {
  let node: unknown = doc.contents;
  let offset: number | undefined = rangeStart(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      // Point at the key: its line is where the reader looks for a field.
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  if (offset === undefined) return {};
  const at = lines.linePos(offset);
  return { line: at.line, column: at.col };
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as Node).range;
    return range?.[0];
  }
  return undefined;
}

function checkDuplicateIds(report: OfferFilesReport): void {
  const seen = new Map<string, LoadedOffer>();
  for (const offer of report.offers) {
    const first = seen.get(offer.content.id);
    if (first) {
      report.problems.push({
        file: offer.file,
        path: [...offer.at, 'id'].join('.'),
        ...(offer.line === undefined ? {} : { line: offer.line, column: offer.column ?? 1 }),
        message: `duplicate offer id ${offer.content.id} (also in ${first.file}${first.at.length ? ` at ${first.at.join('.')}` : ''})`,
      });
    } else {
      seen.set(offer.content.id, offer);
    }
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? text;
}
