import { z } from 'zod';

/** Locales every text a user reads is written in. zh-CN is the default. */
export const Locale = z.enum(['zh-CN', 'en']).meta({ id: 'Locale' });
export type Locale = z.infer<typeof Locale>;
export const LOCALES = Locale.options;
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** A text in every supported locale; a product team must write both. */
export const LocalizedText = z
  .strictObject({
    'zh-CN': z.string().trim().min(1).max(2000),
    en: z.string().trim().min(1).max(2000),
  })
  .meta({ id: 'LocalizedText', description: 'The same text in zh-CN and en.' });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** The partner scenarios Finlet ships journeys for. */
export const Scenario = z
  .enum(['tourism', 'government', 'consumption', 'supply-chain'])
  .meta({ id: 'Scenario' });
export type Scenario = z.infer<typeof Scenario>;
export const SCENARIOS = Scenario.options;

/** Lower-case identifiers chosen by people (offer ids, criterion ids): stable, URL-safe, readable. */
export const Slug = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens');

/** Identifiers the gateway mints: a short type prefix, an underscore, then 20+ url-safe characters. */
export const prefixedId = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[A-Za-z0-9]{16,40}$`), `must be a ${prefix}_… id`)
    .meta({ description: `Gateway-issued id with prefix \`${prefix}_\`.` });

export const Timestamp = z.iso.datetime({ offset: true }).meta({ description: 'RFC 3339 date-time.' });

/**
 * A version number a caller sends (an offer's, a questionnaire's): the same bounds as a version in
 * a path, so a number past a database integer column is a 400, not a failed query.
 */
export const VersionNumber = z.int().min(1).max(1_000_000);

/** Rates and percentages are integers in basis points (1 bp = 0.01 %), never binary floats. */
export const BasisPoints = z
  .int()
  .min(0)
  .max(1_000_000)
  .meta({ description: 'Basis points: 1 bp = 0.01 %.' });

/** Keys of trusted signals, dotted lower-case paths such as `business.age_months`. */
export const SignalKey = z
  .string()
  .max(80)
  .regex(
    /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$/,
    'must be a dotted lower-case key such as business.age_months',
  );
export const SignalValue = z.union([z.number().finite(), z.string().max(200), z.boolean()]);
export type SignalValue = z.infer<typeof SignalValue>;

/** Trusted facts about the user or business, asserted by the partner's server (never by the browser). */
export const Signals = z
  .record(SignalKey, SignalValue)
  .refine((s) => Object.keys(s).length <= 100, 'at most 100 signals')
  .meta({ id: 'Signals', description: 'Trusted facts asserted by the partner server.' });
export type Signals = z.infer<typeof Signals>;
