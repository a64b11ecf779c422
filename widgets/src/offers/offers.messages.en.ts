import type { OffersMessages } from './offers.messages.js';

/** What <finlet-offers> says in English; loaded when an element's locale is `en`. */
const en: OffersMessages = {
  'offers.title': 'Financing for you',
  'offers.empty': 'There is no product that fits you right now. We will suggest one when things change.',
  'offers.apr': 'APR',
  'offers.aprRange': (min, max) => (min === max ? min : `from ${min}, up to ${max}`),
  'offers.term': (min, max) => (min === max ? `${min} months` : `${min}–${max} months`),
  'offers.fees': 'Fees',
  'offers.noFees': 'No other fees',
  'offers.example': (amount, months) => `Example: borrow ${amount} over ${months} months`,
  'offers.exampleMonthly': (payment) => `About ${payment} a month`,
  'offers.exampleTotal': (total, cost) => `${total} in total (${cost} interest and fees)`,
  'offers.exampleNote':
    'Worked out at the lowest APR with equal monthly payments. For illustration only; the bank decides.',
  'offers.outOfRange': (range) => `The amount you entered is outside this product's range (${range}).`,
  'offers.disclosures': 'Important information',
  'offers.why': 'Why this offer',
  'offers.criterionObserved': (value) => ` (yours: ${value})`,
  'offers.select': 'See details and apply',
  'offers.recommended': 'Top pick',
  'offers.found': (n) => `${n} ${n === 1 ? 'product' : 'products'} found for you`,
  'offers.amount': 'Amount',
  'offers.termLabel': 'Term (months)',
  'offers.risk': 'Risk level',
  'offers.liq': 'Liquidity',
  'offers.liq.daily': 'Daily redemption',
  'offers.liq.periodic': 'On open days',
  'offers.liq.at_maturity': 'At maturity',
  'offers.liq.closed_period': 'Closed period',
  'offers.hold': (n) => `; hold at least ${n} ${n === 1 ? 'day' : 'days'}`,
  'offers.past': 'Past performance does not guarantee future returns.',
  'offers.ack': 'Confirm and continue',
  'offers.assess': 'Take the risk assessment',
};

export default en;
