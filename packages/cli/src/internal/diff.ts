/**
 * What `--dry-run` of `offers publish`, `docs import` and `rails import` shows: each object as new,
 * changed or unchanged against what the gateway publishes, and for a changed one every differing
 * field as a JSON path with its old and new value.
 */

/** How a file's object compares with the gateway's published version (or latest, when none is). */
export type Change = 'new' | 'changed' | 'unchanged';

/** One differing leaf. `before` or `after` is absent when the field was added or removed. */
export interface FieldChange {
  /** JSONPath-style, e.g. `pricing.apr.min`, `texts['zh-CN'].name`, `legs[3].fee`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

/** What a file's object was compared with. */
export interface Baseline {
  version: number;
  status: string;
}

export interface ObjectDiff {
  change: Change;
  /** The stored version compared with: the published one, else the latest; null when new. */
  against: Baseline | null;
  changes: FieldChange[];
}

type Versioned = { version: number; status: string };

/**
 * Compares a file's content with the stored versions (newest first): against the published
 * version when there is one, since that is what partners see, else against the latest.
 * `contentOf` picks the product-team fields of a stored version (the gateway adds workflow fields).
 */
export function diffAgainstStored<S extends Versioned>(
  content: unknown,
  versions: readonly S[],
  contentOf: (stored: S) => unknown,
): ObjectDiff {
  const baseline = versions.find((v) => v.status === 'published') ?? versions[0];
  if (!baseline) return { change: 'new', against: null, changes: [] };
  const changes = diffValues(contentOf(baseline), content);
  return {
    change: changes.length === 0 ? 'unchanged' : 'changed',
    against: { version: baseline.version, status: baseline.status },
    changes,
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Every leaf where `after` differs from `before`. Key order never counts and `undefined` members
 * are absent. Lists of objects with unique `id`s (legs, fees, criteria) are matched by id, so one
 * inserted entry is one change, at its index in `after`; a new order of the same ids is a change
 * of the list's ids. Other arrays compare index by index.
 */
export function diffValues(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffValues(before[key], after[key], joinPath(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const beforeIds = idsOf(before);
    const afterIds = idsOf(after);
    if (beforeIds && afterIds) return diffById(before, after, beforeIds, afterIds, path);
    const length = Math.max(before.length, after.length);
    const out: FieldChange[] = [];
    for (let i = 0; i < length; i++) out.push(...diffValues(before[i], after[i], `${path}[${i}]`));
    return out;
  }
  if (before === undefined && after === undefined) return [];
  if (before !== undefined && after !== undefined && sameJson(before, after)) return [];
  return [
    {
      path: path || '$',
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    },
  ];
}

/** The `id` of every entry, when every entry is an object with a unique string `id`. */
function idsOf(list: readonly unknown[]): string[] | undefined {
  const ids = list.map((entry) => (isRecord(entry) && typeof entry.id === 'string' ? entry.id : undefined));
  if (ids.length === 0 || ids.some((id) => id === undefined)) return undefined;
  return new Set(ids).size === ids.length ? (ids as string[]) : undefined;
}

function diffById(
  before: readonly unknown[],
  after: readonly unknown[],
  beforeIds: readonly string[],
  afterIds: readonly string[],
  path: string,
): FieldChange[] {
  const out: FieldChange[] = [];
  after.forEach((entry, i) => {
    const j = beforeIds.indexOf(afterIds[i]!);
    out.push(
      ...(j === -1
        ? [{ path: `${path}[${i}]`, after: entry }]
        : diffValues(before[j], entry, `${path}[${i}]`)),
    );
  });
  beforeIds.forEach((id, j) => {
    if (!afterIds.includes(id)) out.push({ path: `${path}[${j}]`, before: before[j] });
  });
  const kept = afterIds.filter((id) => beforeIds.includes(id));
  const wasKept = beforeIds.filter((id) => afterIds.includes(id));
  if (kept.some((id, i) => id !== wasKept[i])) {
    out.push({ path: `${path}[*].id`, before: wasKept, after: kept });
  }
  return out;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function joinPath(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}['${key.replaceAll("'", "\\'")}']`;
}

/** The distinct top-level fields of some changes, in order: `pricing`, `texts`. */
export function topLevelFields(changes: readonly FieldChange[]): string[] {
  return [...new Set(changes.map((c) => /^[^.[]+/.exec(c.path)?.[0] ?? c.path))];
}

const SHORT = 60;

/** A value in a few characters: JSON, cut with `…` when long; `(none)` when absent. */
export function shortValue(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > SHORT ? `${text.slice(0, SHORT - 1)}…` : text;
}

/** `    pricing.apr.min: 360 → 388`, one line per change, at most `limit` then a count of the rest. */
export function formatChanges(changes: readonly FieldChange[], limit = 20): string[] {
  const lines = changes
    .slice(0, limit)
    .map((c) => `    ${c.path}: ${shortValue(c.before)} → ${shortValue(c.after)}`);
  if (changes.length > limit) lines.push(`    … and ${changes.length - limit} more (see --json)`);
  return lines;
}

/**
 * The first line of an object in a publish or import report:
 * `changed   consumer-loan (pricing) [latest v1 published]: would create draft v2 → submit for review`.
 */
export function summaryLine(input: {
  id: string;
  diff: ObjectDiff;
  latest: Versioned | null;
  what: string;
}): string {
  const { diff, latest } = input;
  const fields = diff.change === 'changed' ? ` (${topLevelFields(diff.changes).join(', ')})` : '';
  let where = '';
  if (latest) {
    const against = diff.against;
    const other =
      against && against.version !== latest.version
        ? `; compared with v${against.version} ${against.status}`
        : '';
    where = ` [latest v${latest.version} ${latest.status}${other}]`;
  }
  return `${diff.change.padEnd(9)} ${input.id}${fields}${where}: ${input.what}`;
}
