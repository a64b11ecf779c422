import {
  type AgentToolName,
  type ApplicationConfirmation,
  type AskAdvisorOutput,
  type ChatPart,
  type EmbedSessionCreate,
  type ExplainOfferOutput,
  formatMinor,
  type Money,
  PROBLEM_TITLES,
  Problem,
  PublicOffer,
} from '@finlet/contracts';
import { checkRiskLevel, investorLevelFrom } from '@finlet/engine';
import type { FinletMcpBackend, ToolCallContext, ToolCallResult } from '@finlet/mcp';
import type { z } from 'zod';
import { mintSessionToken } from '../auth/sessions.js';
import { recordShownOffers } from '../disclosures/receipts.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';
import { newId } from '../internal/ids.js';
import { overrideContext } from '../suitability-overrides/routes.js';
import { grantIdOf, grantRefusal, grantTokenMatches } from './grants.js';
import type { AgentGrantRecord } from './store.js';

type Fetch = (request: Request) => Promise<Response>;

/** Shortest life left on a cached internal session before a fresh one is minted. */
const TOKEN_MARGIN_MS = 30_000;
const INTERNAL_SESSION_SECONDS = 300;

function problemOf(error: HttpProblem, requestId: string): Problem {
  return error.toProblem(requestId);
}

/**
 * Server-Sent Events of the advice chat, back to the parts of the answer that stands: a `replace`
 * withdraws every part before it (a model's answer that failed a check after some of it streamed).
 */
export function sseParts(text: string): ChatPart[] {
  let parts: ChatPart[] = [];
  for (const block of text.split('\n\n')) {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6))
      .join('\n');
    if (!data) continue;
    const part = JSON.parse(data) as ChatPart;
    if (part.type === 'replace') parts = [];
    else parts.push(part);
  }
  return parts;
}

/**
 * The MCP tools of a gateway, under agent grants. Each call is checked against the grant, then
 * runs through the gateway's own route (the same validation, engine call, storage and rate limits
 * a widget gets) with a short internal session for the grant's user, and is audited with the
 * grant id, whatever its outcome.
 */
export class AgentTools {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly deps: GatewayDeps,
    private readonly fetch: Fetch,
    private readonly documents: () => Promise<
      FinletMcpBackend['listDocuments'] extends () => Promise<infer D> ? D : never
    >,
  ) {}

  /** The backend for a bearer grant token; `invalid_grant` when the token names no grant. */
  async open(token: string): Promise<FinletMcpBackend & { grantId: string }> {
    const id = grantIdOf(token);
    const grant = id ? await this.deps.store.agentGrants.get(id) : undefined;
    if (!grant || !grantTokenMatches(token, grant.tokenHash)) {
      throw new HttpProblem('invalid_grant', {
        detail: 'The agent grant token is unknown. Ask the partner for a grant (POST /v1/agent-grants).',
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      });
    }
    const partner = await this.deps.partners.get(grant.partnerId);
    if (partner?.status !== 'active') {
      throw new HttpProblem('partner_disabled', { detail: 'The partner of this grant is disabled.' });
    }
    return {
      grantId: grant.id,
      callTool: (name, input, context) => this.call(grant.id, name, input, context),
      listOffers: async () =>
        (await this.deps.publishedOffers.list()).map((offer) => PublicOffer.parse(offer)),
      listDocuments: () => this.documents(),
    };
  }

  private async call(
    grantId: string,
    tool: AgentToolName,
    input: Record<string, unknown>,
    context: ToolCallContext,
  ): Promise<ToolCallResult> {
    const requestId = context.requestId ?? `req_${newId('mcp').slice(4)}`;
    const now = this.deps.clock();
    // Read again on every call: a revocation holds from the next call on, on every instance.
    const grant = await this.deps.store.agentGrants.get(grantId);
    let result: ToolCallResult;
    let outcome: 'ok' | 'refused' | 'failed';
    const refusal = grant ? grantRefusal(grant, tool, input, now) : new HttpProblem('invalid_grant');
    if (refusal || !grant) {
      result = { ok: false, problem: problemOf(refusal ?? new HttpProblem('invalid_grant'), requestId) };
      outcome = 'refused';
    } else {
      try {
        result = { ok: true, output: await this.run(grant, tool, input, context, requestId) };
        outcome = 'ok';
      } catch (error) {
        if (!(error instanceof ToolFailure)) throw error;
        result = { ok: false, problem: error.problem };
        outcome = 'failed';
      }
    }
    await this.deps.store.agentGrants.recordCall({
      id: newId('agc'),
      grantId,
      partnerId: grant?.partnerId ?? '',
      tool,
      at: now.toISOString(),
      outcome,
      code: result.ok ? null : result.problem.code,
      requestId,
    });
    return result;
  }

  private async sessionToken(grant: AgentGrantRecord): Promise<string> {
    const now = this.deps.clock();
    const cached = this.tokens.get(grant.id);
    if (cached && cached.expiresAt - TOKEN_MARGIN_MS > now.getTime()) return cached.token;
    const input: z.output<typeof EmbedSessionCreate> = {
      userId: grant.userId,
      scenario: grant.scenario,
      ...(grant.session.sig ? { signals: grant.session.sig } : {}),
      ...(grant.session.pre ? { prefill: grant.session.pre as never } : {}),
      ...(grant.session.loc ? { locale: grant.session.loc } : {}),
      ttlSeconds: INTERNAL_SESSION_SECONDS,
    };
    const minted = await mintSessionToken(this.deps.sessions, grant.partnerId, input, now);
    if (this.tokens.size > 10_000) this.tokens.clear();
    this.tokens.set(grant.id, { token: minted.token, expiresAt: minted.expiresAt.getTime() });
    return minted.token;
  }

  /** One call of the gateway's own route for the grant's user. */
  private async route(
    grant: AgentGrantRecord,
    method: 'GET' | 'POST',
    path: string,
    requestId: string,
    body?: unknown,
  ): Promise<Response> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${await this.sessionToken(grant)}`,
      'x-request-id': requestId,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.fetch(
      new Request(`http://gateway.internal${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
    );
    if (!response.ok) {
      const parsed = Problem.safeParse(await response.json().catch(() => undefined));
      throw new ToolFailure(
        parsed.success
          ? parsed.data
          : {
              type: '',
              title: PROBLEM_TITLES.internal_error,
              status: response.status,
              code: 'internal_error',
              requestId,
            },
      );
    }
    return response;
  }

  private async run(
    grant: AgentGrantRecord,
    tool: AgentToolName,
    input: Record<string, unknown>,
    context: ToolCallContext,
    requestId: string,
  ): Promise<Record<string, unknown>> {
    const { scenario: _scenario, ...args } = input;
    switch (tool) {
      case 'ask_advisor': {
        const response = await this.route(grant, 'POST', '/v1/chat/messages', requestId, {
          text: args.question,
          ...(args.locale ? { locale: args.locale } : {}),
        });
        const parts = sseParts(await response.text());
        const output: AskAdvisorOutput = {
          answer: parts.flatMap((p) => (p.type === 'text' ? [p.delta] : [])).join(''),
          citations: parts.flatMap((p) =>
            p.type === 'citation'
              ? [
                  {
                    ref: p.ref,
                    sourceKind: p.sourceKind,
                    id: p.id,
                    version: p.version,
                    title: p.title,
                    passage: p.passage,
                  },
                ]
              : [],
          ),
          parts: parts.filter((p) => p.type !== 'done'),
          conversationId: parts.flatMap((p) => (p.type === 'done' ? [p.conversationId] : []))[0] ?? null,
        };
        return output;
      }
      case 'match_offers': {
        const response = await this.route(grant, 'POST', '/v1/offers/match', requestId, args);
        const result = (await response.json()) as { matches?: { offer: { id: string; version: number } }[] };
        await this.recordShown(grant, result.matches?.map((m) => m.offer) ?? []);
        return result as Record<string, unknown>;
      }
      case 'explain_offer': {
        const { offerId, ...wish } = args as { offerId: string; amount?: Money; termMonths?: number };
        const response = await this.route(grant, 'POST', '/v1/offers/match', requestId, {
          ...wish,
          includeIneligible: true,
          limit: 50,
        });
        const result = (await response.json()) as { matches: ExplainOfferOutput['match'][] };
        const output: ExplainOfferOutput = {
          offerId,
          match: result.matches.find((m) => m?.offer.id === offerId) ?? null,
        };
        if (output.match) await this.recordShown(grant, [output.match.offer]);
        return output;
      }
      case 'quote_route': {
        const response = await this.route(grant, 'POST', '/v1/routes/quote', requestId, args);
        return (await response.json()) as Record<string, unknown>;
      }
      case 'list_nudges': {
        const response = await this.route(grant, 'GET', '/v1/nudges', requestId);
        return (await response.json()) as Record<string, unknown>;
      }
      case 'start_application':
        return this.draft(grant, args as unknown as StartArgs, context, requestId);
    }
  }

  /**
   * Offers an agent's tool result put in front of the user: their disclosures (a wealth product's
   * risk level, warning and past-performance wording) are kept as a receipt, as a widget's are.
   */
  private async recordShown(grant: AgentGrantRecord, shown: readonly { id: string; version: number }[]) {
    if (shown.length === 0) return;
    const keys = new Set(shown.map((o) => `${o.id}@${o.version}`));
    const offers = (await this.deps.publishedOffers.list()).filter((o) => keys.has(`${o.id}@${o.version}`));
    await recordShownOffers(this.deps.store, {
      partnerId: grant.partnerId,
      userId: grant.userId,
      surface: 'agent',
      locale: grant.session.loc ?? 'zh-CN',
      offers,
      at: this.deps.clock(),
    });
  }

  /** A confirmation for the user; nothing is submitted. The same key answers the same draft. */
  private async draft(
    grant: AgentGrantRecord,
    args: StartArgs,
    context: ToolCallContext,
    requestId: string,
  ): Promise<ApplicationConfirmation> {
    const key = args.idempotencyKey ?? context.idempotencyKey ?? null;
    if (key !== null) {
      const existing = await this.deps.store.agentGrants.findDraft(grant.id, key);
      if (existing) return existing.body;
    }
    const offer = (await this.deps.publishedOffers.list()).find((o) => o.id === args.offerId);
    if (!offer) {
      throw new ToolFailure(
        new HttpProblem('offer_not_available', { detail: `No published offer ${args.offerId}.` }).toProblem(
          requestId,
        ),
      );
    }
    // An agent never drafts an application for a product above the user's level (or with no
    // assessment), unless the user acknowledged it themselves where the bank's policy allows.
    const risk = checkRiskLevel(
      offer,
      investorLevelFrom(grant.session.sig),
      await overrideContext(
        this.deps.store,
        this.deps.suitabilityOverride,
        grant.partnerId,
        grant.userId,
        offer.id,
      ),
    );
    if (risk?.met === false && risk.code) {
      throw new ToolFailure(
        new HttpProblem(risk.code, {
          detail: risk.reason?.[grant.session.loc ?? 'zh-CN'] ?? risk.code,
        }).toProblem(requestId),
      );
    }
    const now = this.deps.clock();
    const draftId = newId('adr');
    // `<finlet-apply>` reads the amount in major units; the session's prefill fills in the rest.
    const attributes: Record<string, string> = {
      offer: offer.id,
      amount: formatMinor(args.amount),
      ...(args.termMonths !== undefined ? { 'term-months': String(args.termMonths) } : {}),
      ...(args.purpose !== undefined ? { purpose: args.purpose } : {}),
    };
    let confirmUrl: string | null = null;
    if (grant.confirmUrl) {
      const url = new URL(grant.confirmUrl);
      url.searchParams.set('finlet_offer', offer.id);
      url.searchParams.set('finlet_draft', draftId);
      confirmUrl = url.toString();
    }
    const body: ApplicationConfirmation = {
      draftId,
      submitted: false,
      status: 'awaiting_user_confirmation',
      offer: { id: offer.id, version: offer.version, texts: offer.texts },
      amount: args.amount,
      termMonths: args.termMonths ?? null,
      purpose: args.purpose ?? null,
      confirmUrl,
      element: { tag: 'finlet-apply', attributes },
      createdAt: now.toISOString(),
    };
    const stored = await this.deps.store.agentGrants.insertDraft({
      id: draftId,
      grantId: grant.id,
      partnerId: grant.partnerId,
      userId: grant.userId,
      idempotencyKey: key,
      body,
      createdAt: body.createdAt,
    });
    return stored.body;
  }
}

interface StartArgs {
  offerId: string;
  amount: Money;
  termMonths?: number;
  purpose?: string;
  idempotencyKey?: string;
}

/** A tool that ran and answered a problem (not an error of the server). */
class ToolFailure extends Error {
  override readonly name = 'ToolFailure';
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}
