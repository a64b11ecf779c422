import { type OperationId, ROUTES, type ScheduledVersionFields, type VersionAction } from '@finlet/contracts';
import type { Context } from 'hono';
import { z } from 'zod';
import type { CacheTopic } from '../bus/invalidation.js';
import { adminCaller } from '../http/callers.js';
import type { GatewayEnv } from '../http/context.js';
import type { RouteInput } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import { audit } from '../internal/audit.js';
import type { GatewayDeps } from '../internal/deps.js';
import { StoreConflictError } from '../storage/errors.js';
import type { Store } from '../storage/store.js';
import {
  etag,
  ifMatch,
  requestActor,
  type VersionedRecord,
  type VersionedStore,
  VersionWorkflow,
  type WorkflowKind,
} from './workflow.js';

/** What the admin API reads of a kind's storage besides what the workflow needs. */
export interface ContentStore<T extends VersionedRecord, Filter> extends VersionedStore<T> {
  /** Every version of one object, newest first. */
  listVersions(id: string): Promise<T[]>;
  /** The newest version of every object that matches the filter. */
  listLatest(filter?: Filter): Promise<T[]>;
}

/** The content a kind's routes take: the body of its `create…` route (`createOffer` for `Offer`). */
export type ContentOf<N extends string> = `create${N}` extends OperationId
  ? RouteInput<`create${N}`>['body'] & { id: string }
  : never;

/** One stored version of content `C`: the content plus the workflow fields the gateway writes. */
export type Stored<C extends { id: string }> = C & ScheduledVersionFields;

/**
 * One kind of versioned content (offers, knowledge documents, rail tables, FX tables): everything
 * its admin routes need to know about it. Adding a kind is a schema in contracts, its routes, a
 * store, and one of these. Its content `C` types everything else: what its store holds is
 * `Stored<C>`, so a store of another kind is a type error.
 */
export interface ContentKind<C extends { id: string }, Filter> extends WorkflowKind<Stored<C>> {
  /** The path segment under `/v1/admin` (`offers`, `knowledge`, `rail-tables`). */
  segment: string;
  /** The member of list answers that holds the versions (`offers`, `documents`, `tables`). */
  listKey: string;
  versions(store: Store): ContentStore<Stored<C>, Filter>;
  /**
   * Whether the audit entry of a new draft records its content; off for bulk data (a rail table
   * runs to megabytes), whose entries record only the status.
   */
  auditContent: boolean;
  /**
   * A rule on the content the schema cannot express (it needs the engine, or other data): throws an
   * `HttpProblem` with the kind's own code. Runs before a draft is created or edited, so nothing that
   * breaks it is ever stored.
   */
  check?(content: C): void;
}

/**
 * What a kind says of itself. Its path segment and the member of its list answers are read from
 * its routes in the contracts, so they are never written twice.
 */
export interface KindRegistration<C extends { id: string }, Filter> {
  /** Word used in problem details (`offer`, `document`); its snake_case is the audit kind by default. */
  noun: string;
  /** Audit action prefix and target kind, when it is not the noun in snake_case (`knowledge`). */
  audit?: string;
  /** The kind's storage: it must hold versions of the kind's own content. */
  versions(store: Store): ContentStore<Stored<C>, Filter>;
  /** The caches a change of the published set refreshes on every instance (none: read on every use). */
  caches: readonly CacheTopic[];
  /** `'status'` for bulk data (a rail table runs to megabytes): the audit entry of a draft then records only the status. */
  auditDraft?: 'content' | 'status';
  check?(content: C): void;
}

/** A registered kind: its workflow settings plus the operation noun its routes are named after. */
export type RegisteredKind<N extends string, C extends { id: string }, Filter> = ContentKind<C, Filter> & {
  operationNoun: N;
};

function listRoute(noun: string) {
  const route = ROUTES.find((r) => r.operationId === `list${noun}s`);
  const responses: Partial<Record<number, { description: string; schema?: z.ZodType }>> =
    route?.responses ?? {};
  const schema = responses[200]?.schema;
  const segment = route?.path.match(/^\/v1\/admin\/([^/]+)$/)?.[1];
  const listKey = schema instanceof z.ZodObject ? Object.keys(schema.shape)[0] : undefined;
  if (!segment || !listKey) throw new Error(`The route list declares no admin list route list${noun}s.`);
  return { segment, listKey };
}

/**
 * Registers one kind of versioned content: `noun` names its routes in the contracts (`Offer` for
 * `listOffers`, …); the path segment and the list answer's member come from those routes.
 *
 * @example
 * const offerKind = (deps: GatewayDeps) =>
 *   contentKind('Offer', deps, { noun: 'offer', versions: (s) => s.offers, caches: ['offers'] });
 */
export function contentKind<const N extends string, Filter>(
  noun: N,
  deps: Pick<GatewayDeps, 'caches'>,
  registration: KindRegistration<ContentOf<N>, Filter>,
): RegisteredKind<N, ContentOf<N>, Filter> {
  const { audit: kind, caches, auditDraft, ...rest } = registration;
  return {
    ...rest,
    ...listRoute(noun),
    operationNoun: noun,
    kind: kind ?? registration.noun.toLowerCase().replaceAll(' ', '_'),
    auditContent: auditDraft !== 'status',
    onPublishedChange: async () => {
      if (caches.length > 0) await deps.caches.changed(...caches);
    },
  };
}

/**
 * A kind's whole admin API, keyed by operation id: `versionedHandlers` under `versionedRoutes`.
 *
 * @example
 * return { ...contentRoutes(deps, offerKind(deps)) } satisfies FeatureHandlers;
 */
export function contentRoutes<const N extends string, C extends { id: string }, Filter>(
  deps: GatewayDeps,
  kind: RegisteredKind<N, C, Filter>,
) {
  return versionedRoutes(kind.operationNoun, versionedHandlers(deps, kind));
}

type Params = { id: string };
type VersionParams = { id: string; version: number };
type Answer<I> = (c: Context<GatewayEnv>, input: I) => Promise<Response>;
type Comment = { comment?: string | undefined };

/** The admin handlers of one kind, each typed by the input its route validates. */
export interface VersionedHandlers<C, Filter> {
  list: Answer<{ query: Filter | undefined }>;
  versions: Answer<{ params: Params }>;
  get: Answer<{ params: VersionParams }>;
  create: Answer<{ body: C }>;
  createVersion: Answer<{ params: Params; body: C }>;
  updateDraft: Answer<{ params: VersionParams; body: C }>;
  submit: Answer<{ params: VersionParams; body: Comment }>;
  approve: Answer<{ params: VersionParams; body: Comment }>;
  reject: Answer<{ params: VersionParams; body: Comment }>;
  retire: Answer<{ params: VersionParams; body: Comment }>;
  publish: Answer<{ params: VersionParams; body: Comment & { at?: string | undefined } }>;
  unschedule: Answer<{ params: VersionParams; body: Comment }>;
  rollback: Answer<{ params: VersionParams; body: { comment: string } }>;
}

function capitalized(word: string): string {
  return `${word[0]?.toUpperCase() ?? ''}${word.slice(1)}`;
}

/**
 * The admin handlers of one versioned kind, written once: list, versions, one version, create,
 * new version, edit a draft, the five transitions, unschedule and rollback. Each takes the input
 * its route validated; which of them a kind serves is decided by its routes (see
 * {@link versionedRoutes}).
 */
export function versionedHandlers<C extends { id: string }, Filter>(
  deps: GatewayDeps,
  kind: ContentKind<C, Filter>,
): VersionedHandlers<C, Filter> {
  const { noun, segment } = kind;
  const workflow = new VersionWorkflow<Stored<C>>(kind, deps);
  const store = () => kind.versions(deps.store);

  /** A new version's content names the object of its path, and passes the kind's own check. */
  function samePathId(content: C, pathId: string): C {
    if (content.id !== pathId) {
      throw new HttpProblem('invalid_request', {
        detail: `id: the body's id "${content.id}" differs from the path's "${pathId}".`,
        errors: [{ path: 'id', message: `must equal the ${noun} id in the path` }],
      });
    }
    kind.check?.(content);
    return content;
  }

  function draft(content: C, version: number, authorId: string, now: Date): Stored<C> {
    const at = now.toISOString();
    return {
      ...content,
      version,
      status: 'draft',
      createdBy: authorId,
      createdAt: at,
      updatedAt: at,
      submittedBy: null,
      approvedBy: null,
      publishedAt: null,
      retiredAt: null,
    };
  }

  /** Inserts version `version` (1 for a new object) inside one transaction with its audit entry. */
  async function insert(
    c: Context<GatewayEnv>,
    admin: { id: string },
    content: C,
    latest: (tx: Store) => Promise<number>,
  ) {
    const now = deps.clock();
    return deps.store.transaction(async (tx) => {
      const version = (await latest(tx)) + 1;
      const created = draft(content, version, admin.id, now);
      await kind.versions(tx).insertVersion(created);
      await audit(tx, c, now, {
        action: version === 1 ? `${kind.kind}.create` : `${kind.kind}.create_version`,
        target: { kind: kind.kind, id: created.id, version },
        after: kind.auditContent ? content : { status: 'draft' },
      });
      return created;
    });
  }

  function transition(action: Exclude<VersionAction, 'publish'>): VersionedHandlers<C, Filter>['submit'] {
    return async (c, { params, body }) => {
      const actor = requestActor(c, action === 'submit' ? ['author'] : ['approver']);
      const after = await workflow.transition(actor, params.id, params.version, action, body.comment);
      return c.json(after, 200, etag(after));
    };
  }

  return {
    list: async (c, { query }) => {
      adminCaller(c);
      return c.json({ [kind.listKey]: await store().listLatest(query) });
    },
    versions: async (c, { params: { id } }) => {
      adminCaller(c);
      const versions = await store().listVersions(id);
      if (versions.length === 0) throw new HttpProblem('not_found', { detail: `No ${noun} ${id}.` });
      return c.json({ [kind.listKey]: versions });
    },
    get: async (c, { params: { id, version } }) => {
      adminCaller(c);
      const found = await store().getVersion(id, version);
      if (!found) throw new HttpProblem('not_found', { detail: `No version ${version} of ${noun} ${id}.` });
      return c.json(found, 200, etag(found));
    },
    create: async (c, { body: content }) => {
      const admin = adminCaller(c, ['author']);
      kind.check?.(content);
      try {
        const created = await insert(c, admin, content, async (tx) => {
          if ((await kind.versions(tx).latestVersionNumber(content.id)) > 0)
            throw new StoreConflictError(content.id);
          return 0;
        });
        return c.json(created, 201, { location: `/v1/admin/${segment}/${created.id}` });
      } catch (error) {
        if (!(error instanceof StoreConflictError)) throw error;
        throw new HttpProblem('conflict', {
          detail: `${capitalized(noun)} ${content.id} exists; start a new version with POST /v1/admin/${segment}/${content.id}/versions.`,
        });
      }
    },
    createVersion: async (c, { params: { id }, body }) => {
      const admin = adminCaller(c, ['author']);
      const content = samePathId(body, id);
      for (let attempt = 0; ; attempt++) {
        try {
          const created = await insert(c, admin, content, async (tx) => {
            const latest = await kind.versions(tx).latestVersionNumber(id);
            if (latest === 0) {
              throw new HttpProblem('not_found', {
                detail: `No ${noun} ${id}; create it with POST /v1/admin/${segment}.`,
              });
            }
            return latest;
          });
          return c.json(created, 201, { location: `/v1/admin/${segment}/${id}` });
        } catch (error) {
          // Two authors raced for the same version number: take the next one.
          if (!(error instanceof StoreConflictError) || attempt >= 3) throw error;
        }
      }
    },
    updateDraft: async (c, { params: { id, version }, body }) => {
      const actor = requestActor(c, ['author']);
      const content = samePathId(body, id);
      const after = await workflow.updateDraft(actor, id, version, content, ifMatch(c));
      return c.json(after, 200, etag(after));
    },
    submit: transition('submit'),
    approve: transition('approve'),
    reject: transition('reject'),
    retire: transition('retire'),
    publish: async (c, { params, body }) => {
      const actor = requestActor(c, ['approver']);
      const after = await workflow.publish(actor, params.id, params.version, body);
      return c.json(after, 200, etag(after));
    },
    unschedule: async (c, { params, body }) => {
      const actor = requestActor(c, ['approver']);
      const after = await workflow.unschedule(actor, params.id, params.version, body.comment);
      return c.json(after, 200, etag(after));
    },
    rollback: async (c, { params, body }) => {
      const actor = requestActor(c, ['approver']);
      const after = await workflow.rollback(actor, params.id, params.version, body.comment);
      return c.json(after, 201, {
        ...etag(after),
        location: `/v1/admin/${segment}/${params.id}/versions/${after.version}`,
      });
    },
  };
}

/** The operation id of each handler, for a kind whose routes are named after `Noun` (`listOffers`, `submitOffer`). */
type OperationNames<N extends string> = {
  list: `list${N}s`;
  create: `create${N}`;
  versions: `get${N}Versions`;
  createVersion: `create${N}Version`;
  updateDraft: `update${N}Draft`;
  get: `get${N}Version`;
  submit: `submit${N}`;
  approve: `approve${N}`;
  reject: `reject${N}`;
  publish: `publish${N}`;
  retire: `retire${N}`;
  unschedule: `unschedule${N}`;
  rollback: `rollback${N}`;
};

/** The handlers keyed by operation id, only those the route list declares for this kind. */
export type VersionedRoutes<N extends string, H> = {
  [K in keyof OperationNames<N> as OperationNames<N>[K] & OperationId]: K extends keyof H ? H[K] : never;
};

const DECLARED = new Set<string>(ROUTES.map((r) => r.operationId));

type HandlerKey = keyof OperationNames<string>;
/** Handlers named as {@link versionedHandlers} names them (a kind may leave some out). */
type HandlerSet = { readonly [K in HandlerKey]?: unknown };
const HANDLER_KEYS = [
  'list',
  'create',
  'versions',
  'createVersion',
  'updateDraft',
  'get',
  'submit',
  'approve',
  'reject',
  'publish',
  'retire',
  'unschedule',
  'rollback',
] as const satisfies readonly HandlerKey[];
/** Every handler key is listed above (a key left out would drop its route silently). */
const allKeysListed: Exclude<HandlerKey, (typeof HANDLER_KEYS)[number]> extends never ? true : never = true;
void allKeysListed;

/**
 * Registers a kind's handlers under its operation ids: `versionedRoutes('Offer', handlers)` gives
 * `listOffers`, `createOffer`, …, `rollbackOffer`, leaving out what the route list does not declare
 * for the kind (rail tables have no draft edits). The feature module's `satisfies FeatureHandlers`
 * then checks every handler's input against its route.
 *
 * @example
 * return { ...versionedRoutes('Offer', versionedHandlers(deps, offerKind(deps))) } satisfies FeatureHandlers;
 */
export function versionedRoutes<const N extends string, H extends HandlerSet>(
  noun: N,
  handlers: H,
): VersionedRoutes<N, H>;
// The keys are computed from `noun` at run time, which no type can follow: the overload above
// states the result (checked against the route list by each feature's `satisfies FeatureHandlers`),
// and `versioned-routes.test.ts` checks that every declared operation is served.
export function versionedRoutes(noun: string, handlers: HandlerSet): Record<string, unknown> {
  const names: OperationNames<string> = {
    list: `list${noun}s`,
    create: `create${noun}`,
    versions: `get${noun}Versions`,
    createVersion: `create${noun}Version`,
    updateDraft: `update${noun}Draft`,
    get: `get${noun}Version`,
    submit: `submit${noun}`,
    approve: `approve${noun}`,
    reject: `reject${noun}`,
    publish: `publish${noun}`,
    retire: `retire${noun}`,
    unschedule: `unschedule${noun}`,
    rollback: `rollback${noun}`,
  };
  return Object.fromEntries(
    HANDLER_KEYS.filter((key) => DECLARED.has(names[key])).map((key) => [names[key], handlers[key]]),
  );
}
