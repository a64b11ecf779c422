import { z } from 'zod';
import { Timestamp } from './common.js';

/**
 * What an admin key may do: `author` writes content, `approver` approves it (and may decide on
 * applications), `reviewer` works the application inbox, `agent` takes over hand-offs, `admin`
 * runs the deployment. What each role sees of an applicant is `APPLICANT_FIELD_ACCESS`.
 */
export const AdminRole = z
  .enum(['author', 'approver', 'reviewer', 'agent', 'admin'])
  .meta({ id: 'AdminRole' });
export type AdminRole = z.infer<typeof AdminRole>;

export const AdminIdentity = z
  .object({ id: z.string(), name: z.string(), role: AdminRole })
  .meta({ id: 'AdminIdentity' });
export type AdminIdentity = z.infer<typeof AdminIdentity>;

export const AdminKeyCreated = z
  .object({ admin: AdminIdentity, apiKey: z.string(), createdAt: Timestamp })
  .meta({ id: 'AdminKeyCreated' });
export type AdminKeyCreated = z.infer<typeof AdminKeyCreated>;

export const AuditActor = z.object({
  kind: z.enum(['admin', 'partner', 'system', 'cli']),
  id: z.string(),
  name: z.string().nullable(),
});

/** One append-only audit record: who did what to which object, with the before/after state. */
export const AuditEntry = z
  .object({
    id: z.string(),
    at: Timestamp,
    actor: AuditActor,
    action: z.string(),
    target: z.object({ kind: z.string(), id: z.string(), version: z.int().nullable() }),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    comment: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.strictObject({
  targetKind: z.string().max(40).optional(),
  targetId: z.string().max(120).optional(),
  actorId: z.string().max(120).optional(),
  action: z.string().max(80).optional(),
  /** Case-insensitive substring of the action, actor id or name, target id or comment. */
  q: z.string().trim().min(1).max(200).optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  /** Cursor: the id of the last entry of the previous page (`next`). */
  before: z.string().max(120).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditList = z
  .object({
    entries: z.array(AuditEntry),
    /** Pass as `before` for the next (older) page; null on the last page. */
    next: z.string().nullable(),
  })
  .meta({ id: 'AuditList' });
export type AuditList = z.infer<typeof AuditList>;
