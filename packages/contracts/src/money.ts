import { z } from 'zod';
import { type CurrencyCode as Code, CURRENCY_MINOR_UNITS } from './currency.js';

export { CURRENCY_MINOR_UNITS, formatMinor, minorUnits, money } from './currency.js';

export type CurrencyCode = Code;
export const CurrencyCode = z
  .enum(Object.keys(CURRENCY_MINOR_UNITS) as [CurrencyCode, ...CurrencyCode[]])
  .meta({ id: 'CurrencyCode', description: 'ISO 4217 currency code.' });

/** Money on the wire: an integer in the currency's minor units (200,000.00 CNY is 20000000). */
export const Money = z
  .strictObject({
    value: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
    currency: CurrencyCode,
  })
  .meta({
    id: 'Money',
    description: 'An amount as an integer in the currency’s ISO 4217 minor units.',
    example: { value: 20000000, currency: 'CNY' },
  });
export type Money = z.infer<typeof Money>;
