/** `warn` does not fail the run; `skip` says what input would run the check. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  /** Stable, for `--json` readers: `gateway`, `ready`, `secret-key`, `origin`, `clock`, `csp-script`, … */
  id: string;
  status: CheckStatus;
  /** What was found, in plain words. */
  message: string;
  /** What to do about it, when it is not a pass. */
  fix?: string;
}
