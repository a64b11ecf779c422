import type { Context } from 'hono';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { GatewayEnv } from './context.js';
import type { Complete, FeatureHandlers, Handler, Handlers, RouteInput, SharedHandler } from './handler.js';

// The assertions here are checked by `tsc` (the repository's typecheck): an `@ts-expect-error`
// line whose code compiles fails the typecheck, as does an `expectTypeOf` that disagrees.

const json = (c: Context<GatewayEnv>) => c.json({});

describe('Handler<Op>', () => {
  it('types each part of the input from the route', () => {
    expectTypeOf<RouteInput<'getOfferVersion'>['params']>().toEqualTypeOf<{ id: string; version: number }>();
    expectTypeOf<RouteInput<'getOfferVersion'>['body']>().toEqualTypeOf<undefined>();
    expectTypeOf<RouteInput<'revokePartnerKey'>['params']>().toEqualTypeOf<{ id: string; keyId: string }>();
    expectTypeOf<RouteInput<'publishOffer'>['body']>().toHaveProperty('at');
    expectTypeOf<RouteInput<'submitOffer'>['body']>().not.toHaveProperty('at');
    expectTypeOf<RouteInput<'listNudges'>>().toEqualTypeOf<{
      params: undefined;
      query: undefined;
      body: undefined;
    }>();
    expectTypeOf<RouteInput<'listOffers'>['query']['status']>().toEqualTypeOf<
      'draft' | 'in_review' | 'approved' | 'published' | 'retired' | undefined
    >();
  });

  it('refuses a handler whose input disagrees with its route', () => {
    const right: Handler<'getOfferVersion'> = (c, { params }) =>
      c.json({ id: params.id, v: params.version + 1 });
    // @ts-expect-error the route coerces `version` to a number
    const wrongParams: Handler<'getOfferVersion'> = (
      c,
      _input: { params: { id: string; version: string } },
    ) => json(c);
    const wrongBody: FeatureHandlers = {
      // @ts-expect-error the route's body is a ConsentCreate, which has no `amount`
      createConsent: (c, _input: { body: { amount: number } }) => json(c),
    };
    const readsMissingQuery: Handler<'getConsent'> = (c, { query }) =>
      // @ts-expect-error getConsent declares no query
      c.json(query.limit);
    // A handler shared by operations of one shape fits each of them; not one of another shape.
    const shared: SharedHandler<'submitOffer' | 'approveOffer'> = (c, { body }) =>
      c.json(body.comment ?? null);
    const fits: Pick<Handlers, 'submitOffer' | 'approveOffer'> = {
      submitOffer: shared,
      approveOffer: shared,
    };
    // @ts-expect-error getConsent's input has no version and no body
    const misfit: Pick<Handlers, 'getConsent'> = { getConsent: shared };
    expect([right, wrongParams, wrongBody, readsMissingQuery, fits, misfit]).toHaveLength(6);
  });

  it('refuses a handler table with an operation missing or one too many', () => {
    type WithoutConsent = Omit<Handlers, 'getConsent'>;
    type WithTypo = Handlers & { getConsents: Handler<'getConsent'> };
    expectTypeOf<Complete<Handlers>>().toEqualTypeOf<true>();
    // @ts-expect-error getConsent has no handler
    const missing: Complete<WithoutConsent> = true;
    // @ts-expect-error getConsents is no operation of the route list
    const extra: Complete<WithTypo> = true;
    // A feature module's table refuses an operation that does not exist.
    const feature = {
      getConsent: json,
      // @ts-expect-error getConsents is no operation of the route list
      getConsents: json,
    } satisfies FeatureHandlers;
    expect([missing, extra, feature]).toHaveLength(3);
  });
});
