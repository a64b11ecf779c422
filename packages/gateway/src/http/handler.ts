import type { OperationId, RouteOf } from '@finlet/contracts';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { GatewayEnv } from './context.js';

export type { OperationId } from '@finlet/contracts';

/** What a schema of the route produces once parsed; `undefined` where the route declares none. */
type Parsed<Route, Part extends 'params' | 'query' | 'body'> = Route extends {
  readonly [P in Part]: infer S extends z.ZodType;
}
  ? z.output<S>
  : undefined;

/**
 * The validated input of an operation, typed from its route in the contracts: path parameters,
 * query and JSON body, each as its zod schema outputs it (`version` a number, defaults applied).
 */
export interface RouteInput<Op extends OperationId> {
  params: Parsed<RouteOf<Op>, 'params'>;
  query: Parsed<RouteOf<Op>, 'query'>;
  body: Parsed<RouteOf<Op>, 'body'>;
}

/**
 * Answers one operation. The gateway has authenticated the caller and validated `input` against
 * the route's schemas before calling it; a handler checks roles, calls the engine or storage, and
 * returns a contract shape.
 *
 * @example
 * const getConsent: Handler<'getConsent'> = async (c, { params }) => {
 *   const consent = await store.consents.get(params.id);
 *   return c.json(consent);
 * };
 */
export type Handler<Op extends OperationId> = (
  c: Context<GatewayEnv>,
  input: RouteInput<Op>,
) => Promise<Response> | Response;

/**
 * One function serving several operations whose inputs share a shape (the five transitions of a
 * versioned resource); it fits `Handler<Op>` of each.
 *
 * @example
 * function transition(action: 'submit' | 'approve'): SharedHandler<'submitOffer' | 'approveOffer'> {
 *   return async (c, { params, body }) => c.json(await workflow.transition(params.id, action, body.comment));
 * }
 */
export type SharedHandler<Ops extends OperationId> = (
  c: Context<GatewayEnv>,
  // Spelled out member by member: compared with each operation's input by shape, not by name.
  input: { [K in keyof RouteInput<Ops>]: RouteInput<Ops>[K] },
) => Promise<Response> | Response;

/** One handler for every operation of the route list: no more, no fewer. */
export type Handlers = { [Op in OperationId]: Handler<Op> };

/**
 * Some of the handlers: what a feature module returns, written as
 * `return { getConsent: async (c, { params }) => … } satisfies FeatureHandlers;`
 * (`satisfies`, not a return type, so the app still sees exactly which operations it has).
 */
export type FeatureHandlers = Partial<Handlers>;

/**
 * `true` when `T` names every operation once and nothing else; app.ts asserts it so a route
 * without a handler, or a handler without a route, fails to compile.
 */
export type Complete<T> = [Exclude<OperationId, keyof T>, Exclude<keyof T, OperationId>] extends [
  never,
  never,
]
  ? true
  : { missing: Exclude<OperationId, keyof T>; extra: Exclude<keyof T, OperationId> };
