import type {
  Application,
  InvestorRiskLevel,
  Money,
  OfferMatch,
  ProblemCode,
  RouteOption,
} from '@finlet/contracts';

export interface FinletReadyDetail {
  /** What the element finished loading, e.g. `offers`. */
  element: string;
  /** How many items it shows (offers, nudges…), when that applies. */
  count?: number;
}

export interface FinletErrorDetail {
  /** The gateway's stable problem code, or `network`, `timeout`, `invalid_response`, `config`. */
  code: ProblemCode | 'network' | 'timeout' | 'invalid_response' | 'config' | (string & {});
  /** The translated message shown to the user. */
  message: string;
  status?: number;
  requestId?: string;
  /** For `rate_limited`: seconds to wait before trying again (the gateway's `Retry-After`). */
  retryAfter?: number;
}

export interface FinletOfferSelectDetail {
  offerId: string;
  offerVersion: number;
  match: OfferMatch;
}

export interface FinletApplicationSubmitDetail {
  application: Application;
}

export interface FinletRouteSelectDetail {
  quoteId: string;
  /** Until when the quote's prices hold. */
  expiresAt: string;
  option: RouteOption;
}

export interface FinletHandoffDetail {
  /** Where the conversation hands over: the application for an offer, pre-filled from the chat. */
  offerId: string;
  offerVersion: number;
  prefill: { amount?: Money | undefined; purpose?: string | undefined; termMonths?: number | undefined };
  conversationId: string | null;
}

export interface FinletSessionExpiredDetail {
  gateway: string;
  expiredAt: string | null;
}

export interface FinletNudgeActionDetail {
  nudgeId: string;
  offerId: string;
  action: 'accept' | 'dismiss';
}

export interface FinletAssessmentCompleteDetail {
  assessmentId: string;
  /** The assessed level, C1 (conservative) to C5 (aggressive). */
  level: InvestorRiskLevel;
  /** Until when the level holds; the user takes the questionnaire again after that. */
  expiresAt: string;
  questionnaireId: string;
  questionnaireVersion: number;
}

/** Every event a Finlet element fires: `bubbles: true, composed: true`, with a typed `detail`. */
export interface FinletEventMap {
  'finlet-ready': CustomEvent<FinletReadyDetail>;
  'finlet-error': CustomEvent<FinletErrorDetail>;
  'finlet-offer-select': CustomEvent<FinletOfferSelectDetail>;
  'finlet-application-submit': CustomEvent<FinletApplicationSubmitDetail>;
  'finlet-route-select': CustomEvent<FinletRouteSelectDetail>;
  'finlet-handoff': CustomEvent<FinletHandoffDetail>;
  'finlet-session-expired': CustomEvent<FinletSessionExpiredDetail>;
  'finlet-nudge-action': CustomEvent<FinletNudgeActionDetail>;
  'finlet-assessment-complete': CustomEvent<FinletAssessmentCompleteDetail>;
}

export type FinletEventName = keyof FinletEventMap;
export type FinletEventDetail<K extends FinletEventName> =
  FinletEventMap[K] extends CustomEvent<infer D> ? D : never;

declare global {
  interface GlobalEventHandlersEventMap extends FinletEventMap {}
}

/** Dispatches a Finlet event from `target`; returns false when a listener cancelled a cancelable one. */
export function emit<K extends FinletEventName>(
  target: EventTarget,
  name: K,
  detail: FinletEventDetail<K>,
  options: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(
    new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }),
  );
}
