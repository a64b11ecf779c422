import type { RailLeg } from '@finlet/contracts';
import { type CompiledSchedule, compileSchedule } from './calendar.js';

/** A published rail table as the optimizer reads it. */
export interface RailTableInput {
  readonly id: string;
  readonly version: number;
  readonly legs: readonly RailLeg[];
}

export interface NetworkLeg {
  readonly leg: RailLeg;
  readonly table: { readonly id: string; readonly version: number };
  readonly from: string;
  readonly to: string;
  /** Position in the network, for per-quote caches indexed by number. */
  readonly index: number;
  readonly schedule: CompiledSchedule;
}

/**
 * Legs indexed for path search. Nodes are `country:currency` (`HK:HKD`); a domestic leg such as
 * FPS goes from a node to itself. Build it once per set of published tables and reuse it.
 */
export interface RouteNetwork {
  readonly legs: readonly NetworkLeg[];
  readonly bySource: ReadonlyMap<string, readonly NetworkLeg[]>;
  readonly byTarget: ReadonlyMap<string, readonly NetworkLeg[]>;
  /** Legs by `from>to`: the last leg of a path must end at the target. */
  readonly byPair: ReadonlyMap<string, readonly NetworkLeg[]>;
  /** Memo of `distancesTo` per target and length. */
  readonly distances: Map<string, Map<string, number>>;
  readonly tables: ReadonlyArray<{ readonly id: string; readonly version: number }>;
}

export const nodeKey = (country: string, currency: string) => `${country}:${currency}`;

export function buildRouteNetwork(tables: readonly RailTableInput[]): RouteNetwork {
  const legs: NetworkLeg[] = [];
  const bySource = new Map<string, NetworkLeg[]>();
  const byTarget = new Map<string, NetworkLeg[]>();
  const byPair = new Map<string, NetworkLeg[]>();
  for (const t of tables) {
    const table = { id: t.id, version: t.version };
    for (const leg of t.legs) {
      const n: NetworkLeg = {
        leg,
        table,
        from: nodeKey(leg.from.country, leg.from.currency),
        to: nodeKey(leg.to.country, leg.to.currency),
        index: legs.length,
        schedule: compileSchedule(leg.schedule),
      };
      legs.push(n);
      push(bySource, n.from, n);
      push(byTarget, n.to, n);
      push(byPair, `${n.from}>${n.to}`, n);
    }
  }
  return {
    legs,
    bySource,
    byTarget,
    byPair,
    distances: new Map(),
    tables: tables.map((t) => ({ id: t.id, version: t.version })),
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Fewest legs from each node to `target`, up to `max` (reverse breadth-first search); nodes
 * farther away are absent. Lets the search drop a prefix that cannot arrive in time.
 */
export function distancesTo(network: RouteNetwork, target: string, max: number): Map<string, number> {
  const key = `${target}/${max}`;
  const known = network.distances.get(key);
  if (known) return known;
  if (network.distances.size > 10_000) network.distances.clear();
  const dist = new Map<string, number>([[target, 0]]);
  let frontier = [target];
  for (let d = 1; d <= max && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const l of network.byTarget.get(node) ?? []) {
        if (!dist.has(l.from)) {
          dist.set(l.from, d);
          next.push(l.from);
        }
      }
    }
    frontier = next;
  }
  network.distances.set(key, dist);
  return dist;
}
