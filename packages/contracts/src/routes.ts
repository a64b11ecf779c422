import { z } from 'zod';
import { AdminIdentity, AuditList, AuditQuery } from './admin.js';
import { Application, ApplicationCreate, PartnerApplicationView } from './application.js';
import { Consent, ConsentCreate } from './consent.js';
import { Health, Jwks } from './health.js';
import { OfferMatchRequest, OfferMatchResult } from './match.js';
import { Offer, OfferContent, OfferList, OfferStatus, OfferTransition } from './offer.js';
import { PartnerCreate, PartnerCreated, PartnerList } from './partner.js';
import { EmbedSession, EmbedSessionCreate } from './session.js';

/**
 * How a route authenticates:
 * - `secretKey`: the partner's server, `Authorization: Bearer <secret key>`;
 * - `session`: a widget, `Authorization: Bearer <embed-session JWT>`;
 * - `sessionOrSecretKey`: either (the answer differs: partners see less);
 * - `admin`: a bank product team's admin key;
 * - `none`: public.
 */
export type RouteAuth = 'none' | 'secretKey' | 'session' | 'sessionOrSecretKey' | 'admin';

export interface RouteSpec {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI-style path: `/v1/applications/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly auth: RouteAuth;
  readonly tags: readonly string[];
  readonly body?: z.ZodType;
  readonly query?: z.ZodObject;
  readonly params?: z.ZodObject;
  readonly idempotencyKey?: 'required' | 'optional';
  readonly responses: Readonly<Record<number, { readonly description: string; readonly schema?: z.ZodType }>>;
}

const idParam = z.object({ id: z.string().meta({ param: { description: 'Resource id' } }) });
const offerVersionParams = z.object({ id: z.string(), version: z.coerce.number().int().min(1) });

export const OfferListQuery = z.strictObject({
  status: OfferStatus.optional(),
  scenario: z.string().optional(),
});

/** Every HTTP route of the gateway. The OpenAPI document is generated from this list. */
export const ROUTES = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'Liveness: the process answers.',
    auth: 'none',
    tags: ['operations'],
    responses: { 200: { description: 'Alive', schema: Health } },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'ready',
    summary: 'Readiness: the database answers and migrations are applied.',
    auth: 'none',
    tags: ['operations'],
    responses: { 200: { description: 'Ready', schema: Health }, 503: { description: 'Not ready' } },
  },
  {
    method: 'get',
    path: '/.well-known/jwks.json',
    operationId: 'jwks',
    summary: 'Public keys that sign embed-session tokens.',
    auth: 'none',
    tags: ['sessions'],
    responses: { 200: { description: 'JSON Web Key Set', schema: Jwks } },
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    operationId: 'openapi',
    summary: 'This OpenAPI document.',
    auth: 'none',
    tags: ['operations'],
    responses: { 200: { description: 'OpenAPI 3.1 document' } },
  },
  {
    method: 'post',
    path: '/v1/embed-sessions',
    operationId: 'createEmbedSession',
    summary: 'Mint a short-lived session token for the widgets (partner server only).',
    auth: 'secretKey',
    tags: ['sessions'],
    body: EmbedSessionCreate,
    responses: { 201: { description: 'Session created', schema: EmbedSession } },
  },
  {
    method: 'post',
    path: '/v1/offers/match',
    operationId: 'matchOffers',
    summary: 'Ranked offers for the session’s trusted signals, each criterion explained.',
    auth: 'session',
    tags: ['offers'],
    body: OfferMatchRequest,
    responses: { 200: { description: 'Matches', schema: OfferMatchResult } },
  },
  {
    method: 'post',
    path: '/v1/consents',
    operationId: 'createConsent',
    summary: 'Record the user’s consent.',
    auth: 'session',
    tags: ['consents'],
    body: ConsentCreate,
    responses: { 201: { description: 'Consent recorded', schema: Consent } },
  },
  {
    method: 'get',
    path: '/v1/consents/{id}',
    operationId: 'getConsent',
    summary: 'Read one of the session user’s consents.',
    auth: 'session',
    tags: ['consents'],
    params: idParam,
    responses: { 200: { description: 'Consent', schema: Consent } },
  },
  {
    method: 'delete',
    path: '/v1/consents/{id}',
    operationId: 'withdrawConsent',
    summary: 'Withdraw a consent; processing under it stops from now on.',
    auth: 'session',
    tags: ['consents'],
    params: idParam,
    responses: { 200: { description: 'Consent withdrawn', schema: Consent } },
  },
  {
    method: 'post',
    path: '/v1/applications',
    operationId: 'createApplication',
    summary: 'Submit an application (needs a live consent and an Idempotency-Key).',
    auth: 'session',
    tags: ['applications'],
    body: ApplicationCreate,
    idempotencyKey: 'required',
    responses: { 201: { description: 'Application created', schema: Application } },
  },
  {
    method: 'get',
    path: '/v1/applications/{id}',
    operationId: 'getApplication',
    summary: 'Read an application: the applicant sees it whole, the partner server sees its status.',
    auth: 'sessionOrSecretKey',
    tags: ['applications'],
    params: idParam,
    responses: {
      200: { description: 'Application', schema: z.union([Application, PartnerApplicationView]) },
    },
  },
  {
    method: 'get',
    path: '/v1/admin/me',
    operationId: 'adminMe',
    summary: 'The admin identity behind the key.',
    auth: 'admin',
    tags: ['admin'],
    responses: { 200: { description: 'Identity', schema: AdminIdentity } },
  },
  {
    method: 'get',
    path: '/v1/admin/partners',
    operationId: 'listPartners',
    summary: 'List partners.',
    auth: 'admin',
    tags: ['admin'],
    responses: { 200: { description: 'Partners', schema: PartnerList } },
  },
  {
    method: 'post',
    path: '/v1/admin/partners',
    operationId: 'createPartner',
    summary: 'Create a partner; the secret key is returned once.',
    auth: 'admin',
    tags: ['admin'],
    body: PartnerCreate,
    responses: { 201: { description: 'Partner created', schema: PartnerCreated } },
  },
  {
    method: 'get',
    path: '/v1/admin/offers',
    operationId: 'listOffers',
    summary: 'Latest version of every offer, filterable by status and scenario.',
    auth: 'admin',
    tags: ['admin'],
    query: OfferListQuery,
    responses: { 200: { description: 'Offers', schema: OfferList } },
  },
  {
    method: 'post',
    path: '/v1/admin/offers',
    operationId: 'createOffer',
    summary: 'Create a new offer as draft version 1.',
    auth: 'admin',
    tags: ['admin'],
    body: OfferContent,
    responses: { 201: { description: 'Draft created', schema: Offer } },
  },
  {
    method: 'get',
    path: '/v1/admin/offers/{id}',
    operationId: 'getOfferVersions',
    summary: 'Every version of an offer, newest first.',
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    responses: { 200: { description: 'Versions', schema: OfferList } },
  },
  {
    method: 'post',
    path: '/v1/admin/offers/{id}/versions',
    operationId: 'createOfferVersion',
    summary: 'Start a new draft version of an existing offer.',
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    body: OfferContent,
    responses: { 201: { description: 'Draft created', schema: Offer } },
  },
  {
    method: 'put',
    path: '/v1/admin/offers/{id}/versions/{version}',
    operationId: 'updateOfferDraft',
    summary: 'Replace the content of a draft version.',
    auth: 'admin',
    tags: ['admin'],
    params: offerVersionParams,
    body: OfferContent,
    responses: { 200: { description: 'Draft updated', schema: Offer } },
  },
  ...(['submit', 'approve', 'reject', 'publish', 'retire'] as const).map(
    (action) =>
      ({
        method: 'post',
        path: `/v1/admin/offers/{id}/versions/{version}/${action}`,
        operationId: `${action}Offer`,
        summary: {
          submit: 'Submit a draft for review.',
          approve: 'Approve a version in review (the approver must not be its author).',
          reject: 'Send a version in review back to draft, with a comment.',
          publish: 'Publish an approved version; the previously published one is retired.',
          retire: 'Retire a published version.',
        }[action],
        auth: 'admin',
        tags: ['admin'],
        params: offerVersionParams,
        body: OfferTransition,
        responses: { 200: { description: 'New state', schema: Offer } },
      }) satisfies RouteSpec,
  ),
  {
    method: 'get',
    path: '/v1/admin/audit',
    operationId: 'listAudit',
    summary: 'Search the append-only audit log.',
    auth: 'admin',
    tags: ['admin'],
    query: AuditQuery,
    responses: { 200: { description: 'Entries, newest first', schema: AuditList } },
  },
] as const satisfies readonly RouteSpec[];
