import { z } from 'zod';
import { prefixedId, Slug, Timestamp } from './common.js';
import { ConsentId } from './consent.js';
import { Money } from './money.js';

export const ApplicationId = prefixedId('app').meta({ id: 'ApplicationId' });

/** Mainland resident ID (18 characters, last may be X). Checked for shape and checksum. */
const ResidentIdNumber = z
  .string()
  .regex(/^\d{17}[\dX]$/, 'must be an 18-character resident ID number')
  .refine((id) => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
    return '10X98765432'[sum % 11] === id[17];
  }, 'the check digit does not match');

export const Applicant = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
      .optional(),
    email: z.email().max(254).optional(),
    businessName: z.string().trim().min(1).max(200).optional(),
    idNumber: ResidentIdNumber.optional().meta({
      description: 'Sensitive personal information: needs a live `sensitive.id_number` consent.',
    }),
  })
  .meta({ id: 'Applicant' });
export type Applicant = z.infer<typeof Applicant>;

export const ApplicationCreate = z
  .strictObject({
    offerId: Slug,
    offerVersion: z.int().min(1).optional().meta({ description: 'Pin the version shown to the user.' }),
    amount: Money,
    termMonths: z.int().min(1).max(360).optional(),
    purpose: z.string().trim().max(200).optional(),
    applicant: Applicant,
    consentIds: z.array(ConsentId).min(1).max(10),
  })
  .meta({ id: 'ApplicationCreate' });
export type ApplicationCreate = z.input<typeof ApplicationCreate>;

export const ApplicationStatus = z.enum(['submitted', 'under_review', 'approved', 'declined', 'withdrawn']);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/** The bank's decision on an application (reasons stay with the bank; the partner sees the status). */
export const ApplicationStatusUpdate = z
  .strictObject({
    status: z.enum(['under_review', 'approved', 'declined']),
    comment: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .meta({ description: 'Internal note, kept in the audit log.' }),
  })
  .meta({ id: 'ApplicationStatusUpdate' });
export type ApplicationStatusUpdate = z.input<typeof ApplicationStatusUpdate>;

/** What the applicant sees: their own data with the ID number masked. */
export const Application = z
  .object({
    id: ApplicationId,
    partnerId: z.string(),
    userId: z.string(),
    offerId: z.string(),
    offerVersion: z.int(),
    amount: Money,
    termMonths: z.int().nullable(),
    purpose: z.string().nullable(),
    status: ApplicationStatus,
    applicant: z.object({
      name: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      businessName: z.string().nullable(),
      idNumberMasked: z.string().nullable(),
    }),
    consentIds: z.array(z.string()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Application' });
export type Application = z.infer<typeof Application>;

/** What the partner's server sees: status only, no applicant data and no decision reasons. */
export const PartnerApplicationView = Application.pick({
  id: true,
  partnerId: true,
  userId: true,
  offerId: true,
  offerVersion: true,
  amount: true,
  status: true,
  createdAt: true,
  updatedAt: true,
}).meta({ id: 'PartnerApplicationView' });
export type PartnerApplicationView = z.infer<typeof PartnerApplicationView>;
