import type { HealthCheckMessages } from './health-check.messages.js';

/** What <finlet-health-check> says in English; loaded when an element's locale is `en`. */
const en: HealthCheckMessages = {
  'health.title': 'Portfolio health check',
  'health.intro':
    'Enter the funds and wealth products you hold elsewhere. We check whether they are too concentrated, riskier than your level, or costly in fees.',
  'health.level': (level) =>
    level === null
      ? 'You have no valid risk tolerance assessment, so we recommend no products yet.'
      : `Your risk tolerance level: ${{ C1: 'C1 Conservative', C2: 'C2 Cautious', C3: 'C3 Balanced', C4: 'C4 Growth', C5: 'C5 Aggressive' }[level]}.`,
  'health.total': (total) => `Total value ${total}`,
  'health.holdings': 'Your holdings',
  'health.holding.name': 'Name',
  'health.holding.share': 'Share',
  'health.holding.risk': 'Risk level',
  'health.holding.source': 'Source',
  'health.source.signal': (date) => `From the partner, ${date}`,
  'health.source.user': 'Entered by you',
  'health.findings': 'What we found',
  'health.noFindings': 'Nothing needs your attention.',
  'health.kind': (kind) =>
    ({
      concentration: 'Too much in one holding',
      category_concentration: 'Too much in one kind of asset',
      risk_above_level: 'Riskier than your level',
      no_assessment: 'No risk assessment yet',
      fee_drag: 'High fees',
      overlap: 'Holdings that overlap',
    })[kind],
  'health.severity': (severity) => ({ info: 'Note', warning: 'Attention', high: 'Important' })[severity],
  'health.basis': 'Based on',
  'health.cite.holding': (name, source) => `Holding “${name}” (${source})`,
  'health.cite.level': (level) =>
    level === null ? 'You have no valid risk assessment' : `Your risk assessment: ${level}`,
  'health.cite.offer': (name, version) => `Bank product “${name}”, version ${version}`,
  'health.cite.rule': (rule, threshold) =>
    `${
      (
        {
          'concentration.holding': 'Largest share for one holding',
          'concentration.category': 'Largest share for one kind of asset',
          'fee_drag.weighted_rate': 'Highest yearly fee rate',
          'overlap.exposure': 'Largest overlapping share',
        } as Record<string, string>
      )[rule] ?? rule
    }: ${threshold}`,
  'health.suggestions': 'Suggestions',
  'health.suggestion.offers': 'Products within your level:',
  'health.risk': (level) => `Risk level ${level}`,
  'health.enter': 'Enter holdings',
  'health.addMore': 'Add other holdings',
  'health.row': (n) => `Holding ${n}`,
  'health.field.name': 'Product name',
  'health.field.amount': (currency) => `Value today (${currency})`,
  'health.field.risk': 'Risk level (leave it if unsure)',
  'health.field.riskUnknown': 'Not sure',
  'health.field.fee': 'Yearly management fee % (optional)',
  'health.addRow': 'Add another',
  'health.removeRow': (n) => `Remove holding ${n}`,
  'health.check': 'Check my holdings',
  'health.checking': 'Checking…',
  'health.invalid.name': 'Enter the product name.',
  'health.invalid.amount': 'Enter an amount above 0, such as 20000.',
  'health.invalid.fee': 'Enter a number from 0 to 100, such as 1.5.',
  'error.holdings_required': 'There are no holdings yet. Please enter yours first.',
};

export default en;
