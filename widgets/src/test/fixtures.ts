import type { OfferContentInput } from '@finlet/contracts';
import { consumerOffer, inventoryOffer } from '@finlet/testing/fixtures';

export { consumerOffer, inventoryOffer };

/** A second consumption offer so ranking, "more" and elder mode have something to hide. */
export const cardOffer: OfferContentInput = {
  ...consumerOffer,
  id: 'shop-credit-card',
  productType: 'credit_card',
  amount: { min: { value: 100_000, currency: 'CNY' }, max: { value: 5_000_000, currency: 'CNY' } },
  termMonths: { min: 1, max: 12 },
  pricing: {
    apr: { min: 1000, max: 1800 },
    fees: [
      {
        id: 'annual',
        kind: 'annual',
        fixed: { value: 20_000, currency: 'CNY' },
        label: { 'zh-CN': '年费', en: 'Annual fee' },
      },
      {
        // Worded as the demo offers word it: the label already states the rate.
        id: 'late-payment',
        kind: 'late_payment',
        rateBps: 5,
        label: {
          'zh-CN': '逾期每日按未还本金的 0.05% 收取罚息',
          en: '0.05 % a day on the overdue principal if a payment is late',
        },
      },
    ],
  },
  texts: {
    'zh-CN': { name: '联名信用卡', tagline: '购物返现，最长 50 天免息' },
    en: { name: 'Co-branded credit card', tagline: 'Cash back, up to 50 interest-free days' },
  },
  disclosures: [
    { 'zh-CN': '请按时还款，逾期将影响个人征信。', en: 'Late payments are reported to credit bureaus.' },
  ],
  priority: 40,
};

export const ADULT = { 'user.age': 35 };
