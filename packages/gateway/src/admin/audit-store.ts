import type { AuditEntry, AuditQuery } from '@finlet/contracts';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { unique } from '../storage/errors.js';
import { json, parse } from '../storage/json.js';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface AuditStore {
  /** Append only: there is no update or delete, and the database refuses them. */
  append(entry: AuditEntry): Promise<void>;
  /**
   * Newest first. `q` matches a case-insensitive substring of the action, actor id or name, target
   * id or comment; `from`/`to` bound `at` (inclusive, UTC ISO strings); `before` is the id of the
   * entry after which the page starts.
   */
  list(query: AuditQuery): Promise<AuditEntry[]>;
}

function toAudit(row: Selectable<Database['audit_log']>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    action: row.action,
    target: { kind: row.target_kind, id: row.target_id, version: row.target_version },
    before: row.before === null ? null : parse(row.before),
    after: row.after === null ? null : parse(row.after),
    comment: row.comment,
    requestId: row.request_id,
  };
}

/** `AuditQuery` is the route's input type (the limit may still be a query-string value). */
function auditLimit(limit: unknown): number {
  const n = Number(limit ?? 100);
  return Number.isInteger(n) ? Math.min(Math.max(n, 1), 500) : 100;
}

export class KyselyAuditStore implements AuditStore {
  constructor(private readonly db: Db) {}

  async append(entry: AuditEntry): Promise<void> {
    await unique(
      this.db
        .insertInto('audit_log')
        .values({
          id: entry.id,
          at: entry.at,
          actor_kind: entry.actor.kind,
          actor_id: entry.actor.id,
          actor_name: entry.actor.name,
          action: entry.action,
          target_kind: entry.target.kind,
          target_id: entry.target.id,
          target_version: entry.target.version,
          before: entry.before === null || entry.before === undefined ? null : json(entry.before),
          after: entry.after === null || entry.after === undefined ? null : json(entry.after),
          comment: entry.comment,
          request_id: entry.requestId,
        })
        .execute(),
      `audit entry ${entry.id}`,
    );
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc');
    if (query.targetKind) q = q.where('target_kind', '=', query.targetKind);
    if (query.targetId) q = q.where('target_id', '=', query.targetId);
    if (query.actorId) q = q.where('actor_id', '=', query.actorId);
    if (query.action) q = q.where('action', '=', query.action);
    if (query.from) q = q.where('at', '>=', query.from);
    if (query.to) q = q.where('at', '<=', query.to);
    if (query.q) {
      // LIKE wildcards in the search text match themselves; `\` escapes them in both dialects.
      const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      q = q.where((eb) =>
        eb.or(
          (['action', 'actor_id', 'actor_name', 'target_id', 'comment'] as const).map(
            (column) => sql<boolean>`lower(${eb.ref(column)}) like ${pattern} escape '\\'`,
          ),
        ),
      );
    }
    if (query.before) {
      const cursor = query.before;
      q = q.where('seq', '<', (eb) =>
        eb.selectFrom('audit_log as c').select('c.seq').where('c.id', '=', cursor),
      );
    }
    return (await q.limit(auditLimit(query.limit)).execute()).map(toAudit);
  }
}
