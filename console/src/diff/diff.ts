/** One line of a structured diff: a leaf that was added, removed or changed, or an unchanged subtree. */
export type DiffEntry =
  | { kind: 'added'; path: string; after: unknown }
  | { kind: 'removed'; path: string; before: unknown }
  | { kind: 'changed'; path: string; before: unknown; after: unknown }
  | { kind: 'unchanged'; path: string; leaves: number; value: unknown };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] =>
  typeof v === 'object' && v !== null && Object.keys(v).length > 0;

/** A JSON path a person reads: `$`, `texts["zh-CN"].name`, `eligibility[0].value`. */
export function jsonPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out === '' ? '$' : out;
}

function leaves(value: unknown): number {
  if (!isContainer(value)) return 1;
  return Object.values(value).reduce<number>((n, v) => n + leaves(v), 0);
}

/** Deep JSON equality; two empty arrays (or two empty objects) are equal. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => k in b && equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

function each(
  value: unknown,
  path: (string | number)[],
  visit: (path: (string | number)[], leaf: unknown) => void,
): void {
  if (!isContainer(value)) visit(path, value);
  else if (Array.isArray(value))
    value.forEach((v, i) => {
      each(v, [...path, i], visit);
    });
  else for (const [k, v] of Object.entries(value)) each(v, [...path, k], visit);
}

function walk(before: unknown, after: unknown, path: (string | number)[], out: DiffEntry[]): void {
  if (equal(before, after)) {
    out.push({ kind: 'unchanged', path: jsonPath(path), leaves: leaves(before), value: before });
    return;
  }
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  const bothObjects = isObject(before) && isObject(after);
  if ((bothArrays || bothObjects) && isContainer(before) && isContainer(after)) {
    const keys: (string | number)[] = bothArrays
      ? Array.from(
          { length: Math.max((before as unknown[]).length, (after as unknown[]).length) },
          (_, i) => i,
        )
      : [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) {
      const b = before as Record<string | number, unknown>;
      const a = after as Record<string | number, unknown>;
      const inBefore = bothArrays ? (key as number) < (before as unknown[]).length : key in b;
      const inAfter = bothArrays ? (key as number) < (after as unknown[]).length : key in a;
      if (inBefore && inAfter) walk(b[key], a[key], [...path, key], out);
      else if (inAfter)
        each(a[key], [...path, key], (p, leaf) =>
          out.push({ kind: 'added', path: jsonPath(p), after: leaf }),
        );
      else
        each(b[key], [...path, key], (p, leaf) =>
          out.push({ kind: 'removed', path: jsonPath(p), before: leaf }),
        );
    }
    return;
  }
  out.push({ kind: 'changed', path: jsonPath(path), before, after });
}

/**
 * The structured difference between two JSON values: every added, removed and changed leaf with its
 * JSON path, in document order, and each unchanged subtree as one entry (shown collapsed). Either
 * side may be null: a created object is all additions, a deleted one all removals.
 *
 * @example diffJson({ a: 1, b: [1] }, { a: 2, b: [1], c: 'x' })
 * // [{ kind: 'changed', path: 'a', before: 1, after: 2 }, { kind: 'unchanged', path: 'b', leaves: 1, value: [1] },
 * //  { kind: 'added', path: 'c', after: 'x' }]
 */
export function diffJson(before: unknown, after: unknown): DiffEntry[] {
  const out: DiffEntry[] = [];
  if (before == null && after == null) return out;
  if (before == null) {
    each(after, [], (p, leaf) => out.push({ kind: 'added', path: jsonPath(p), after: leaf }));
    return out;
  }
  if (after == null) {
    each(before, [], (p, leaf) => out.push({ kind: 'removed', path: jsonPath(p), before: leaf }));
    return out;
  }
  walk(before, after, [], out);
  return out;
}
