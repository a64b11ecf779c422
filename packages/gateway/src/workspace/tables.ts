import type { ApplicationStatus, DecisionRecord } from '@finlet/contracts';

/** Row shapes of the tables migration `0011_bank_workspace` adds (merged into `Database`). */
export interface WorkspaceTables {
  /** What the session and the partner's server had asserted when the application was submitted. */
  application_submissions: {
    application_id: string;
    partner_id: string;
    user_id: string;
    scenario: string;
    session_id: string;
    session_issued_at: string;
    /** JSON of the session's `sig` claims. */
    session_signals: string;
    /** JSON of the partner-sent signals on record for the user then, oldest first. */
    partner_signals: string;
    submitted_at: string;
  };
  /** Every decision and pending four-eyes approval, append-only. */
  application_decisions: {
    id: string;
    application_id: string;
    seq: number;
    kind: DecisionRecord['kind'];
    status: DecisionRecord['status'];
    actor_id: string;
    actor_name: string;
    actor_role: string;
    at: string;
    /** JSON of the decision's details (question, reasons, approved terms). */
    body: string;
  };
  /** One row per step of the acquisition funnel, written when the step happens. */
  funnel_events: {
    id: string;
    at: string;
    partner_id: string;
    user_id: string;
    scenario: string | null;
    offer_id: string;
    step: string;
    amount_value: number | null;
    amount_currency: string | null;
  };
}

/** Columns 0011 adds to `applications`, so the inbox filters and pages in SQL. */
export interface ApplicationIndexColumns {
  status: ApplicationStatus | null;
  offer_id: string | null;
  offer_version: number | null;
  scenario: string | null;
  amount_value: number | null;
  amount_currency: string | null;
  /** Lower-cased applicant and business names, for `q`. */
  search_name: string | null;
  updated_at: string | null;
}
