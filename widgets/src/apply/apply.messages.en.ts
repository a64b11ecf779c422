import type { ApplyMessages } from './apply.messages.js';

/** What <finlet-apply> says in English; loaded when an element's locale is `en`. */
const en: ApplyMessages = {
  'apply.title': 'Apply',
  'apply.steps': (n, total) => `Step ${n} of ${total}`,
  'apply.step.details': 'Check your details',
  'apply.step.consent': 'Consent',
  'apply.step.review': 'Review and submit',
  'apply.amount': 'Amount',
  'apply.term': 'Term (months)',
  'apply.purpose': 'Purpose',
  'apply.name': 'Name',
  'apply.businessName': 'Business name',
  'apply.phone': 'Mobile number',
  'apply.prefilled': 'We filled these in from your account on this site. Please check them.',
  'apply.required': 'Please fill this in.',
  'apply.amountRange': (range) => `The amount must be between ${range}.`,
  'apply.termRange': (min, max) => `The term must be between ${min} and ${max} months.`,
  'apply.phoneInvalid': 'Please enter a valid mobile number.',
  'apply.consent.intro': (bank) => `Before you apply, please allow us to share the following with ${bank}:`,
  'apply.consent.scope.application.submit':
    'What you entered in this application (name, contact, amount, term, purpose)',
  'apply.consent.scope.business.profile': 'Your business profile',
  'apply.consent.scope.profile.basic': 'Your basic profile',
  'apply.consent.purpose': (purpose) => `Purpose: ${purpose}`,
  'apply.consent.expiry': (days) => `Valid for ${days} days. You can withdraw it at any time.`,
  'apply.consent.retention': (days) => `Kept by the bank for ${Math.round(days / 365)} years`,
  'apply.consent.shareStatus': (partner) =>
    `Let the bank tell ${partner} how my application is progressing (not the reasons for a decision) — optional`,
  'apply.consent.agree': 'I have read and agree to the above',
  'apply.consent.mustAgree': 'Please tick the box to agree before you apply.',
  'apply.purpose.loan_application': 'Loan application',
  'apply.purpose.account_opening': 'Account opening',
  'apply.purpose.card_application': 'Card application',
  'apply.submit': 'Submit application',
  'apply.submitting': 'Submitting…',
  'apply.done.title': 'Application submitted',
  'apply.done.body': (id) => `Your application number is ${id}. The bank will let you know the outcome.`,
  'apply.offerMissing': 'We could not find this product, or it is not available right now.',
  'apply.thisPartner': 'this website',
  'apply.theBank': 'the bank',
  'apply.termRangeLabel': (min, max) => (min === max ? `${min} months` : `${min}–${max} months`),
  'apply.disclosures': 'Important information',
};

export default en;
