import type { Locale, Scenario, SocialPlatform } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { SecretSealer } from '../secrets/sealer.js';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A group bot with its secrets open (they never leave the gateway). */
export interface SocialBotRecord {
  id: string;
  partnerId: string;
  platform: SocialPlatform;
  name: string;
  appId: string;
  appSecret: string;
  verificationToken: string;
  encryptKey: string;
  botOpenId: string;
  apiBase: string;
  continueUrl: string;
  scenario: Scenario;
  locale: Locale;
  createdAt: string;
}

export type MemberChoice = 'opt_out' | 'opt_in';

export interface ContinuationRecord {
  id: string;
  tokenHash: string;
  botId: string;
  partnerId: string;
  memberId: string;
  groupId: string;
  topic: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export class SocialStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: SecretSealer,
  ) {}

  async insertBot(bot: SocialBotRecord): Promise<void> {
    await this.db
      .insertInto('social_bots')
      .values({
        id: bot.id,
        partner_id: bot.partnerId,
        platform: bot.platform,
        name: bot.name,
        app_id: bot.appId,
        app_secret: this.sealer.seal(bot.appSecret, 'social_bots.app_secret'),
        verification_token: this.sealer.seal(bot.verificationToken, 'social_bots.verification_token'),
        encrypt_key: this.sealer.seal(bot.encryptKey, 'social_bots.encrypt_key'),
        bot_open_id: bot.botOpenId,
        api_base: bot.apiBase,
        continue_url: bot.continueUrl,
        scenario: bot.scenario,
        locale: bot.locale,
        created_at: bot.createdAt,
      })
      .execute();
  }

  async getBot(id: string): Promise<SocialBotRecord | undefined> {
    const row = await this.db.selectFrom('social_bots').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.toBot(row);
  }

  async listBots(): Promise<SocialBotRecord[]> {
    const rows = await this.db
      .selectFrom('social_bots')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(500)
      .execute();
    return rows.map((row) => this.toBot(row));
  }

  private toBot(row: Database['social_bots']): SocialBotRecord {
    return {
      id: row.id,
      partnerId: row.partner_id,
      platform: row.platform as SocialPlatform,
      name: row.name,
      appId: row.app_id,
      appSecret: this.sealer.open(row.app_secret, 'social_bots.app_secret'),
      verificationToken: this.sealer.open(row.verification_token, 'social_bots.verification_token'),
      encryptKey: this.sealer.open(row.encrypt_key, 'social_bots.encrypt_key'),
      botOpenId: row.bot_open_id,
      apiBase: row.api_base,
      continueUrl: row.continue_url,
      scenario: row.scenario as Scenario,
      locale: row.locale as Locale,
      createdAt: row.created_at,
    };
  }

  /**
   * Records a nonce or event id as seen; false when it already was (a replay, or a platform retry).
   * The primary key decides, so two instances receiving the same callback cannot both accept it.
   */
  async markSeen(botId: string, kind: 'nonce' | 'event', value: string, at: string): Promise<boolean> {
    const result = await this.db
      .insertInto('social_seen')
      .values({ bot_id: botId, kind, value, seen_at: at })
      .onConflict((oc) => oc.columns(['bot_id', 'kind', 'value']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** Forgets what is older than any callback still accepted (stale ones are refused by time). */
  async purgeSeen(before: string): Promise<void> {
    await this.db.deleteFrom('social_seen').where('seen_at', '<', before).execute();
  }

  async recordChoice(input: {
    botId: string;
    memberId: string;
    choice: MemberChoice;
    groupId: string | null;
    messageId: string | null;
    at: string;
  }): Promise<void> {
    await this.db
      .insertInto('social_member_choices')
      .values({
        bot_id: input.botId,
        member_id: input.memberId,
        choice: input.choice,
        group_id: input.groupId,
        message_id: input.messageId,
        at: input.at,
      })
      .execute();
  }

  /** Every choice of the member, oldest first (what the bank shows when asked). */
  async choices(botId: string, memberId: string): Promise<Array<{ choice: MemberChoice; at: string }>> {
    const rows = await this.db
      .selectFrom('social_member_choices')
      .select(['choice', 'at'])
      .where('bot_id', '=', botId)
      .where('member_id', '=', memberId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({ choice: r.choice as MemberChoice, at: r.at }));
  }

  /** The latest choice holds; a member who never chose is in. */
  async optedOut(botId: string, memberId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('social_member_choices')
      .select('choice')
      .where('bot_id', '=', botId)
      .where('member_id', '=', memberId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.choice === 'opt_out';
  }

  async insertContinuation(record: ContinuationRecord): Promise<void> {
    await this.db
      .insertInto('social_continuations')
      .values({
        id: record.id,
        token_hash: record.tokenHash,
        bot_id: record.botId,
        partner_id: record.partnerId,
        member_id: record.memberId,
        group_id: record.groupId,
        topic: record.topic,
        created_at: record.createdAt,
        expires_at: record.expiresAt,
        used_at: record.usedAt,
      })
      .execute();
  }

  async continuationByHash(tokenHash: string): Promise<ContinuationRecord | undefined> {
    const row = await this.db
      .selectFrom('social_continuations')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        tokenHash: row.token_hash,
        botId: row.bot_id,
        partnerId: row.partner_id,
        memberId: row.member_id,
        groupId: row.group_id,
        topic: row.topic,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        usedAt: row.used_at,
      }
    );
  }

  /** Uses the link once: false when it was used meanwhile or has expired. */
  async useContinuation(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('social_continuations')
      .set({ used_at: at })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
