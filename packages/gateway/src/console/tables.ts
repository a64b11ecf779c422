/** Row shapes of the table added by migration `0006_console` (merged into `Database`). */
export interface ConsoleTables {
  console_sessions: {
    /** SHA-256 (hex) of the cookie value; the value itself is never stored. */
    id: string;
    admin_key_id: string;
    csrf_token: string;
    created_at: string;
    last_seen_at: string;
    /** Absolute end of the session. */
    expires_at: string;
    revoked_at: string | null;
  };
}
