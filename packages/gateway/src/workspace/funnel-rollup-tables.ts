/** Row shapes of the tables migration `0020_funnel_rollups` adds (merged into `Database`). */
export interface FunnelRollupTables {
  /**
   * One row per day (in the bank's zone) × partner × scenario × offer × step × currency: what the
   * funnel reads. `scenario` and `currency` are '' for none, so they can be part of the key.
   */
  funnel_daily: {
    day: string;
    partner_id: string;
    scenario: string;
    offer_id: string;
    step: string;
    currency: string;
    /** Distinct users that day (people steps only; 0 otherwise). */
    users: number;
    events: number;
    /** Sum of amounts in minor units (approvals only; 0 otherwise). */
    amount: number;
  };
  /** Who was already counted on a day for a group and step: makes the daily distinct count incremental. */
  funnel_daily_users: {
    day: string;
    partner_id: string;
    scenario: string;
    offer_id: string;
    step: string;
    user_id: string;
  };
  /** Each decided application's current outcome as counted in `funnel_daily`, so a re-decision moves it. */
  funnel_outcomes: {
    application_id: string;
    day: string;
    partner_id: string;
    scenario: string;
    offer_id: string;
    step: string;
    currency: string;
    amount: number;
  };
}
