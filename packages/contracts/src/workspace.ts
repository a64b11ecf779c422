import { z } from 'zod';
import type { AdminRole } from './admin.js';

/** How much of one personal field a role sees: whole, partly masked, or not at all (null). */
export const FieldAccess = z.enum(['full', 'partial', 'hidden']).meta({ id: 'FieldAccess' });
export type FieldAccess = z.infer<typeof FieldAccess>;

export const APPLICANT_FIELDS = ['name', 'businessName', 'phone', 'email', 'idNumber'] as const;
export type ApplicantField = (typeof APPLICANT_FIELDS)[number];

/**
 * Who reads which personal field of an applicant (PIPL: collect and show the minimum). The full ID
 * number never leaves the gateway over the admin API; `partial` shows its first and last four
 * characters. `author` reads no application at all (`null`): content writers have no need to.
 * - approver: decides large amounts, may call the applicant back: contact details whole.
 * - reviewer: works the inbox from the file; reaches the applicant through the question in
 *   `<finlet-apply>`, so contact details stay masked.
 * - admin: runs the deployment; sees that a file exists, not who it is.
 * - agent: takes over a hand-off; the conversation carries what it needs.
 */
export const APPLICANT_FIELD_ACCESS: Readonly<
  Record<AdminRole, Readonly<Record<ApplicantField, FieldAccess>> | null>
> = {
  approver: { name: 'full', businessName: 'full', phone: 'full', email: 'full', idNumber: 'partial' },
  reviewer: { name: 'full', businessName: 'full', phone: 'partial', email: 'partial', idNumber: 'partial' },
  admin: { name: 'partial', businessName: 'full', phone: 'partial', email: 'partial', idNumber: 'hidden' },
  agent: { name: 'partial', businessName: 'full', phone: 'hidden', email: 'hidden', idNumber: 'hidden' },
  author: null,
};
