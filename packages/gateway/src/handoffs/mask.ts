import { type AdminRole, APPLICANT_FIELD_ACCESS, type FieldAccess } from '@finlet/contracts';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** What `maskPersonalData` left of a mobile number, an ID number and a bank card. */
const MASKED_PHONE = /(?<![0-9*])\d{3}\*{4}\d{4}(?![0-9])/g;
const MASKED_ID = /(?<![0-9*])\d{2}\*{9,12}[\dXx]{4}(?![0-9])/g;
const MASKED_CARD = /\*{4} \*{4} \*{4} \d{4}/g;
/** A short phone or an account number, of which only the last four digits were kept. */
const MASKED_NUMBER = /(?<![0-9*])\*{4}\d{4}(?![0-9])/g;

const hidden = (what: string) => `[${what}]`;

/**
 * A transcript line as a bank role may read it (APPLICANT_FIELD_ACCESS): chat text is stored with
 * ID, card and phone numbers already masked to their last four; a role that may not see a field
 * at all (the agent: phone, e-mail, ID) sees a placeholder instead, and e-mail addresses are
 * masked to their first letter and domain for a role that sees them only partly.
 */
export function maskForRole(text: string, role: AdminRole): string {
  const access = APPLICANT_FIELD_ACCESS[role];
  const of = (field: 'phone' | 'email' | 'idNumber'): FieldAccess => access?.[field] ?? 'hidden';
  let out = text;
  if (of('email') === 'hidden') out = out.replace(EMAIL, hidden('email'));
  else if (of('email') === 'partial')
    out = out.replace(EMAIL, (m) => `${m[0]}***@${m.slice(m.indexOf('@') + 1)}`);
  if (of('phone') === 'hidden') out = out.replace(MASKED_PHONE, hidden('phone'));
  if (of('idNumber') === 'hidden') {
    out = out.replace(MASKED_ID, hidden('ID'));
    out = out.replace(MASKED_CARD, hidden('card'));
  }
  if (of('phone') === 'hidden' || of('idNumber') === 'hidden')
    out = out.replace(MASKED_NUMBER, hidden('number'));
  return out;
}
