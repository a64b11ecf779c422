import {
  type AdminIdentity,
  type AdminRole,
  type AuditEntry,
  type OfferAction,
  type OfferStatus,
  type ScheduledVersionFields,
  VERSION_FIELD_NAMES,
} from '@finlet/contracts';
import { nextOfferState } from '@finlet/engine';
import type { Context } from 'hono';
import { adminCaller } from '../http/callers.js';
import type { GatewayEnv } from '../http/context.js';
import { header } from '../http/headers.js';
import { HttpProblem } from '../http/problem.js';
import { appendAudit } from '../internal/audit.js';
import type { Clock } from '../internal/time.js';
import { StoreConflictError } from '../storage/errors.js';
import type { Store } from '../storage/store.js';

/** The workflow fields every versioned object (offer, knowledge document, rail/FX table) carries. */
export type VersionedRecord = { id: string } & ScheduledVersionFields;

/** The storage one kind of versioned object needs for the workflow. */
export interface VersionedStore<T extends VersionedRecord> {
  insertVersion(record: T): Promise<void>;
  /** Compare-and-set on the status (and on `updatedAt` when given). */
  updateVersion(record: T, expectedStatus: OfferStatus, expectedUpdatedAt?: string): Promise<boolean>;
  getVersion(id: string, version: number): Promise<T | undefined>;
  getPublished(id: string): Promise<T | undefined>;
  latestVersionNumber(id: string): Promise<number>;
  /** Approved versions with a scheduled publish time; absent when the kind cannot be scheduled. */
  listScheduled?(): Promise<T[]>;
}

/** One kind of versioned object: how to find its storage, what to call it, whom to tell on publish. */
export interface WorkflowKind<T extends VersionedRecord> {
  /** Audit action prefix and target kind (`offer.publish`, target kind `offer`). */
  kind: string;
  /** Word used in messages (`offer`, `document`). */
  noun: string;
  versions(store: Store): VersionedStore<T>;
  /** Called after the published set changed (caches). */
  onPublishedChange(): void | Promise<void>;
}

/** Who acts: an admin (from the request) or the gateway itself (the scheduler). */
export interface WorkflowActor {
  admin: AdminIdentity | undefined;
  audit: AuditEntry['actor'];
  requestId: string | null;
}

/** An admin acting through a request. */
export type AdminActor = WorkflowActor & { admin: AdminIdentity };

const WORKFLOW_FIELDS = new Set<string>(VERSION_FIELD_NAMES);

/** The content of a version without its workflow fields (what the audit log's diffs show). */
export function contentOf(record: VersionedRecord): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !WORKFLOW_FIELDS.has(key)));
}

/** The admin behind the request, checked against the roles, as a workflow actor. */
export function requestActor(c: Context<GatewayEnv>, roles: readonly AdminRole[]): AdminActor {
  const admin = adminCaller(c, roles);
  return {
    admin,
    audit: { kind: 'admin', id: admin.id, name: admin.name },
    requestId: c.get('requestId'),
  };
}

/** `ETag` of one version: its `updatedAt`, quoted (clients echo it in `If-Match`). */
export function etag(record: { updatedAt: string }): Record<string, string> {
  return { etag: `"${record.updatedAt}"` };
}

/** The `updatedAt` an `If-Match` names (`*` matches anything), or undefined without one. */
export function ifMatch(c: Context<GatewayEnv>): string | undefined {
  const value = header(c, 'if-match')?.trim();
  if (value === undefined || value === '*') return undefined;
  return value.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/** `at` this close to now (or earlier) means "publish now". */
export const SCHEDULE_SLACK_MS = 5_000;

/**
 * The draft → review → approve → publish → retire workflow with four eyes, scheduled publishing and
 * rollback, written once for every versioned kind. Every change is a compare-and-set on the prior
 * status inside one transaction, so concurrent writers (or several gateway instances) cannot both win.
 */
export class VersionWorkflow<T extends VersionedRecord> {
  constructor(
    private readonly kind: WorkflowKind<T>,
    private readonly deps: { store: Store; clock: Clock },
  ) {}

  private notFound(id: string, version: number): HttpProblem {
    return new HttpProblem('not_found', { detail: `No version ${version} of ${this.kind.noun} ${id}.` });
  }

  private conflict(id: string, version: number): HttpProblem {
    return new HttpProblem('conflict', {
      detail: `Version ${version} of ${this.kind.noun} ${id} was changed by someone else; reload it.`,
    });
  }

  private target(id: string, version: number) {
    return { kind: this.kind.kind, id, version };
  }

  /** Publishes `before` (status approved) inside `tx`, retiring the version it replaces. */
  private async publishIn(
    tx: Store,
    actor: WorkflowActor,
    before: T,
    now: Date,
    comment?: string,
  ): Promise<T> {
    const at = now.toISOString();
    const versions = this.kind.versions(tx);
    const { id, version } = before;
    // One published version per object: the one it replaces is retired in the same transaction.
    const current = await versions.getPublished(id);
    if (current && current.version !== version) {
      const retired: T = { ...current, status: 'retired', retiredAt: at, updatedAt: at };
      if (!(await versions.updateVersion(retired, 'published'))) throw this.conflict(id, current.version);
      await appendAudit(tx, actor.audit, actor.requestId, now, {
        action: `${this.kind.kind}.retire`,
        target: this.target(id, current.version),
        before: { status: current.status },
        after: { status: 'retired' },
        comment: `superseded by version ${version}`,
      });
    }
    const after: T = {
      ...before,
      status: 'published',
      updatedAt: at,
      publishedAt: at,
      retiredAt: null,
      ...('scheduledPublishAt' in before ? { scheduledPublishAt: null, scheduledBy: null } : {}),
    };
    if (!(await versions.updateVersion(after, before.status))) throw this.conflict(id, version);
    await appendAudit(tx, actor.audit, actor.requestId, now, {
      action: `${this.kind.kind}.publish`,
      target: this.target(id, version),
      before: { status: before.status },
      after: { status: 'published' },
      ...(comment ? { comment } : {}),
    });
    return after;
  }

  /**
   * Replaces the content of a draft. With `expectedUpdatedAt` (the client's `If-Match`) an edit
   * based on an older read is refused with `stale_version` instead of overwriting someone's change.
   * The last editor becomes the author, so nobody can approve content they wrote.
   */
  async updateDraft(
    actor: AdminActor,
    id: string,
    version: number,
    content: Record<string, unknown>,
    expectedUpdatedAt?: string,
  ): Promise<T> {
    const now = this.deps.clock();
    const stale = () =>
      new HttpProblem('stale_version', {
        detail: `Someone changed version ${version} of ${this.kind.noun} ${id} since you opened it; reload it and apply your edit again.`,
      });
    return this.deps.store.transaction(async (tx) => {
      const versions = this.kind.versions(tx);
      const before = await versions.getVersion(id, version);
      if (!before) throw this.notFound(id, version);
      if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== before.updatedAt) throw stale();
      if (before.status !== 'draft') {
        throw new HttpProblem('invalid_state_transition', {
          detail: `Version ${version} is ${before.status}; only drafts can be edited. Start a new version instead.`,
        });
      }
      // updatedAt is the version's ETag: it must change with every edit, even two in one millisecond.
      const stamp = new Date(Math.max(now.getTime(), new Date(before.updatedAt).getTime() + 1)).toISOString();
      const after = {
        ...content,
        id,
        version,
        status: 'draft',
        createdBy: actor.admin.id,
        createdAt: before.createdAt,
        updatedAt: stamp,
        submittedBy: null,
        approvedBy: null,
        publishedAt: null,
        retiredAt: null,
      } as unknown as T;
      if (!(await versions.updateVersion(after, 'draft', expectedUpdatedAt))) {
        throw expectedUpdatedAt === undefined ? this.conflict(id, version) : stale();
      }
      await appendAudit(tx, actor.audit, actor.requestId, now, {
        action: `${this.kind.kind}.update`,
        target: this.target(id, version),
        before: contentOf(before),
        after: content,
        comment: actor.admin.id === before.createdBy ? null : `edited by ${actor.admin.name}, now the author`,
      });
      return after;
    });
  }

  /** One step of the workflow by an admin; the engine decides whether it is allowed. */
  async transition(
    actor: AdminActor,
    id: string,
    version: number,
    action: OfferAction,
    comment?: string,
  ): Promise<T> {
    if (action === 'reject' && !comment) {
      throw new HttpProblem('invalid_request', {
        detail: 'comment: say why the version is rejected.',
        errors: [{ path: 'comment', message: 'required when rejecting' }],
      });
    }
    const now = this.deps.clock();
    const at = now.toISOString();
    const updated = await this.deps.store.transaction(async (tx) => {
      const versions = this.kind.versions(tx);
      const before = await versions.getVersion(id, version);
      if (!before) throw this.notFound(id, version);
      const next = nextOfferState(before.status, action, {
        actorId: actor.admin.id,
        actorRole: actor.admin.role,
        createdBy: before.createdBy,
        submittedBy: before.submittedBy,
      });
      if (!next.ok) {
        throw new HttpProblem(next.code, { detail: next.reason.replaceAll('offer', this.kind.noun) });
      }
      if (action === 'publish') return this.publishIn(tx, actor, before, now, comment);
      const after: T = {
        ...before,
        status: next.status,
        updatedAt: at,
        ...(action === 'submit' ? { submittedBy: actor.admin.id } : {}),
        ...(action === 'approve' ? { approvedBy: actor.admin.id } : {}),
        ...(action === 'reject' ? { submittedBy: null, approvedBy: null } : {}),
        ...(action === 'retire' ? { retiredAt: at } : {}),
      };
      if (!(await versions.updateVersion(after, before.status))) throw this.conflict(id, version);
      await appendAudit(tx, actor.audit, actor.requestId, now, {
        action: `${this.kind.kind}.${action}`,
        target: this.target(id, version),
        before: { status: before.status },
        after: { status: after.status },
        ...(comment ? { comment } : {}),
      });
      return after;
    });
    if (action === 'publish' || action === 'retire') await this.kind.onPublishedChange();
    return updated;
  }

  /**
   * Publishes now, or (when `at` is later than now plus a few seconds) marks an approved version to
   * be published by the scheduler at `at`. Whoever may publish may schedule.
   */
  async publish(
    actor: AdminActor,
    id: string,
    version: number,
    options: { comment?: string | undefined; at?: string | undefined },
  ): Promise<T> {
    const now = this.deps.clock();
    const when = options.at === undefined ? undefined : new Date(options.at);
    if (!when || when.getTime() <= now.getTime() + SCHEDULE_SLACK_MS) {
      return this.transition(actor, id, version, 'publish', options.comment);
    }
    const at = now.toISOString();
    return this.deps.store.transaction(async (tx) => {
      const versions = this.kind.versions(tx);
      const before = await versions.getVersion(id, version);
      if (!before) throw this.notFound(id, version);
      const next = nextOfferState(before.status, 'publish', {
        actorId: actor.admin.id,
        actorRole: actor.admin.role,
        createdBy: before.createdBy,
        submittedBy: before.submittedBy,
      });
      if (!next.ok) {
        throw new HttpProblem(next.code, {
          detail: next.reason.replaceAll('publish', 'schedule').replaceAll('offer', this.kind.noun),
        });
      }
      const after: T = {
        ...before,
        updatedAt: at,
        scheduledPublishAt: when.toISOString(),
        scheduledBy: actor.admin.id,
      };
      if (!(await versions.updateVersion(after, 'approved'))) throw this.conflict(id, version);
      await appendAudit(tx, actor.audit, actor.requestId, now, {
        action: `${this.kind.kind}.schedule`,
        target: this.target(id, version),
        before: { scheduledPublishAt: before.scheduledPublishAt ?? null },
        after: { scheduledPublishAt: after.scheduledPublishAt },
        ...(options.comment ? { comment: options.comment } : {}),
      });
      return after;
    });
  }

  /** Cancels a scheduled publish; the version stays approved. */
  async unschedule(actor: AdminActor, id: string, version: number, comment?: string): Promise<T> {
    const now = this.deps.clock();
    return this.deps.store.transaction(async (tx) => {
      const versions = this.kind.versions(tx);
      const before = await versions.getVersion(id, version);
      if (!before) throw this.notFound(id, version);
      if (before.status !== 'approved' || !before.scheduledPublishAt) {
        throw new HttpProblem('invalid_state_transition', {
          detail: `Version ${version} of ${this.kind.noun} ${id} has no scheduled publish.`,
        });
      }
      const after: T = {
        ...before,
        updatedAt: now.toISOString(),
        scheduledPublishAt: null,
        scheduledBy: null,
      };
      if (!(await versions.updateVersion(after, 'approved'))) throw this.conflict(id, version);
      await appendAudit(tx, actor.audit, actor.requestId, now, {
        action: `${this.kind.kind}.unschedule`,
        target: this.target(id, version),
        before: { scheduledPublishAt: before.scheduledPublishAt },
        after: { scheduledPublishAt: null },
        ...(comment ? { comment } : {}),
      });
      return after;
    });
  }

  /**
   * Restores an earlier published version: its content becomes a new published version N+1
   * (`restoredFrom`), and the current published version is retired, in one transaction.
   */
  async rollback(actor: AdminActor, id: string, version: number, comment: string): Promise<T> {
    const now = this.deps.clock();
    const at = now.toISOString();
    let restored: T;
    try {
      restored = await this.deps.store.transaction(async (tx) => {
        const versions = this.kind.versions(tx);
        const source = await versions.getVersion(id, version);
        if (!source) throw this.notFound(id, version);
        if (source.publishedAt === null || source.status === 'published') {
          throw new HttpProblem('invalid_state_transition', {
            detail:
              source.status === 'published'
                ? `Version ${version} of ${this.kind.noun} ${id} is the published one already.`
                : `Version ${version} of ${this.kind.noun} ${id} was never published; only published versions can be restored.`,
          });
        }
        const current = await versions.getPublished(id);
        const next = (await versions.latestVersionNumber(id)) + 1;
        if (current) {
          const retired: T = { ...current, status: 'retired', retiredAt: at, updatedAt: at };
          if (!(await versions.updateVersion(retired, 'published'))) throw this.conflict(id, current.version);
          await appendAudit(tx, actor.audit, actor.requestId, now, {
            action: `${this.kind.kind}.retire`,
            target: this.target(id, current.version),
            before: { status: 'published' },
            after: { status: 'retired' },
            comment: `rolled back to version ${version} as version ${next}`,
          });
        }
        const created: T = {
          ...source,
          version: next,
          status: 'published',
          createdAt: at,
          updatedAt: at,
          approvedBy: actor.admin.id,
          publishedAt: at,
          retiredAt: null,
          scheduledPublishAt: null,
          scheduledBy: null,
          restoredFrom: version,
        };
        await versions.insertVersion(created);
        await appendAudit(tx, actor.audit, actor.requestId, now, {
          action: `${this.kind.kind}.rollback`,
          target: this.target(id, next),
          before: current ? contentOf(current) : null,
          after: contentOf(created),
          comment,
        });
        return created;
      });
    } catch (error) {
      if (error instanceof StoreConflictError) throw this.conflict(id, version);
      throw error;
    }
    await this.kind.onPublishedChange();
    return restored;
  }

  /**
   * Publishes every approved version whose scheduled time has come, as the gateway itself. Safe with
   * several instances: the publish is conditional on the version still being approved, so exactly
   * one instance publishes it and the others find nothing to do. Returns how many it published.
   */
  async publishDue(): Promise<number> {
    const list = this.kind.versions(this.deps.store).listScheduled;
    if (!list) return 0;
    const now = this.deps.clock();
    let published = 0;
    for (const due of await list.call(this.kind.versions(this.deps.store))) {
      if (!due.scheduledPublishAt || new Date(due.scheduledPublishAt).getTime() > now.getTime()) continue;
      try {
        await this.deps.store.transaction(async (tx) => {
          const before = await this.kind.versions(tx).getVersion(due.id, due.version);
          if (before?.status !== 'approved' || before.scheduledPublishAt !== due.scheduledPublishAt) {
            throw new ScheduleGone();
          }
          const by = before.scheduledBy ?? 'unknown';
          const scheduler = await tx.adminKeys.get(by);
          await this.publishIn(
            tx,
            { admin: undefined, audit: { kind: 'system', id: 'scheduler', name: null }, requestId: null },
            before,
            now,
            `scheduled by ${scheduler ? `${scheduler.identity.name} (${by})` : by} for ${before.scheduledPublishAt}`,
          );
        });
        published += 1;
      } catch (error) {
        // Another instance published (or someone unscheduled) it first.
        if (
          error instanceof ScheduleGone ||
          error instanceof HttpProblem ||
          error instanceof StoreConflictError
        ) {
          continue;
        }
        throw error;
      }
    }
    if (published > 0) await this.kind.onPublishedChange();
    return published;
  }
}

class ScheduleGone extends Error {}
