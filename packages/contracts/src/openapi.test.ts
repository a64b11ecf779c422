import { describe, expect, it } from 'vitest';
import { createOpenApiDocument } from './openapi.js';
import { ROUTES } from './routes.js';

describe('createOpenApiDocument', () => {
  const doc = createOpenApiDocument({ version: '1.2.3' });

  it('is OpenAPI 3.1 with every route of the route list', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const route of ROUTES) {
      expect(doc.paths?.[route.path]?.[route.method]?.operationId, `${route.method} ${route.path}`).toBe(
        route.operationId,
      );
    }
  });

  it('renders wire objects as reusable components generated from the zod schemas', () => {
    const schemas = doc.components?.schemas ?? {};
    for (const name of [
      'Money',
      'Offer',
      'OfferMatchResult',
      'Consent',
      'Application',
      'Problem',
      'EmbedSessionCreate',
    ]) {
      expect(schemas, name).toHaveProperty(name);
    }
    const money = schemas.Money as { properties: Record<string, unknown>; required: string[] };
    expect(money.required).toEqual(['value', 'currency']);
    expect(money.properties.value).toMatchObject({ type: 'integer' });
  });

  it('declares the Idempotency-Key header where it is required and problem+json errors everywhere', () => {
    const create = doc.paths?.['/v1/applications']?.post;
    const params = (create?.parameters ?? []) as Array<{ name: string; in: string; required?: boolean }>;
    expect(params).toContainEqual(
      expect.objectContaining({ name: 'idempotency-key', in: 'header', required: true }),
    );
    expect(create?.responses?.default).toHaveProperty(['content', 'application/problem+json']);
  });

  it('declares 429 with Retry-After and RateLimit headers on every route but the health probes', () => {
    for (const route of ROUTES) {
      const responses = doc.paths?.[route.path]?.[route.method]?.responses ?? {};
      if (route.operationId === 'health' || route.operationId === 'ready') {
        expect(responses, route.operationId).not.toHaveProperty('429');
        continue;
      }
      const limited = responses['429'] as {
        headers?: Record<string, unknown>;
        content?: Record<string, unknown>;
      };
      expect(Object.keys(limited?.headers ?? {}), route.operationId).toEqual(
        expect.arrayContaining(['retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']),
      );
      expect(limited.content, route.operationId).toHaveProperty(['application/problem+json']);
    }
  });
});
