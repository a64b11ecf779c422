import { z } from 'zod';

/**
 * Every error code the gateway can return, with its HTTP status. Codes are stable public names:
 * add new ones, never rename. The problem's `type` is `${PROBLEM_TYPE_BASE}${code}`.
 */
export const PROBLEM_CODES = {
  invalid_request: 400,
  invalid_json: 400,
  idempotency_key_required: 400,
  unauthorized: 401,
  invalid_token: 401,
  session_expired: 401,
  invalid_api_key: 401,
  api_key_revoked: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  partner_disabled: 403,
  consent_required: 403,
  approver_is_author: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  invalid_state_transition: 409,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_conflict: 422,
  offer_not_available: 422,
  offer_not_eligible: 422,
  amount_out_of_range: 422,
  consent_not_separate: 422,
  webhook_url_not_allowed: 422,
  nudge_not_active: 409,
  subject_not_owned: 403,
  route_amount_out_of_limits: 422,
  route_corridor_not_supported: 422,
  route_purpose_not_supported: 422,
  route_party_not_supported: 422,
  fx_rates_stale: 503,
  rate_limited: 429,
  preview_only: 403,
  csrf_failed: 403,
  stale_version: 412,
  consent_withdrawn: 409,
  second_approver_required: 403,
  no_question_pending: 409,
  internal_error: 500,
  not_ready: 503,
  request_timeout: 408,
  too_many_connections: 429,
  handoff_already_claimed: 409,
  handoff_not_claimed: 409,
  handoff_closed: 409,
  handoff_abandoned: 409,
  handoff_role_not_allowed: 403,
  message_empty: 422,
  message_too_long: 422,
  invalid_last_event_id: 400,
  invalid_grant: 401,
  grant_revoked: 403,
  grant_expired: 403,
  grant_tool_not_allowed: 403,
  grant_amount_exceeded: 403,
  grant_scenario_mismatch: 403,
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;
export const ProblemCode = z.enum(Object.keys(PROBLEM_CODES) as [ProblemCode, ...ProblemCode[]]).meta({
  id: 'ProblemCode',
});

/** Where the troubleshooting page for each code lives; a problem's `type` URL points there. */
export const PROBLEM_TYPE_BASE = 'https://finlet.dev/docs/troubleshooting#';

export const ProblemFieldError = z.object({
  path: z
    .string()
    .meta({ description: 'JSON pointer-like dotted path of the offending field, e.g. `amount.value`.' }),
  message: z.string(),
  code: z.string().optional(),
});
export type ProblemFieldError = z.infer<typeof ProblemFieldError>;

/** RFC 9457 problem details, with Finlet's stable `code` and the request id. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().meta({ description: 'Stable machine-readable code; see ProblemCode.' }),
    requestId: z.string(),
    errors: z.array(ProblemFieldError).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' });
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_TITLES: Record<ProblemCode, string> = {
  invalid_request: 'The request is not valid',
  invalid_json: 'The body is not valid JSON',
  idempotency_key_required: 'An Idempotency-Key header is required',
  unauthorized: 'Credentials are missing',
  invalid_token: 'The session token is not valid',
  session_expired: 'The session has expired',
  invalid_api_key: 'The API key is not valid',
  api_key_revoked: 'The API key was revoked or rotated out',
  forbidden: 'Not allowed',
  origin_not_allowed: 'This origin is not allowed for the partner',
  partner_disabled: 'The partner is disabled',
  consent_required: 'A live consent is required',
  approver_is_author: 'The approver must not be the author',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  invalid_state_transition: 'That change is not allowed in the current state',
  idempotency_in_progress: 'A request with this Idempotency-Key is still in progress',
  payload_too_large: 'The body is too large',
  unsupported_media_type: 'The body must be application/json',
  idempotency_conflict: 'This Idempotency-Key was used with a different request',
  offer_not_available: 'The offer is not available',
  offer_not_eligible: 'The applicant does not meet the offer’s criteria',
  amount_out_of_range: 'The amount is outside the offer’s limits',
  consent_not_separate: 'Sensitive data needs its own consent',
  webhook_url_not_allowed: 'The webhook URL points to an address that is not allowed',
  nudge_not_active: 'The nudge was already dismissed, accepted or has expired',
  subject_not_owned: 'The signal names a user of another partner',
  route_amount_out_of_limits: 'The amount is outside every rail’s limits for this corridor',
  route_corridor_not_supported: 'No rail serves this currency or corridor',
  route_purpose_not_supported: 'No rail on this corridor accepts this purpose',
  route_party_not_supported: 'No rail on this corridor serves this payer or payee type',
  fx_rates_stale: 'The FX rates are too old to quote from',
  rate_limited: 'Too many requests',
  preview_only: 'This is a preview; nothing is submitted',
  csrf_failed: 'The console request failed its CSRF check',
  stale_version: 'Someone changed this version since you opened it; reload',
  consent_withdrawn: 'The applicant withdrew a consent this application rests on',
  second_approver_required: 'This approval needs a second, different reviewer',
  no_question_pending: 'The bank has no question waiting for an answer on this application',
  internal_error: 'Something went wrong on our side',
  not_ready: 'The service is not ready',
  request_timeout: 'The request took too long to arrive',
  too_many_connections: 'Too many open connections from this client',
  handoff_already_claimed: 'Another agent already took this hand-off',
  handoff_not_claimed: 'You have not claimed this hand-off',
  handoff_closed: 'The hand-off is closed',
  handoff_abandoned: 'The user left this hand-off',
  handoff_role_not_allowed: 'Only the agent role takes over hand-offs',
  message_empty: 'The message is empty',
  message_too_long: 'The message is too long',
  invalid_last_event_id: 'Last-Event-ID is not an event id of this stream',
  invalid_grant: 'The agent grant token is not valid',
  grant_revoked: 'The agent grant was revoked',
  grant_expired: 'The agent grant has expired',
  grant_tool_not_allowed: 'The agent grant does not include this tool',
  grant_amount_exceeded: 'The amount is above the agent grant’s cap',
  grant_scenario_mismatch: 'The call is outside the agent grant’s scenario',
};
