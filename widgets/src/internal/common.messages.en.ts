import type { CommonMessages } from './common.messages.js';

/** What every element says in English; loaded when an element's locale is `en`. */
const en: CommonMessages = {
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.more': (n) => `Show ${n} more`,
  'common.less': 'Show fewer',
  'common.back': 'Back',
  'common.next': 'Next',
  'config.noGateway': 'No Finlet gateway is configured. Please contact the site owner.',
  'config.noSession': 'No session was provided. Please reload the page and try again.',
  'session.expired': 'Your session has ended. Please reload the page to continue.',
  'error.generic': 'Something went wrong. Please try again later.',
  'error.network': 'We could not connect. Check your connection and try again.',
  'error.timeout': 'The service took too long to answer. Please try again.',
  'error.invalid_token': 'Your session is not valid. Please reload the page to continue.',
  'error.unauthorized': 'There is no valid session. Please reload the page to continue.',
  'error.session_expired': 'Your session has ended. Please reload the page to continue.',
  'error.origin_not_allowed': 'This website is not allowed to use this financial service.',
  'error.partner_disabled':
    "This website's financial services are paused. Please try again later or contact the website's support.",
  'error.no_question_pending':
    'The bank has no question waiting for your answer. Refresh to see where your application stands.',
  'error.too_many_connections': 'Too many connections. Please wait a moment and try again.',
  'error.handoff_closed': 'The bank advisor has already closed this conversation.',
  'error.handoff_abandoned': 'You have already left the conversation with the bank advisor.',
  'error.request_timeout': 'Sending the request took too long. Please check your connection and try again.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.consent_required': 'We need your consent to continue.',
  'error.offer_not_available': 'This product is not available right now.',
  'error.offer_not_eligible': 'Based on the information we have, you are not eligible for this product yet.',
  'error.amount_out_of_range': 'The amount is outside what this product offers.',
  'error.rate_limited': 'Too many requests. Please wait a moment and try again.',
  'error.rateLimitedWait': (seconds: number) =>
    seconds < 120
      ? `Too many requests. Please try again in ${seconds} seconds.`
      : `Too many requests. Please try again in about ${Math.ceil(seconds / 60)} minutes.`,
  'error.invalid_request': 'Some details are not right. Please check them and try again.',
  'error.not_found': 'We could not find that.',
  'error.preview_only': 'This is a preview; nothing is submitted.',
  'error.code': (code) => `Error code: ${code}`,
};

export default en;
