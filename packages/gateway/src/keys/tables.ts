/** Row shapes of the table added by migration `0008_key_lifecycle` (merged into `Database`). */
export interface KeyTables {
  partner_keys: {
    /** The key id: the public middle part of `fsk_<id>_<secret>`. */
    id: string;
    partner_id: string;
    /** SHA-256 (hex) of the whole secret key. */
    key_hash: string;
    created_at: string;
    /** Set when a rotation replaced the key: it works until then. */
    expires_at: string | null;
    revoked_at: string | null;
  };
}
