import { z } from 'zod';

/** The kinds of product a bank publishes (in its own module so holdings and signals can name them without importing offers). */
export const ProductType = z
  .enum([
    'installment',
    'consumer_loan',
    'credit_card',
    'business_loan',
    'startup_loan',
    'inventory_financing',
    'receivables_financing',
    'trade_finance',
    'business_account',
    'travel_card',
    'wealth_management',
    'fund',
    'time_deposit',
    'personal_account',
    'debit_card',
  ])
  .meta({ id: 'ProductType' });
export type ProductType = z.infer<typeof ProductType>;
