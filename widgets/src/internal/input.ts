import type { Money } from '@finlet/contracts';
import { formatMinor } from '@finlet/contracts/currency';

/** Money as a person would type it back into an input: `200000.00` → `200000`, `12.50` stays. */
export function toDecimalInput(amount: Money): string {
  return formatMinor(amount).replace(/\.0+$/, '');
}
