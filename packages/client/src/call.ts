import type { OperationId, RouteLine, RouteOf } from '@finlet/contracts';
import type * as routeTable from '@finlet/contracts/route-table';
import type { z } from 'zod';
import { createSend, type HttpOptions, readAnswer, type Schema, unchecked } from './http.js';

/** The schema a route declares for one of its parts, or `undefined` where it declares none. */
type Part<Op extends OperationId, K extends 'params' | 'query' | 'body'> =
  RouteOf<Op> extends {
    readonly [P in K]: infer S extends z.ZodType;
  }
    ? S
    : undefined;

/** Path parameters by name; numbers are written out (`version: 3`), every value is URL-encoded. */
export type RouteParams<Op extends OperationId> =
  Part<Op, 'params'> extends z.ZodType
    ? { readonly [K in keyof z.output<Part<Op, 'params'>>]: string | number }
    : never;

/** The query an operation takes, as its schema accepts it. */
export type RouteQuery<Op extends OperationId> =
  Part<Op, 'query'> extends z.ZodType ? z.input<Part<Op, 'query'>> : never;

/** The JSON body an operation takes, as its schema accepts it. */
export type RouteBody<Op extends OperationId> =
  Part<Op, 'body'> extends z.ZodType ? z.input<Part<Op, 'body'>> : never;

type SuccessStatus = 200 | 201 | 202 | 204;

/**
 * What an operation answers on success, from its route's response schemas (`undefined` for a
 * 204 without a body, `unknown` for an answer the route does not describe, such as a stream).
 */
export type RouteResponse<Op extends OperationId> = {
  [S in keyof RouteOf<Op>['responses'] & SuccessStatus]: RouteOf<Op>['responses'][S] extends {
    readonly schema: infer Z extends z.ZodType;
  }
    ? z.output<Z>
    : S extends 204
      ? undefined
      : unknown;
}[keyof RouteOf<Op>['responses'] & SuccessStatus];

type Optional<T> = Partial<T> extends T ? true : false;

/** One call's input: the route's parts, each required where the route declares it. */
export type CallInput<Op extends OperationId, T = RouteResponse<Op>> = (Part<Op, 'params'> extends z.ZodType
  ? { params: RouteParams<Op> }
  : { params?: never }) &
  (Part<Op, 'query'> extends z.ZodType
    ? Optional<RouteQuery<Op>> extends true
      ? { query?: RouteQuery<Op> }
      : { query: RouteQuery<Op> }
    : { query?: never }) &
  (Part<Op, 'body'> extends z.ZodType ? { body: RouteBody<Op> } : { body?: never }) &
  (RouteOf<Op> extends { readonly idempotencyKey: 'required' | 'optional' }
    ? {
        /** Reused for every retry; a fresh one is generated when the route requires it and none is given. */
        idempotencyKey?: string | undefined;
      }
    : { idempotencyKey?: never }) &
  CallControl<T>;

/** How one call is sent and read, beside the route's own parts. */
export interface CallControl<T> {
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /**
   * Whether a retry can never act twice. By default GET, PUT and DELETE are retried, and a route
   * with an idempotency key; say `true` for a POST that only reads (a match, a quote).
   */
  retry?: boolean;
  /** Checks the answer instead of the caller's default (e.g. `unchecked()` or a narrower schema). */
  schema?: Schema<T>;
}

/** The input argument, optional when the operation needs nothing. */
export type CallArgs<Op extends OperationId, T = RouteResponse<Op>> =
  Optional<CallInput<Op, T>> extends true ? [input?: CallInput<Op, T>] : [input: CallInput<Op, T>];

/** The operation a line of the route table is the line of (method and path together are unique). */
export type OperationOf<L extends RouteLine> = {
  [Op in OperationId]: [L] extends [(typeof routeTable)[Op]]
    ? [(typeof routeTable)[Op]] extends [L]
      ? Op
      : never
    : never;
}[OperationId];

/**
 * Calls the gateway's operations by their operation id: path, method, query, body and
 * idempotency key come from the contracts' route list, the answer is typed from the route's
 * response schema, and an error is a `FinletApiError` whose `code` is a `ProblemCode`.
 *
 * An operation is named by its id (from the caller's table), or by its line of `routeTable`
 * itself: a browser bundle then carries the lines it calls and not their names.
 */
export interface Call<Ops extends OperationId> {
  <Op extends Ops, T extends RouteResponse<Op> = RouteResponse<Op>>(
    operation: Op,
    ...input: CallArgs<Op, T>
  ): Promise<T>;
  <L extends RouteLine, T extends RouteResponse<OperationOf<L>> = RouteResponse<OperationOf<L>>>(
    line: L,
    ...input: CallArgs<OperationOf<L>, T>
  ): Promise<T>;
  /** Sends the same way and hands back the open response (Server-Sent Events), errors already mapped. */
  stream<Op extends Ops>(operation: Op, ...input: CallArgs<Op>): Promise<Response>;
  stream<L extends RouteLine>(line: L, ...input: CallArgs<OperationOf<L>>): Promise<Response>;
}

/** The route lines a caller may call, by operation id (the whole `routeTable`, or a few of its lines). */
export type RouteLines = { readonly [Op in OperationId]?: RouteLine };

export interface CallOptions<Lines extends RouteLines> extends HttpOptions {
  /** The operations callable by id: lines of the contracts' `routeTable` (lines themselves always are). */
  routes?: Lines;
  /** The schema an answer of `operation` with `status` is checked against; unchecked when none. */
  check?: ((operation: OperationId | RouteLine, status: number) => Schema<unknown> | undefined) | undefined;
}

const anything = unchecked<unknown>();

/** A call's input as the implementation reads it (the public signature types it per operation). */
interface LooseInput extends CallControl<unknown> {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  idempotencyKey?: string | undefined;
}

/**
 * The one typed core every Finlet caller goes through (browser client, partner and admin SDKs,
 * CLI, console).
 * @example
 * const call = createCall({ gateway, routes: { getConsent }, auth });
 * const consent = await call('getConsent', { params: { id } });
 * const same = await call(getConsent, { params: { id } });
 */
export function createCall<const Lines extends RouteLines = Record<never, never>>(
  options: CallOptions<Lines>,
): Call<keyof Lines & OperationId> {
  const http = createSend(options);
  const send = (operation: OperationId | RouteLine, input: LooseInput = {}) => {
    // The signature has checked the operation and its parameters: no run-time checks to ship.
    const line = (typeof operation === 'string' ? options.routes?.[operation] : operation) as RouteLine;
    const params = input.params ?? {};
    const key =
      input.idempotencyKey ?? (line.idempotencyKey === 'required' ? crypto.randomUUID() : undefined);
    return http(
      {
        method: line.method,
        path: line.path.replace(/\{(\w+)\}/g, (_: string, name: string) =>
          encodeURIComponent(String(params[name])),
        ),
        body: input.body,
        query: input.query,
        headers: { ...input.headers, ...(key ? { 'idempotency-key': key } : {}) },
        retrySafe: input.retry ?? (line.method !== 'post' || key !== undefined),
        ...(line.simpleRequest ? { simple: true } : {}),
      },
      input.signal,
    );
  };
  const call = async (operation: OperationId | RouteLine, input?: LooseInput) => {
    const response = await send(operation, input);
    return readAnswer(response, input?.schema ?? options.check?.(operation, response.status) ?? anything);
  };
  // The signature types each operation's input; the body reads any of them the same way.
  return Object.assign(call, { stream: send }) as unknown as Call<keyof Lines & OperationId>;
}
