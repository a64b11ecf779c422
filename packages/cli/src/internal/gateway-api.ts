import {
  type Call,
  createCaller,
  isFinletApiError,
  isFinletError,
  isFinletNetworkError,
  isFinletTimeoutError,
} from '@finlet/client';
import type {
  AdminIdentity,
  EmbedSession,
  EmbedSessionCreate,
  Offer,
  OfferAction,
  OfferContent,
  OfferStatus,
  OperationId,
} from '@finlet/contracts';
import { type AdminClient, createAdminClient, createEmbedSession } from '@finlet/node';
import { CliError } from './errors.js';

const TIMEOUT_MS = 30_000;

/**
 * The gateway calls the CLI makes, over the typed clients of @finlet/node (responses are checked
 * against the contracts there). Every client error becomes one readable CliError.
 */
export class GatewayApi {
  private readonly admin: AdminClient;

  constructor(
    readonly baseUrl: string,
    private readonly credential: string,
  ) {
    this.admin = createAdminClient({ gateway: baseUrl, apiKey: credential, timeout: TIMEOUT_MS });
  }

  me(): Promise<AdminIdentity> {
    return this.wrap(() => this.admin.me());
  }

  /** Every version of an offer, newest first; empty when the offer does not exist. */
  offerVersions(id: string): Promise<Offer[]> {
    return this.wrap(async () => {
      try {
        return await this.admin.offers.versions(id);
      } catch (error) {
        if (isFinletApiError(error) && error.status === 404) return [];
        throw error;
      }
    });
  }

  listOffers(filter: { status?: OfferStatus; scenario?: string } = {}): Promise<Offer[]> {
    return this.wrap(() => this.admin.offers.list(filter));
  }

  createOffer(content: OfferContent): Promise<Offer> {
    return this.wrap(() => this.admin.offers.create(content));
  }

  createOfferVersion(content: OfferContent): Promise<Offer> {
    return this.wrap(() => this.admin.offers.createVersion(content.id, content));
  }

  updateDraft(version: number, content: OfferContent): Promise<Offer> {
    return this.wrap(() => this.admin.offers.updateDraft(content.id, version, content));
  }

  transition(id: string, version: number, action: OfferAction, comment?: string): Promise<Offer> {
    return this.wrap(() => this.admin.offers[action](id, version, comment === undefined ? {} : { comment }));
  }

  createEmbedSession(input: EmbedSessionCreate): Promise<EmbedSession> {
    return this.wrap(() =>
      createEmbedSession({ gateway: this.baseUrl, secretKey: this.credential, timeout: TIMEOUT_MS }, input),
    );
  }

  private async wrap<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toCliError(this.baseUrl, error);
    }
  }
}

/**
 * The admin API by operation id, for the resources @finlet/node has no client for (knowledge
 * documents, rail and FX tables, applications, the bank's webhooks): paths come from the route
 * list, answers are checked against its schemas, and failures become one readable CliError.
 * @example
 * const { endpoints } = await adminCall(gateway, adminKey)('listBankWebhookEndpoints');
 */
export function adminCall(baseUrl: string, apiKey: string): Call<OperationId> {
  return createCaller({
    gateway: baseUrl,
    timeout: TIMEOUT_MS,
    headers: { authorization: `Bearer ${apiKey}` },
    mapError: (error) => toCliError(baseUrl, error),
  });
}

/** Whether a CLI error is the gateway's 404 (the object does not exist). */
export function isNotFound(error: unknown): boolean {
  return error instanceof CliError && isFinletApiError(error.cause) && error.cause.status === 404;
}

export function toCliError(baseUrl: string, error: unknown): unknown {
  if (isFinletApiError(error)) {
    const problem = error.problem;
    const text = problem
      ? `${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`
      : `the gateway answered ${error.status}`;
    const ids = [error.code, error.requestId].filter(Boolean).join(', ');
    return new CliError('gateway_error', `${text}${ids ? ` [${ids}]` : ''}`, { cause: error });
  }
  if (isFinletNetworkError(error) || isFinletTimeoutError(error)) {
    const reason = isFinletTimeoutError(error)
      ? `no answer within ${TIMEOUT_MS / 1000} s`
      : rootReason(error);
    return new CliError(
      'gateway_unreachable',
      `cannot reach the gateway at ${baseUrl} (${reason}); is it running? Set --gateway or FINLET_GATEWAY`,
      { cause: error },
    );
  }
  if (isFinletError(error)) return new CliError('gateway_error', error.message, { cause: error });
  return error;
}

/** The innermost cause's code (ECONNREFUSED, ENOTFOUND…) or message: what a person can act on. */
function rootReason(error: unknown): string {
  let current: unknown = error;
  let reason = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    if ('code' in current && typeof current.code === 'string' && /^E[A-Z]+/.test(current.code))
      return current.code;
    if (current instanceof AggregateError && current.errors[0] instanceof Error) current = current.errors[0];
    else {
      reason = current.message || reason;
      current = current.cause;
    }
  }
  return reason;
}
