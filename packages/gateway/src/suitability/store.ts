import type { RiskAssessment } from '@finlet/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface RiskAssessmentFilter {
  partnerId?: string;
  userId?: string;
  limit: number;
}

/** Users' risk assessments: every read of a user's own takes the partner and the user. */
export interface RiskAssessmentStore {
  insert(assessment: RiskAssessment): Promise<void>;
  /** The user's most recent assessment, expired or not (the newest one supersedes the others). */
  latest(partnerId: string, userId: string): Promise<RiskAssessment | undefined>;
  get(id: string): Promise<RiskAssessment | undefined>;
  /** Newest first. */
  list(filter: RiskAssessmentFilter): Promise<RiskAssessment[]>;
}

const parse = (body: string) => JSON.parse(body) as RiskAssessment;

export class KyselyRiskAssessmentStore implements RiskAssessmentStore {
  constructor(private readonly db: Db) {}

  async insert(a: RiskAssessment): Promise<void> {
    await this.db
      .insertInto('risk_assessments')
      .values({
        id: a.id,
        partner_id: a.partnerId,
        user_id: a.userId,
        assessed_at: a.assessedAt,
        expires_at: a.expiresAt,
        body: JSON.stringify(a),
      })
      .execute();
  }

  async latest(partnerId: string, userId: string): Promise<RiskAssessment | undefined> {
    const row = await this.db
      .selectFrom('risk_assessments')
      .select('body')
      .where('partner_id', '=', partnerId)
      .where('user_id', '=', userId)
      .orderBy('assessed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? parse(row.body) : undefined;
  }

  async get(id: string): Promise<RiskAssessment | undefined> {
    const row = await this.db
      .selectFrom('risk_assessments')
      .select('body')
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? parse(row.body) : undefined;
  }

  async list(filter: RiskAssessmentFilter): Promise<RiskAssessment[]> {
    let query = this.db.selectFrom('risk_assessments').select('body');
    if (filter.partnerId) query = query.where('partner_id', '=', filter.partnerId);
    if (filter.userId) query = query.where('user_id', '=', filter.userId);
    const rows = await query
      .orderBy('assessed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .execute();
    return rows.map((r) => parse(r.body));
  }
}
