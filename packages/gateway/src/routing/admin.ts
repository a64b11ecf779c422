import type { FxTable, RailTable, RailTableAction } from '@finlet/contracts';
import type { Context } from 'hono';
import { requestActor, VersionWorkflow } from '../admin/workflow.js';
import { adminCaller } from '../http/callers.js';
import type { GatewayEnv } from '../http/context.js';
import type { FeatureHandlers, SharedHandler } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import { audit } from '../internal/audit.js';
import type { GatewayDeps } from '../internal/deps.js';
import { StoreConflictError } from '../storage/errors.js';
import type { Store } from '../storage/store.js';
import type { VersionedTableStore } from './store.js';

const workflow = (version: number, authorId: string, at: string) => ({
  version,
  status: 'draft' as const,
  createdBy: authorId,
  createdAt: at,
  updatedAt: at,
  submittedBy: null,
  approvedBy: null,
  publishedAt: null,
  retiredAt: null,
});

/** What the bank writes of a table; the workflow fields are the gateway's. */
type Content<T> = Omit<T, keyof ReturnType<typeof workflow>>;

interface Kind<T extends RailTable | FxTable> {
  /** Audit target kind and action prefix. */
  readonly target: 'rail_table' | 'fx_table';
  readonly words: string;
  readonly store: (s: Store) => VersionedTableStore<T>;
}

/**
 * Admin API for rail tables and FX tables: the offer workflow (four eyes, versions, audit). Both
 * are published by the bank's product team; quotes use every published rail table and the most
 * recently published FX table.
 */
export function railAdminHandlers(deps: GatewayDeps) {
  const rails: Kind<RailTable> = {
    target: 'rail_table',
    words: 'rail table',
    store: (s) => s.railTables,
  };
  const fx: Kind<FxTable> = {
    target: 'fx_table',
    words: 'FX table',
    store: (s) => s.fxTables,
  };
  const r = lifecycle(deps, rails);
  const f = lifecycle(deps, fx);
  return {
    listRailTables: r.list,
    createRailTable: (c, { body }) => r.create(c, body),
    getRailTableVersions: r.versions,
    createRailTableVersion: (c, { params, body }) => r.create(c, body, params.id),
    submitRailTable: r.transition('submit'),
    approveRailTable: r.transition('approve'),
    rejectRailTable: r.transition('reject'),
    publishRailTable: r.transition('publish'),
    retireRailTable: r.transition('retire'),
    listFxTables: f.list,
    createFxTable: (c, { body }) => f.create(c, body),
    getFxTableVersions: f.versions,
    createFxTableVersion: (c, { params, body }) => f.create(c, body, params.id),
    submitFxTable: f.transition('submit'),
    approveFxTable: f.transition('approve'),
    rejectFxTable: f.transition('reject'),
    publishFxTable: f.transition('publish'),
    retireFxTable: f.transition('retire'),
  } satisfies FeatureHandlers;
}

function lifecycle<T extends RailTable | FxTable>(deps: GatewayDeps, kind: Kind<T>) {
  const noun = kind.words;

  async function create(c: Context<GatewayEnv>, content: Content<T>, pathId?: string) {
    const admin = adminCaller(c, ['author']);
    if (pathId !== undefined && content.id !== pathId) {
      throw new HttpProblem('invalid_request', {
        detail: `id: the body's id "${content.id}" differs from the path's "${pathId}".`,
        errors: [{ path: 'id', message: `must equal the ${noun} id in the path` }],
      });
    }
    const now = deps.clock();
    const created = await deps.store.transaction(async (tx) => {
      const store = kind.store(tx);
      const latest = await store.latestVersionNumber(content.id);
      if (pathId === undefined && latest > 0) {
        throw new HttpProblem('conflict', {
          detail: `The ${noun} ${content.id} exists; create a new version instead.`,
        });
      }
      if (pathId !== undefined && latest === 0)
        throw new HttpProblem('not_found', { detail: `No ${noun} ${pathId}.` });
      const table = { ...content, ...workflow(latest + 1, admin.id, now.toISOString()) } as T;
      try {
        await store.insertVersion(table);
      } catch (error) {
        if (error instanceof StoreConflictError) throw new HttpProblem('conflict', { detail: error.message });
        throw error;
      }
      await audit(tx, c, now, {
        action: `${kind.target}.create`,
        target: { kind: kind.target, id: table.id, version: table.version },
        after: { status: 'draft' },
      });
      return table;
    });
    return c.json(created, 201);
  }

  const flow = new VersionWorkflow<T>(
    { kind: kind.target, noun, versions: kind.store, onPublishedChange: () => deps.caches.changed('rails') },
    deps,
  );

  function transition(
    action: RailTableAction,
  ): SharedHandler<`${RailTableAction}RailTable` | `${RailTableAction}FxTable`> {
    return async (c, { params: { id, version }, body: { comment } }) => {
      const actor = requestActor(c, action === 'submit' ? ['author'] : ['approver']);
      return c.json(await flow.transition(actor, id, version, action, comment));
    };
  }

  return {
    create,
    transition,
    list: (async (c, { query }) => {
      adminCaller(c);
      return c.json({ tables: await kind.store(deps.store).listLatest(query) });
    }) satisfies SharedHandler<'listRailTables' | 'listFxTables'>,
    versions: (async (c, { params: { id } }) => {
      adminCaller(c);
      const tables = await kind.store(deps.store).listVersions(id);
      if (tables.length === 0) throw new HttpProblem('not_found', { detail: `No ${noun} ${id}.` });
      return c.json({ tables });
    }) satisfies SharedHandler<'getRailTableVersions' | 'getFxTableVersions'>,
  };
}
