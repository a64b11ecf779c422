import { z } from 'zod';
import { Timestamp } from './common.js';

/**
 * Lifecycle of one version of any versioned content (offers, knowledge documents, rail and FX
 * tables): draft → in_review → approved → published → retired (rejected goes back to draft).
 * Its OpenAPI name stays `OfferStatus`, the name partners already generated clients from.
 */
export const VersionStatus = z
  .enum(['draft', 'in_review', 'approved', 'published', 'retired'])
  .meta({ id: 'OfferStatus' });
export type VersionStatus = z.infer<typeof VersionStatus>;

/** One step of the workflow, each its own admin route (`…/versions/{version}/{action}`). */
export const VersionAction = z.enum(['submit', 'approve', 'reject', 'publish', 'retire']);
export type VersionAction = z.infer<typeof VersionAction>;

/**
 * The workflow fields every stored version carries, whatever its content: the gateway writes
 * them, a product team never does. A versioned kind's stored schema is its content's fields plus
 * these (`z.object({ ...content, ...VersionFields.shape })`), so a new kind (a thesaurus, a risk
 * questionnaire) cannot forget one.
 */
export const VersionFields = z.object({
  version: z.int().min(1),
  status: VersionStatus,
  createdBy: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  submittedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  publishedAt: Timestamp.nullable(),
  retiredAt: Timestamp.nullable(),
});
export type VersionFields = z.infer<typeof VersionFields>;

/**
 * What kinds that can be published at a set time and rolled back carry besides
 * {@link VersionFields} (offers and knowledge documents).
 */
export const ScheduledVersionFields = VersionFields.extend({
  /** When an approved version is due to be published by the gateway's scheduler. */
  scheduledPublishAt: Timestamp.nullable().optional(),
  /** Admin id of whoever scheduled the publish. */
  scheduledBy: z.string().nullable().optional(),
  /** The earlier published version this one restores (rollback). */
  restoredFrom: z.int().nullable().optional(),
});
export type ScheduledVersionFields = z.infer<typeof ScheduledVersionFields>;

/** The names of the workflow fields: what is not content (diffs, imports and audit leave them out). */
export const VERSION_FIELD_NAMES = Object.keys(
  ScheduledVersionFields.shape,
) as readonly (keyof ScheduledVersionFields)[];
