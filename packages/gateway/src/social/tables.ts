import type { Generated } from 'kysely';

/** Row shapes of the tables added by migration `0015_social` (merged into `Database`). */
export interface SocialTables {
  social_bots: {
    id: string;
    partner_id: string;
    platform: string;
    name: string;
    app_id: string;
    /** Sealed (`social_bots.app_secret`). */
    app_secret: string;
    /** Sealed (`social_bots.verification_token`). */
    verification_token: string;
    /** Sealed (`social_bots.encrypt_key`). */
    encrypt_key: string;
    bot_open_id: string;
    api_base: string;
    continue_url: string;
    scenario: string;
    locale: string;
    created_at: string;
  };
  social_seen: {
    bot_id: string;
    kind: string;
    value: string;
    seen_at: string;
  };
  social_member_choices: {
    seq: Generated<number>;
    bot_id: string;
    member_id: string;
    /** `opt_out` or `opt_in`. */
    choice: string;
    group_id: string | null;
    message_id: string | null;
    at: string;
  };
  social_continuations: {
    id: string;
    /** SHA-256 (hex) of the link's token; the token itself is never stored. */
    token_hash: string;
    bot_id: string;
    partner_id: string;
    member_id: string;
    group_id: string;
    topic: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
  };
}
