import type { AdminRole } from './admin.js';

/**
 * How much of the end users behind a record a role may read on an admin route: their ids whole
 * (`full`), or records with every user id masked (`masked`: counts and outcomes, not who).
 */
export type UserDataAccess = 'full' | 'masked';

/** The mask that replaces a user id for a role that reads aggregates only; it tells nothing of the id. */
export const MASKED_USER_ID = '****';

/**
 * The admin routes whose records carry end-user ids, and which roles read them (PIPL: the minimum
 * each role needs). A role not listed is refused (403); `admin` (the deployment's compliance and
 * operations owner) always reads them whole. A `masked` role may not filter by `userId` either: the
 * filter would tell it which records are whose. The gateway enforces this table before the handler
 * and masks the answer; the console offers a screen only to the roles that may use it.
 * - approver: decides applications and signs off compliance: whole.
 * - reviewer: checks an application's suitability and disclosures: whole; not the audit log.
 * - author: writes offers and questionnaires; needs outcomes (how levels fall out, which texts were
 *   shown how often, the history of its content), not who: masked.
 * - agent: works hand-offs, where the conversation carries what it needs: none.
 */
export const USER_DATA_ROUTES = {
  listRiskAssessments: { approver: 'full', reviewer: 'full', author: 'masked' },
  getRiskAssessmentRecord: { approver: 'full', reviewer: 'full', author: 'masked' },
  listDisclosures: { approver: 'full', reviewer: 'full', author: 'masked' },
  listAudit: { approver: 'full', author: 'masked' },
} as const satisfies Record<string, Partial<Record<Exclude<AdminRole, 'admin'>, UserDataAccess>>>;
export type UserDataOperation = keyof typeof USER_DATA_ROUTES;

/** What `role` reads of users on `operation`, or null when it may not call it. */
export function userDataAccess(operation: UserDataOperation, role: AdminRole): UserDataAccess | null {
  if (role === 'admin') return 'full';
  const table: Partial<Record<AdminRole, UserDataAccess>> = USER_DATA_ROUTES[operation];
  return table[role] ?? null;
}

/** Every `userId` in a JSON value replaced by `MASKED_USER_ID`, at any depth. */
export function maskUserIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskUserIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      key === 'userId' && typeof v === 'string' ? MASKED_USER_ID : maskUserIds(v),
    ]),
  );
}
