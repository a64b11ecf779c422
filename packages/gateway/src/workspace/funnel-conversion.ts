import type { FunnelRow } from '@finlet/contracts';

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 10_000) / whole));

/** Each step over the one before (approved over decided), in basis points. */
export function conversionOf(row: Omit<FunnelRow, 'conversion' | 'approvedAmount'>): FunnelRow['conversion'] {
  return {
    selected: rate(row.selected, row.shown),
    consented: rate(row.consented, row.selected),
    submitted: rate(row.submitted, row.consented),
    approved: rate(row.approved, row.approved + row.declined),
  };
}
