/** A location inside a JSON value, as zod reports it: `['eligibility', 0, 'value']`. */
export type Path = readonly PropertyKey[];

/** The key fields and issues are matched on: `eligibility.0.value`. */
export function pathKey(path: Path): string {
  return path.map(String).join('.');
}

type Json = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

export function getAt(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (!isContainer(node)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/**
 * A copy of `root` with `value` at `path`, creating objects (or arrays for numeric keys) on the way;
 * `undefined` removes the key, so optional fields left empty disappear from the content.
 */
export function setAt<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [PropertyKey, ...PropertyKey[]];
  const base: Json = isContainer(root)
    ? Array.isArray(root)
      ? [...root]
      : { ...(root as Record<string, unknown>) }
    : typeof head === 'number'
      ? []
      : {};
  const next = rest.length === 0 ? value : setAt((base as Record<PropertyKey, unknown>)[head], rest, value);
  if (next === undefined && !Array.isArray(base)) delete (base as Record<PropertyKey, unknown>)[head];
  else (base as Record<PropertyKey, unknown>)[head] = next;
  return base as T;
}
