import type {
  Application,
  ApplicationStatus,
  CurrencyCode,
  DecisionRecord,
  DisclosureReceipt,
  EmbedSessionClaims,
  HumanHandoff,
  RecordedSignal,
  Scenario,
  Signal,
  Signals,
} from '@finlet/contracts';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { ApplicationIndexColumns } from './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The columns the inbox filters on, lifted out of the application's JSON body. */
export function applicationIndexColumns(application: Application): ApplicationIndexColumns {
  return {
    status: application.status,
    offer_id: application.offerId,
    offer_version: application.offerVersion,
    scenario: null,
    amount_value: application.amount?.value ?? null,
    amount_currency: application.amount?.currency ?? null,
    search_name: `${application.applicant.name} ${application.applicant.businessName ?? ''}`.toLowerCase(),
    updated_at: application.updatedAt,
  };
}

/** What was asserted about the applicant when they submitted: kept, never rebuilt from today's data. */
export interface SubmissionSnapshot {
  applicationId: string;
  scenario: Scenario;
  sessionId: string;
  sessionIssuedAt: string;
  sessionSignals: Signals;
  partnerSignals: RecordedSignal[];
  submittedAt: string;
}

export interface InboxRow {
  application: Application;
  scenario: Scenario | null;
}

export interface InboxFilter {
  status?: ApplicationStatus | undefined;
  partnerId?: string | undefined;
  scenario?: Scenario | undefined;
  offerId?: string | undefined;
  submittedFrom?: string | undefined;
  submittedTo?: string | undefined;
  currency?: CurrencyCode | undefined;
  amountMin?: number | undefined;
  amountMax?: number | undefined;
  q?: string | undefined;
  /** Whether `q` may match names (only for roles that see them whole). */
  searchNames: boolean;
  /** Keyset: the last row of the previous page. */
  after?: { submittedAt: string; id: string } | undefined;
  limit: number;
}

/** One aggregate the database returns: per group, step and currency. */
export interface FunnelAggregate {
  day: string | null;
  partnerId: string;
  scenario: string | null;
  offerId: string;
  step: string;
  users: number;
  events: number;
  amountValue: number | null;
  amountCurrency: string | null;
}

const parse = <T>(text: string): T => JSON.parse(text) as T;

/** `%` and `_` in a search term are literal text, not wildcards. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (m) => `\\${m}`);

/** The bank workspace's reads and writes: the inbox, submission snapshots, decisions, the funnel. */
export class KyselyWorkspaceStore {
  constructor(private readonly db: Db) {}

  /** Keeps what the session and the partner's server had asserted at submission time. */
  async recordSubmission(application: Application, session: EmbedSessionClaims): Promise<void> {
    const rows = await this.db
      .selectFrom('signals')
      .select(['body', 'received_at'])
      .where('partner_id', '=', application.partnerId)
      .where('user_id', '=', application.userId)
      .where('received_at', '<=', application.createdAt)
      .orderBy('occurred_at')
      .orderBy('id')
      .limit(500)
      .execute();
    const partnerSignals: RecordedSignal[] = rows.map((r) => ({
      signal: parse<Signal>(r.body),
      receivedAt: r.received_at,
    }));
    await this.db
      .insertInto('application_submissions')
      .values({
        application_id: application.id,
        partner_id: application.partnerId,
        user_id: application.userId,
        scenario: session.scn,
        session_id: session.jti,
        session_issued_at: new Date(session.iat * 1000).toISOString(),
        session_signals: JSON.stringify(session.sig ?? {}),
        partner_signals: JSON.stringify(partnerSignals),
        submitted_at: application.createdAt,
      })
      .execute();
    await this.db
      .updateTable('applications')
      .set({ scenario: session.scn })
      .where('id', '=', application.id)
      .execute();
    await this.insertFunnelEvent({
      id: `fnl_${application.id.slice(4)}`,
      partnerId: application.partnerId,
      userId: application.userId,
      scenario: session.scn,
      offerId: application.offerId,
      step: 'submitted',
      at: new Date(application.createdAt),
      amount: application.amount,
    });
  }

  async submission(applicationId: string): Promise<SubmissionSnapshot | undefined> {
    const row = await this.db
      .selectFrom('application_submissions')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    return (
      row && {
        applicationId: row.application_id,
        scenario: row.scenario as Scenario,
        sessionId: row.session_id,
        sessionIssuedAt: row.session_issued_at,
        sessionSignals: parse<Signals>(row.session_signals),
        partnerSignals: parse<RecordedSignal[]>(row.partner_signals),
        submittedAt: row.submitted_at,
      }
    );
  }

  /** Newest first by (submitted, id); a page starts strictly after `after`, so inserts never shift it. */
  async inbox(filter: InboxFilter): Promise<InboxRow[]> {
    let query = this.db.selectFrom('applications').select(['body', 'scenario']);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.partnerId) query = query.where('partner_id', '=', filter.partnerId);
    if (filter.scenario) query = query.where('scenario', '=', filter.scenario);
    if (filter.offerId) query = query.where('offer_id', '=', filter.offerId);
    if (filter.submittedFrom) query = query.where('created_at', '>=', filter.submittedFrom);
    if (filter.submittedTo) query = query.where('created_at', '<', filter.submittedTo);
    if (filter.currency) query = query.where('amount_currency', '=', filter.currency);
    if (filter.amountMin !== undefined) query = query.where('amount_value', '>=', filter.amountMin);
    if (filter.amountMax !== undefined) query = query.where('amount_value', '<=', filter.amountMax);
    if (filter.q) {
      const q = filter.q;
      const pattern = `%${likeEscape(q.toLowerCase())}%`;
      query = query.where((eb) =>
        filter.searchNames
          ? eb.or([eb('id', '=', q), sql<boolean>`search_name LIKE ${pattern} ESCAPE '\\'`])
          : eb('id', '=', q),
      );
    }
    const after = filter.after;
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', after.submittedAt),
          eb.and([eb('created_at', '=', after.submittedAt), eb('id', '<', after.id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .execute();
    return rows.map((r) => ({
      application: parse<Application>(r.body),
      scenario: r.scenario as Scenario | null,
    }));
  }

  /** Receipts of an offer's disclosures shown to one user up to `until` (evidence: append-only), oldest first. */
  async disclosuresShown(
    partnerId: string,
    userId: string,
    offerId: string,
    until: string,
  ): Promise<DisclosureReceipt[]> {
    const rows = await this.db
      .selectFrom('disclosure_receipts')
      .selectAll()
      .where('partner_id', '=', partnerId)
      .where('user_id', '=', userId)
      .where('offer_ids', 'like', `% ${offerId} %`)
      .where('shown_at', '<=', until)
      .orderBy('shown_at')
      .orderBy('id')
      .limit(100)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      partnerId: row.partner_id,
      userId: row.user_id,
      surface: row.surface as DisclosureReceipt['surface'],
      locale: row.locale as DisclosureReceipt['locale'],
      shownAt: row.shown_at,
      offers: parse<DisclosureReceipt['offers']>(row.offers).filter((o) => o.id === offerId),
    }));
  }

  /** The user's latest hand-off to a person up to `until`, if any. */
  async latestHandoff(partnerId: string, userId: string, until: string): Promise<HumanHandoff | undefined> {
    const row = await this.db
      .selectFrom('human_handoffs')
      .select('body')
      .where('partner_id', '=', partnerId)
      .where('user_id', '=', userId)
      .where('created_at', '<=', until)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row && parse<HumanHandoff>(row.body);
  }

  async scenarioOf(applicationId: string): Promise<Scenario | null> {
    const row = await this.db
      .selectFrom('applications')
      .select('scenario')
      .where('id', '=', applicationId)
      .executeTakeFirst();
    return (row?.scenario ?? null) as Scenario | null;
  }

  /** Appends after the file's last decision; the unique position refuses a concurrent second append. */
  async insertDecision(applicationId: string, record: DecisionRecord): Promise<void> {
    const last = await this.db
      .selectFrom('application_decisions')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    await this.db
      .insertInto('application_decisions')
      .values({
        id: record.id,
        application_id: applicationId,
        seq: Number(last?.seq ?? 0) + 1,
        kind: record.kind,
        status: record.status,
        actor_id: record.by.id,
        actor_name: record.by.name,
        actor_role: record.by.role,
        at: record.at,
        body: JSON.stringify({
          question: record.question,
          reasonCodes: record.reasonCodes,
          approvedTerms: record.approvedTerms,
        }),
      })
      .execute();
  }

  /** Oldest first. */
  async decisions(applicationId: string): Promise<DecisionRecord[]> {
    const rows = await this.db
      .selectFrom('application_decisions')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('seq')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      status: row.status,
      by: { id: row.actor_id, name: row.actor_name, role: row.actor_role },
      at: row.at,
      ...parse<Pick<DecisionRecord, 'question' | 'reasonCodes' | 'approvedTerms'>>(row.body),
    }));
  }

  async insertFunnelEvent(event: {
    id: string;
    partnerId: string;
    userId: string;
    scenario: Scenario | null;
    offerId: string;
    step: string;
    at: Date;
    amount?: { value: number; currency: string } | null | undefined;
  }): Promise<void> {
    await this.db
      .insertInto('funnel_events')
      .values({
        id: event.id,
        at: event.at.toISOString(),
        partner_id: event.partnerId,
        user_id: event.userId,
        scenario: event.scenario,
        offer_id: event.offerId,
        step: event.step,
        amount_value: event.amount?.value ?? null,
        amount_currency: event.amount?.currency ?? null,
      })
      .execute();
  }
}
