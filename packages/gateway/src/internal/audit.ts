import type { AuditEntry } from '@finlet/contracts';
import type { Context } from 'hono';
import type { GatewayEnv } from '../http/context.js';
import type { Store } from '../storage/store.js';
import { newId } from './ids.js';

/** Appends one audit record for the current caller and request. */
export async function audit(
  store: Store,
  c: Context<GatewayEnv>,
  now: Date,
  entry: Pick<AuditEntry, 'action' | 'target'> & Partial<Pick<AuditEntry, 'before' | 'after' | 'comment'>>,
): Promise<void> {
  const caller = c.get('caller');
  const actor: AuditEntry['actor'] =
    caller?.kind === 'admin'
      ? { kind: 'admin', id: caller.admin.id, name: caller.admin.name }
      : caller
        ? { kind: 'partner', id: caller.partner.id, name: caller.partner.name }
        : { kind: 'system', id: 'gateway', name: null };
  await appendAudit(store, actor, c.get('requestId'), now, entry);
}

type AuditInput = Pick<AuditEntry, 'action' | 'target'> &
  Partial<Pick<AuditEntry, 'before' | 'after' | 'comment'>>;

/** Appends one audit record for an explicit actor (e.g. the scheduler, which has no request). */
export async function appendAudit(
  store: Store,
  actor: AuditEntry['actor'],
  requestId: string | null,
  now: Date,
  entry: AuditInput,
): Promise<void> {
  await store.audit.append({
    id: newId('aud'),
    at: now.toISOString(),
    actor,
    action: entry.action,
    target: entry.target,
    before: entry.before ?? null,
    after: entry.after ?? null,
    comment: entry.comment ?? null,
    requestId,
  });
}
