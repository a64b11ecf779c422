import type { Consent } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import { unique } from '../storage/errors.js';
import { json, parse } from '../storage/json.js';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface ConsentStore {
  insert(consent: Consent): Promise<void>;
  get(partnerId: string, id: string): Promise<Consent | undefined>;
  /** Sets status `withdrawn` and `withdrawnAt`; returns the updated consent or undefined if not found. */
  withdraw(partnerId: string, id: string, at: string): Promise<Consent | undefined>;
  listForUser(partnerId: string, userId: string): Promise<Consent[]>;
}

export class KyselyConsentStore implements ConsentStore {
  constructor(private readonly db: Db) {}

  async insert(consent: Consent): Promise<void> {
    await unique(
      this.db
        .insertInto('consents')
        .values({
          id: consent.id,
          partner_id: consent.partnerId,
          user_id: consent.userId,
          status: consent.status,
          expires_at: consent.expiresAt,
          body: json(consent),
        })
        .execute(),
      `consent ${consent.id}`,
    );
  }

  async get(partnerId: string, id: string): Promise<Consent | undefined> {
    const row = await this.db
      .selectFrom('consents')
      .select('body')
      .where('partner_id', '=', partnerId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && parse<Consent>(row.body);
  }

  async withdraw(partnerId: string, id: string, at: string): Promise<Consent | undefined> {
    const current = await this.get(partnerId, id);
    if (!current) return undefined;
    if (current.status === 'withdrawn') return current;
    const withdrawn: Consent = { ...current, status: 'withdrawn', withdrawnAt: at };
    // Compare-and-set on the status: of two concurrent withdrawals the first one's time stands.
    const result = await this.db
      .updateTable('consents')
      .set({ status: 'withdrawn', body: json(withdrawn) })
      .where('partner_id', '=', partnerId)
      .where('id', '=', id)
      .where('status', '=', current.status)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return withdrawn;
    return this.get(partnerId, id);
  }

  async listForUser(partnerId: string, userId: string): Promise<Consent[]> {
    return (
      await this.db
        .selectFrom('consents')
        .select('body')
        .where('partner_id', '=', partnerId)
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute()
    ).map((r) => parse<Consent>(r.body));
  }
}
