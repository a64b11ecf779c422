import {
  type AdminRole,
  APPLICANT_FIELD_ACCESS,
  type ApplicantField,
  type Application,
  type FieldAccess,
} from '@finlet/contracts';
import { HttpProblem } from '../http/problem.js';

export type ApplicantView = Application['applicant'];

/** A fixed number of stars after the first character, so the mask does not tell the name's length. */
function maskName(name: string): string {
  const [first = ''] = Array.from(name.trim());
  return `${first}**`;
}

/** Keeps the last four digits, the part people read out to confirm a number. */
function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `${'*'.repeat(Math.max(digits.length - 4, 0))}${digits.slice(-4)}`;
}

function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

const PARTIAL: Record<ApplicantField, (value: string) => string> = {
  name: maskName,
  businessName: maskName,
  phone: maskPhone,
  email: maskEmail,
  // What is stored for the applicant's view is already masked (first and last four characters).
  idNumber: (masked) => masked,
};

function apply(field: ApplicantField, access: FieldAccess, value: string | null): string | null {
  if (value === null || access === 'hidden') return null;
  return access === 'full' ? value : PARTIAL[field](value);
}

/** The field access of a role, or a 403 for a role that reads no application. */
export function applicantAccess(role: AdminRole): Readonly<Record<ApplicantField, FieldAccess>> {
  const access = APPLICANT_FIELD_ACCESS[role];
  if (!access) {
    throw new HttpProblem('forbidden', { detail: `The ${role} role does not read applications.` });
  }
  return access;
}

/** The applicant as one role may see them. */
export function maskApplicant(applicant: ApplicantView, role: AdminRole): ApplicantView {
  const access = applicantAccess(role);
  return {
    name: apply('name', access.name, applicant.name) ?? '',
    businessName: apply('businessName', access.businessName, applicant.businessName),
    phone: apply('phone', access.phone, applicant.phone),
    email: apply('email', access.email, applicant.email),
    idNumberMasked: apply('idNumber', access.idNumber, applicant.idNumberMasked),
  };
}
