import { z } from 'zod';
import { ChatPart } from './chat.js';
import { Locale, Scenario, Slug, Timestamp } from './common.js';
import { OfferMatch, OfferMatchResult } from './match.js';
import { Money } from './money.js';
import { NudgeList } from './nudges.js';
import { ProductType, PublicOffer } from './offer.js';
import { RouteQuote, RouteQuoteRequest } from './rails.js';
import { PartnerUserId } from './session.js';

/**
 * The tools an AI agent may call through the MCP server. Every one reads, except
 * `start_application`, which still submits nothing: it drafts a confirmation the user completes.
 */
export const AgentToolName = z
  .enum(['ask_advisor', 'match_offers', 'explain_offer', 'quote_route', 'list_nudges', 'start_application'])
  .meta({ id: 'AgentToolName' });
export type AgentToolName = z.infer<typeof AgentToolName>;
export const AGENT_TOOL_NAMES = AgentToolName.options;

/** Longest an agent grant lives: one hour. */
export const AGENT_GRANT_MAX_SECONDS = 3600;

export const AgentGrantId = z
  .string()
  .regex(/^agr_[A-Za-z0-9]{24}$/)
  .meta({ id: 'AgentGrantId' });

export const AgentGrantParams = z.object({ id: AgentGrantId });

export const AgentGrantCreate = z
  .strictObject({
    sessionToken: z.string().min(1).max(8192).meta({
      description:
        'The user’s live embed-session token (from `POST /v1/embed-sessions`), minted for this partner.',
    }),
    tools: z
      .array(AgentToolName)
      .min(1)
      .max(AGENT_TOOL_NAMES.length)
      .refine((tools) => new Set(tools).size === tools.length, 'must not repeat a tool'),
    amountCap: Money.meta({
      description: 'No tool call may name a larger amount (nor an amount in another currency).',
    }),
    scenario: Scenario.meta({
      description: 'Must be the session’s scenario; calls naming another are refused.',
    }),
    expiresInSeconds: z.int().min(60).max(AGENT_GRANT_MAX_SECONDS).default(900),
    agentName: z.string().trim().min(1).max(80).meta({
      description: 'What the user sees in the list of grants, e.g. the assistant’s product name.',
    }),
    confirmUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional()
      .meta({
        description:
          'The partner page hosting `<finlet-apply>`; `start_application` links there with `finlet_offer` and `finlet_draft` query parameters. Must be on one of the partner’s origins.',
      }),
  })
  .meta({ id: 'AgentGrantCreate' });
export type AgentGrantCreate = z.input<typeof AgentGrantCreate>;

export const AgentGrantStatus = z.enum(['active', 'revoked', 'expired']).meta({ id: 'AgentGrantStatus' });
export type AgentGrantStatus = z.infer<typeof AgentGrantStatus>;

export const AgentGrant = z
  .object({
    id: AgentGrantId,
    userId: PartnerUserId,
    agentName: z.string(),
    scenario: Scenario,
    tools: z.array(AgentToolName),
    amountCap: Money,
    status: AgentGrantStatus,
    createdAt: Timestamp,
    expiresAt: Timestamp,
    revokedAt: Timestamp.nullable(),
    revokedBy: z.enum(['partner', 'user']).nullable(),
  })
  .meta({ id: 'AgentGrant' });
export type AgentGrant = z.infer<typeof AgentGrant>;

export const AgentGrantCreated = AgentGrant.extend({
  token: z.string().meta({
    description:
      'Bearer token for the MCP client (`Authorization: Bearer <token>` on `/mcp`). Shown once; only its hash is stored.',
  }),
}).meta({ id: 'AgentGrantCreated' });
export type AgentGrantCreated = z.infer<typeof AgentGrantCreated>;

export const AgentGrantList = z.object({ grants: z.array(AgentGrant) }).meta({ id: 'AgentGrantList' });
export type AgentGrantList = z.infer<typeof AgentGrantList>;

// ---- Tool inputs and outputs (MCP `inputSchema` / `outputSchema`) ----

const scenarioArg = Scenario.optional().meta({
  description: 'The scenario the agent acts in; must be the grant’s (omit to use it).',
});

export const AskAdvisorInput = z.strictObject({
  question: z.string().trim().min(1).max(2000),
  locale: Locale.optional(),
  scenario: scenarioArg,
});
export const AskAdvisorOutput = z.object({
  answer: z.string().meta({ description: 'The answer’s text; `[n]` marks refer to `citations`.' }),
  citations: z.array(
    z.object({
      ref: z.int().min(1),
      sourceKind: z.enum(['document', 'offer']),
      id: z.string(),
      version: z.int().min(1),
      title: z.string(),
      passage: z.string(),
    }),
  ),
  parts: z.array(ChatPart),
  conversationId: z.string().nullable(),
});
export type AskAdvisorOutput = z.infer<typeof AskAdvisorOutput>;

export const MatchOffersInput = z.strictObject({
  amount: Money.optional(),
  termMonths: z.int().min(1).max(360).optional(),
  productTypes: z.array(ProductType).max(20).optional(),
  limit: z.int().min(1).max(20).optional(),
  scenario: scenarioArg,
});
export const MatchOffersOutput = OfferMatchResult;

export const ExplainOfferInput = z.strictObject({
  offerId: Slug,
  amount: Money.optional(),
  termMonths: z.int().min(1).max(360).optional(),
  scenario: scenarioArg,
});
export const ExplainOfferOutput = z.object({
  offerId: z.string(),
  match: OfferMatch.nullable().meta({
    description: 'Every criterion and check with what was observed; null when the offer is not published.',
  }),
});
export type ExplainOfferOutput = z.infer<typeof ExplainOfferOutput>;

export const QuoteRouteInput = z.strictObject({
  ...RouteQuoteRequest.shape,
  scenario: scenarioArg,
});

export const QuoteRouteOutput = RouteQuote;

export const ListNudgesInput = z.strictObject({ scenario: scenarioArg });
export const ListNudgesOutput = NudgeList;

export const StartApplicationInput = z.strictObject({
  offerId: Slug,
  amount: Money,
  termMonths: z.int().min(1).max(360).optional(),
  purpose: z.string().trim().max(200).optional(),
  idempotencyKey: z
    .string()
    .min(8)
    .max(128)
    .regex(/^[\x21-\x7e]+$/)
    .optional()
    .meta({
      description:
        'A retry with the same key returns the same draft (the `Idempotency-Key` header works too).',
    }),
  scenario: scenarioArg,
});

/** What `start_application` answers: nothing is submitted; the user confirms in `<finlet-apply>`. */
export const ApplicationConfirmation = z
  .object({
    draftId: z.string(),
    submitted: z.literal(false),
    status: z.literal('awaiting_user_confirmation'),
    offer: PublicOffer.pick({ id: true, version: true, texts: true }),
    amount: Money,
    termMonths: z.int().nullable(),
    purpose: z.string().nullable(),
    confirmUrl: z.string().nullable().meta({
      description: 'The partner page that opens `<finlet-apply>` pre-filled; null when the grant names none.',
    }),
    element: z.object({
      tag: z.literal('finlet-apply'),
      attributes: z.record(z.string(), z.string()),
    }),
    createdAt: Timestamp,
  })
  .meta({ id: 'ApplicationConfirmation' });
export type ApplicationConfirmation = z.infer<typeof ApplicationConfirmation>;
export const StartApplicationOutput = ApplicationConfirmation;

/** Each tool's schemas: the MCP server and the gateway's grant checks read the same ones. */
export const AGENT_TOOLS = {
  ask_advisor: { input: AskAdvisorInput, output: AskAdvisorOutput },
  match_offers: { input: MatchOffersInput, output: MatchOffersOutput },
  explain_offer: { input: ExplainOfferInput, output: ExplainOfferOutput },
  quote_route: { input: QuoteRouteInput, output: QuoteRouteOutput },
  list_nudges: { input: ListNudgesInput, output: ListNudgesOutput },
  start_application: { input: StartApplicationInput, output: StartApplicationOutput },
} as const satisfies Record<AgentToolName, { input: z.ZodObject; output: z.ZodObject }>;

export type AgentToolInput<T extends AgentToolName> = z.output<(typeof AGENT_TOOLS)[T]['input']>;
export type AgentToolOutput<T extends AgentToolName> = z.output<(typeof AGENT_TOOLS)[T]['output']>;
