import type { Application, EmbedSessionClaims } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import { unique } from '../storage/errors.js';
import { json, parse } from '../storage/json.js';
import type { Database } from '../storage/schema.js';
import type { KyselyFunnelRollupStore } from '../workspace/funnel-rollup-store.js';
import { applicationIndexColumns, KyselyWorkspaceStore } from '../workspace/store.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The application plus the parts never returned whole (the full ID number is stored for the bank only). */
export interface ApplicationRecord {
  application: Application;
  /** Full resident ID number when given (sensitive; the API returns only the masked form). */
  idNumber: string | null;
  /** The session it was submitted in: what it asserted is kept with the application. */
  session?: EmbedSessionClaims;
}

export interface ApplicationStore {
  insert(record: ApplicationRecord): Promise<void>;
  get(partnerId: string, id: string): Promise<ApplicationRecord | undefined>;
  listForUser(partnerId: string, userId: string): Promise<Application[]>;
  /** Any partner's application (for the bank's own staff). */
  find(id: string): Promise<ApplicationRecord | undefined>;
  /** Replaces the stored application if its status is still `expectedStatus`; false when it changed first. */
  update(application: Application, expectedStatus: Application['status']): Promise<boolean>;
}

export class KyselyApplicationStore implements ApplicationStore {
  constructor(
    private readonly db: Db,
    /** Counts a submission in the funnel's daily rollups, in the same transaction as the row. */
    private readonly funnel?: KyselyFunnelRollupStore,
  ) {}

  async insert({ application, idNumber, session }: ApplicationRecord): Promise<void> {
    await unique(
      this.db
        .insertInto('applications')
        .values({
          id: application.id,
          partner_id: application.partnerId,
          user_id: application.userId,
          created_at: application.createdAt,
          body: json(application),
          id_number: idNumber,
          ...applicationIndexColumns(application),
        })
        .execute(),
      `application ${application.id}`,
    );
    if (session) {
      await new KyselyWorkspaceStore(this.db).recordSubmission(application, session);
      await this.funnel?.count({
        partnerId: application.partnerId,
        userId: application.userId,
        scenario: session.scn,
        offerId: application.offerId,
        step: 'submitted',
        at: new Date(application.createdAt),
      });
    }
  }

  async get(partnerId: string, id: string): Promise<ApplicationRecord | undefined> {
    const row = await this.db
      .selectFrom('applications')
      .select(['body', 'id_number'])
      .where('partner_id', '=', partnerId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { application: parse<Application>(row.body), idNumber: row.id_number };
  }

  async listForUser(partnerId: string, userId: string): Promise<Application[]> {
    return (
      await this.db
        .selectFrom('applications')
        .select('body')
        .where('partner_id', '=', partnerId)
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    ).map((r) => parse<Application>(r.body));
  }

  async find(id: string): Promise<ApplicationRecord | undefined> {
    const row = await this.db
      .selectFrom('applications')
      .select(['body', 'id_number'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { application: parse<Application>(row.body), idNumber: row.id_number };
  }

  async update(application: Application, expectedStatus: Application['status']): Promise<boolean> {
    // The status lives in the JSON body; compare-and-set on the body read under the same status.
    const current = await this.db
      .selectFrom('applications')
      .select('body')
      .where('id', '=', application.id)
      .where('partner_id', '=', application.partnerId)
      .executeTakeFirst();
    if (!current || parse<Application>(current.body).status !== expectedStatus) return false;
    const result = await this.db
      .updateTable('applications')
      .set({ body: json(application), status: application.status, updated_at: application.updatedAt })
      .where('id', '=', application.id)
      .where('partner_id', '=', application.partnerId)
      .where('body', '=', current.body)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
