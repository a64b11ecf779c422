import type { Money } from '@finlet/contracts';

export interface RepaymentExample {
  monthly: Money;
  total: Money;
  /** Interest plus fees. */
  cost: Money;
}

export interface FeeInput {
  fixed?: Money | undefined;
  rateBps?: number | undefined;
  kind: string;
}

/**
 * A worked example for an amount, term and APR: equal monthly instalments (annuity), the monthly
 * figure rounded up to the currency's minor unit so it never understates a payment, plus the up-front and
 * periodic fees a borrower pays anyway (origination, service, annual, account). Fees that depend
 * on behaviour (late or early repayment, transfers) are left out of the example.
 *
 * The annuity factor is computed in floating point but every amount is an integer number of minor
 * units: the example is labelled as an estimate and the bank's contract is authoritative.
 */
export function repaymentExample(
  amount: Money,
  months: number,
  aprBps: number,
  fees: readonly FeeInput[] = [],
): RepaymentExample {
  const principal = amount.value;
  const r = aprBps / 10_000 / 12;
  const exact = r === 0 ? principal / months : (principal * r) / (1 - (1 + r) ** -months);
  // The monthly figure is rounded up so it never understates a payment; the total is the exact
  // schedule rounded once (the last instalment absorbs the cents), so 0 % APR costs exactly 0.
  const monthly = Math.ceil(exact - 1e-9);
  const repaid = r === 0 ? principal : Math.max(principal, Math.round(exact * months));
  let feeTotal = 0;
  for (const fee of fees) {
    if (!['origination', 'service', 'annual', 'account'].includes(fee.kind)) continue;
    const once = (fee.fixed?.value ?? 0) + Math.ceil((principal * (fee.rateBps ?? 0)) / 10_000);
    feeTotal += fee.kind === 'annual' ? once * Math.ceil(months / 12) : once;
  }
  const total = repaid + feeTotal;
  return {
    monthly: { value: monthly, currency: amount.currency },
    total: { value: total, currency: amount.currency },
    cost: { value: total - principal, currency: amount.currency },
  };
}
