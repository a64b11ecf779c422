import { randomUUID } from 'node:crypto';
import { Problem, ProblemCode, ROUTES, type RouteSpec } from '@finlet/contracts';
import {
  DIALECTS,
  inventoryFaq,
  ORIGIN_A,
  ORIGIN_B,
  publishTable,
  publishWorkspaceOffers,
  riskAnswers,
  riskQuestionnaire,
  startTestGateway,
  submit,
  type TestGateway,
  takeAssessment,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';

/**
 * The attack run, table-driven over the route list: every route meets a missing credential, the
 * wrong kind of credential, another partner's credential on this partner's ids, malformed and
 * oversized bodies, wrong types, NUL bytes, lone surrogates, long strings and huge numbers in
 * every field of a valid body, and broken path and query parameters. Whatever the input, the
 * gateway answers a 2xx or a 4xx `application/problem+json` with a code of the contracts: never a
 * 5xx, and never partner A's data to partner B.
 */

/** A marker in everything partner A's users write, looked for in every answer partner B gets. */
const MARK_A = 'TenantAMarker';
/** A marker in partner A's applicant's name: personal data, which a content author never reads. */
const PII_A = 'PiiAMarker';

// ---------------------------------------------------------------------------------------------
// Valid samples of a route's schemas, read from the zod definitions: each string leaf takes the
// first candidate its schema accepts, so ids, currencies, locales and URLs come out valid.
// ---------------------------------------------------------------------------------------------

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const STRING_CANDIDATES = [
  'fuzz-value-1',
  'CNY',
  'CN',
  'en',
  'consumption',
  'supply-chain',
  'https://shop-a.example.com/fuzz',
  '2026-01-01T00:00:00.000Z',
  '2026-01-01',
  'a',
  'fuzzvalue',
  'FUZZ',
  '+86 139 0000 0000',
  'fuzz@example.com',
  '110101199001011234',
  'ptn_AAAAAAAAAAAAAAAAAAAA',
  'family_support',
  'loan_application',
  'profile.basic',
  'user.age',
];
const NUMBER_CANDIDATES = [1, 30, 100, 600, 10_000, 1_000_000, 0, 0.5];

function sample(schema: z.ZodType, depth = 0): unknown {
  const def = defOf(schema);
  if (depth > 8) return undefined;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(shape)) {
        const value = sample(field, depth + 1);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    case 'string':
      return STRING_CANDIDATES.find((s) => schema.safeParse(s).success) ?? 'fuzz';
    case 'number':
      return NUMBER_CANDIDATES.find((n) => schema.safeParse(n).success) ?? 1;
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'array': {
      const item = sample(def.element as z.ZodType, depth + 1);
      return item === undefined ? [] : [item];
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return sample(def.innerType as z.ZodType, depth + 1);
    case 'union':
      return sample((def.options as z.ZodType[])[0]!, depth + 1);
    case 'intersection':
      return {
        ...(sample(def.left as z.ZodType, depth + 1) as object),
        ...(sample(def.right as z.ZodType, depth + 1) as object),
      };
    case 'record': {
      const key = sample(def.keyType as z.ZodType, depth + 1);
      const value = sample(def.valueType as z.ZodType, depth + 1);
      return typeof key === 'string' && value !== undefined ? { [key]: value } : {};
    }
    case 'pipe':
      return sample(def.in as z.ZodType, depth + 1);
    case 'lazy':
      return sample((def.getter as () => z.ZodType)(), depth + 1);
    case 'tuple':
      return (def.items as z.ZodType[]).map((item) => sample(item, depth + 1));
    default:
      return 'fuzz';
  }
}

type Path = Array<string | number>;

/** Every leaf of a JSON value, with its path. */
function leaves(value: unknown, path: Path = []): Array<{ path: Path; value: unknown }> {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
  }
  return [{ path, value }];
}

function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = replacement;
  return copy;
}

const LONG = 'x'.repeat(20_000);
const STRING_ATTACKS: Array<[string, unknown]> = [
  ['NUL byte', 'a\u0000b'],
  ['lone surrogate', 'a\ud800b'],
  ['bidi and astral unicode', '\u202e𝔘ñí©ødé\uFEFF'],
  ['very long string', LONG],
  ['XSS payload', '<img src=x onerror=alert(1)><script>alert(1)</script>'],
  ['SQL', "x' OR '1'='1'; DROP TABLE applications; --"],
  ['empty string', ''],
];
const NUMBER_ATTACKS: Array<[string, unknown]> = [
  ['negative', -1],
  ['over int32', 2_147_483_648],
  ['over int53', 2 ** 53 + 2],
  ['huge float', 1e308],
  ['fraction', 1.5],
  ['negative huge', -1e308],
];
const ANY_ATTACKS: Array<[string, unknown]> = [
  ['null', null],
  ['object', { nested: { deeper: true } }],
  ['array', [1, 'two', null]],
];

const PARAM_ATTACKS = [
  'x'.repeat(65),
  '%00',
  'a%00b',
  '%ZZ',
  '..%2F..%2Fetc%2Fpasswd',
  '%F0%9F%92%A9',
  '%ED%A0%80',
  '-1',
  '0',
  '99999999999999999999',
  '1e309',
  "1'%20OR%20'1'%3D'1",
  '%3Cscript%3E',
];
const QUERY_ATTACKS = [
  '',
  'x'.repeat(1000),
  '-1',
  '1e309',
  '99999999999999999999',
  'NaN',
  '%00',
  '%ZZ',
  '%ED%A0%80',
  'a%00b',
];

/** `/v1/x/{id}` with every parameter given, the others valid samples of the route's schema. */
function fill(route: RouteSpec, values: Record<string, string>): string {
  const valid = (route.params ? sample(route.params) : {}) as Record<string, unknown>;
  return route.path.replace(
    /\{(\w+)\}/g,
    (_, name: string) =>
      // Attacks are sent as written (`%00` stays an escape); samples are encoded.
      values[name] ?? encodeURIComponent(String(valid[name] ?? 'fuzz-id')),
  );
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

describe.each(DIALECTS)('every route under attack on %s', (dialect) => {
  let gw: TestGateway;
  let tokenA: string;
  let tokenB: string;
  /** Ids of partner A's rows, each tried in every `{param}` by partner B. */
  const idsA: Record<string, string> = {};
  const staff = { reviewer: '', agent: '' };
  const tally = { routes: new Set<string>(), requests: 0 };
  const failures: string[] = [];

  /** A request on a raw socket; an event stream is cut after its headers. */
  async function send(
    method: string,
    path: string,
    init: {
      auth?: string;
      body?: string | Uint8Array<ArrayBuffer>;
      contentType?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.auth) headers.authorization = `Bearer ${init.auth}`;
    if (init.contentType) headers['content-type'] = init.contentType;
    const controller = new AbortController();
    const response = await fetch(`${gw.url}${path}`, {
      method: method.toUpperCase(),
      headers,
      signal: controller.signal,
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    tally.requests += 1;
    const contentType = response.headers.get('content-type') ?? '';
    if (contentType.startsWith('text/event-stream')) {
      controller.abort();
      return { status: response.status, contentType, text: '' };
    }
    return { status: response.status, contentType, text: await response.text() };
  }

  /** Never a 5xx; a refusal is problem+json with a contract code. Collected, then asserted at once. */
  function check(what: string, answer: Answer, expect4xx = false): void {
    if (answer.status >= 500) {
      failures.push(`${what}: ${answer.status} ${answer.text.slice(0, 300)}`);
      return;
    }
    if (expect4xx && answer.status < 400) {
      failures.push(`${what}: expected a refusal, got ${answer.status} ${answer.text.slice(0, 200)}`);
      return;
    }
    if (answer.status >= 400) {
      if (answer.contentType !== 'application/problem+json') {
        failures.push(`${what}: ${answer.status} as ${answer.contentType}`);
        return;
      }
      const problem = Problem.safeParse(JSON.parse(answer.text));
      if (!problem.success || !ProblemCode.safeParse(problem.data.code).success) {
        failures.push(`${what}: ${answer.status} without a contract code: ${answer.text.slice(0, 200)}`);
      } else if (/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/.test(answer.text)) {
        failures.push(`${what}: a stack trace in the answer`);
      }
    }
  }

  /** The right credential for a route: what its `auth` asks for, on partner A. */
  function rightAuth(route: RouteSpec): string | undefined {
    switch (route.auth) {
      case 'admin':
        return gw.admins.admin.apiKey;
      case 'secretKey':
        return gw.partnerA.secretKey;
      case 'session':
      case 'sessionOrSecretKey':
        return tokenA;
      default:
        return undefined;
    }
  }

  function baseHeaders(route: RouteSpec): Record<string, string> {
    return {
      // A browser sends an Origin; a partner's server must not (its secret key never leaves it).
      ...(route.auth === 'session' || route.auth === 'sessionOrSecretKey' ? { origin: ORIGIN_A } : {}),
      ...(route.idempotencyKey ? { 'idempotency-key': randomUUID() } : {}),
    };
  }

  beforeAll(async () => {
    gw = await startTestGateway(dialect, {
      gateway: { rateLimits: false, webhooks: { worker: false, allowLoopback: true } },
    });
    await publishWorkspaceOffers(gw);
    await gw.publishDocument(inventoryFaq);
    await publishTable(gw, 'risk-questionnaires', riskQuestionnaire);
    gw.clock.now = new Date();

    const application = await submit(gw, {
      partner: 'A',
      userId: `user-${MARK_A}`,
      offer: 'inventory',
      amountYuan: 200_000,
      name: `Name ${MARK_A} ${PII_A}`,
      businessName: `Business ${MARK_A} ${PII_A}`,
    });
    idsA.application = application.id;
    tokenA = await gw.session(gw.partnerA, {
      userId: `user-${MARK_A}`,
      scenario: 'supply-chain',
      signals: { 'business.age_months': 38, 'inventory.turnover_days': 62, 'user.verified': true },
    });
    tokenB = await gw.session(gw.partnerB, {
      userId: 'user-b',
      scenario: 'supply-chain',
      signals: { 'business.age_months': 38, 'inventory.turnover_days': 62 },
    });
    idsA.consent = (await gw.consent(tokenA, ['profile.basic'])).id;
    const assessed = await takeAssessment(gw, tokenA, riskAnswers());
    if (assessed.status === 201) idsA.assessment = (assessed.body as { id: string }).id;

    const chat = async (text: string, conversationId?: string) => {
      const response = await fetch(`${gw.url}/v1/chat/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json', origin: ORIGIN_A },
        body: JSON.stringify({ text, ...(conversationId ? { conversationId } : {}) }),
      });
      return response.text();
    };
    const conversationId = /"conversationId":"([^"]+)"/.exec(await chat(`我想借20万进货 ${MARK_A}`))?.[1];
    if (conversationId) {
      idsA.conversation = conversationId;
      const handoffId = /"handoffId":"([^"]+)"/.exec(await chat('转人工', conversationId))?.[1];
      if (handoffId) idsA.handoff = handoffId;
    }
    const grant = await gw.api<{ grant: { id: string } }>('POST', '/v1/agent-grants', {
      auth: gw.partnerA.secretKey,
      body: {
        sessionToken: tokenA,
        tools: ['ask_advisor', 'match_offers'],
        amountCap: { value: 20_000_000, currency: 'CNY' },
        scenario: 'supply-chain',
        expiresInSeconds: 1800,
        agentName: `Agent ${MARK_A}`,
      },
    });
    if (grant.status === 201)
      idsA.grant = grant.body.grant?.id ?? (grant.body as unknown as { id: string }).id;
    const hook = await gw.api<{ id: string }>('POST', '/v1/webhook-endpoints', {
      auth: gw.partnerA.secretKey,
      body: { url: 'http://127.0.0.1:9/hooks', description: `Hook ${MARK_A}` },
    });
    if (hook.status !== 201) throw new Error(`webhook endpoint: ${hook.status} ${hook.text}`);
    idsA.webhook = hook.body.id;
    idsA.partner = gw.partnerA.partner.id;
    staff.reviewer = (await gw.adminKey({ name: 'Sun Li (reviewer)', role: 'reviewer' })).apiKey;
    staff.agent = (await gw.adminKey({ name: 'Chen Jing (agent)', role: 'agent' })).apiKey;
  });

  afterAll(async () => gw?.close());

  it('seeds partner A with a row of each kind partner B will reach for', () => {
    expect(Object.keys(idsA).sort()).toEqual(
      expect.arrayContaining([
        'application',
        'consent',
        'assessment',
        'conversation',
        'handoff',
        'grant',
        'webhook',
      ]),
    );
  });

  it.each(ROUTES.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))(
    '%s: refusals are 4xx problem+json with a contract code, never a 5xx',
    async (_name, route: RouteSpec) => {
      tally.routes.add(route.operationId);
      const method = route.method;
      const auth = rightAuth(route);
      const path = fill(route, {});
      const headers = () => baseHeaders(route);
      const withBody = route.body !== undefined || method === 'post' || method === 'put';
      const bodySample = route.body ? sample(route.body) : {};
      const json = (value: unknown) => JSON.stringify(value);
      const sendBody = (
        what: string,
        body: string | Uint8Array<ArrayBuffer>,
        contentType = 'application/json',
        expect4xx = false,
      ) =>
        send(method, path, { ...(auth ? { auth } : {}), body, contentType, headers: headers() }).then((a) =>
          check(`${route.operationId} ${what}`, a, expect4xx),
        );

      // Credentials.
      if (route.auth !== 'none') {
        check(
          `${route.operationId} without a credential`,
          await send(method, path, { headers: headers(), ...(withBody ? { body: json(bodySample) } : {}) }),
          true,
        );
        check(
          `${route.operationId} with a garbage credential`,
          await send(method, path, { auth: 'x.y.z', headers: headers() }),
          true,
        );
        const wrong =
          route.auth === 'admin'
            ? [gw.partnerA.secretKey, tokenA]
            : route.auth === 'secretKey'
              ? [gw.admins.admin.apiKey, tokenA]
              : route.auth === 'session'
                ? [gw.admins.admin.apiKey, gw.partnerA.secretKey]
                : [gw.admins.admin.apiKey];
        for (const credential of wrong) {
          check(
            `${route.operationId} with the wrong kind of credential`,
            await send(method, path, {
              auth: credential,
              headers: headers(),
              ...(withBody ? { body: json(bodySample), contentType: 'application/json' } : {}),
            }),
            true,
          );
        }
      }

      // Bodies.
      if (withBody) {
        await sendBody('malformed JSON', '{"a": [', 'application/json');
        await sendBody('empty body', '', 'application/json');
        await sendBody('JSON null', 'null', 'application/json');
        await sendBody('JSON array', '[]', 'application/json');
        await sendBody('JSON string', '"x"', 'application/json');
        await sendBody('form body', 'a=1', 'application/x-www-form-urlencoded');
        await sendBody('no content type', json(bodySample), '');
        await sendBody('text/plain', json(bodySample), 'text/plain');
        await sendBody('XML', '<a/>', 'application/xml');
        await sendBody('oversized body', json({ pad: 'x'.repeat((route.bodyLimitBytes ?? 65_536) + 10) }));
        await sendBody('deeply nested body', `${'['.repeat(20_000)}${']'.repeat(20_000)}`);
        await sendBody('deeply nested field', `{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
        await sendBody('__proto__ key', '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}');
        await sendBody(
          'invalid UTF-8',
          new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        );
      }
      if (route.body) {
        const valid = await send(method, path, {
          ...(auth ? { auth } : {}),
          body: json(bodySample),
          contentType: 'application/json',
          headers: headers(),
        });
        check(`${route.operationId} valid sample`, valid);
        if (process.env.FUZZ_DEBUG)
          console.info(`SAMPLE ${route.operationId} ${valid.status} ${valid.text.slice(0, 160)}`);
        if (bodySample && typeof bodySample === 'object' && !Array.isArray(bodySample)) {
          await sendBody('unknown field', json({ ...bodySample, fuzzUnknown: 1 }));
        }
        for (const leaf of leaves(bodySample)) {
          const at = leaf.path.join('.') || '(root)';
          const attacks = [
            ...ANY_ATTACKS,
            ...(typeof leaf.value === 'string'
              ? [...STRING_ATTACKS, ['number', 12_345] as [string, unknown]]
              : []),
            ...(typeof leaf.value === 'number'
              ? [...NUMBER_ATTACKS, ['string', '12'] as [string, unknown]]
              : []),
            ...(typeof leaf.value === 'boolean' ? [['string', 'true'] as [string, unknown]] : []),
          ];
          for (const [kind, value] of attacks) {
            await sendBody(`${kind} at ${at}`, json(setAt(bodySample, leaf.path, value)));
          }
        }
      }

      // Path parameters.
      if (route.params) {
        for (const name of Object.keys((route.params as z.ZodObject).shape)) {
          for (const attack of PARAM_ATTACKS) {
            const attacked = fill(route, { [name]: attack });
            check(
              `${route.operationId} path ${name}=${attack.slice(0, 20)}`,
              await send(method, attacked, {
                ...(auth ? { auth } : {}),
                headers: headers(),
                ...(withBody ? { body: json(bodySample), contentType: 'application/json' } : {}),
              }),
            );
          }
        }
      }

      // Query.
      if (route.query) {
        const names = [...Object.keys((route.query as z.ZodObject).shape), 'fuzzUnknown'];
        for (const name of names) {
          for (const attack of QUERY_ATTACKS) {
            check(
              `${route.operationId} query ${name}=${attack.slice(0, 20)}`,
              await send(method, `${path}?${name}=${attack}`, {
                ...(auth ? { auth } : {}),
                headers: headers(),
              }),
            );
          }
          check(
            `${route.operationId} query ${name} twice`,
            await send(method, `${path}?${name}=a&${name}=b`, {
              ...(auth ? { auth } : {}),
              headers: headers(),
            }),
          );
        }
      }
      expect(failures.splice(0)).toEqual([]);
    },
  );

  it.each(
    ROUTES.filter((route) => route.auth !== 'none' && route.auth !== 'admin').map(
      (route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const,
    ),
  )(
    '%s: partner B, with its own credential, never reaches partner A’s rows',
    async (_name, route: RouteSpec) => {
      const credential = route.auth === 'secretKey' ? gw.partnerB.secretKey : tokenB;
      const names = route.path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? [];
      const targets =
        names.length === 0
          ? [{}]
          : Object.values(idsA).map((id) => Object.fromEntries(names.map((n) => [n, id])));
      const body = route.body
        ? JSON.stringify(sample(route.body))
        : route.method === 'post'
          ? '{}'
          : undefined;
      for (const values of targets) {
        const answer = await send(route.method, fill(route, values), {
          auth: credential,
          headers: {
            origin: ORIGIN_B,
            ...(route.idempotencyKey ? { 'idempotency-key': randomUUID() } : {}),
          },
          ...(body !== undefined ? { body, contentType: 'application/json' } : {}),
        });
        const what = `${route.operationId} as partner B on ${JSON.stringify(values)}`;
        check(what, answer, names.length > 0);
        if (answer.text.includes(MARK_A)) failures.push(`${what}: partner A's data in the answer`);
        for (const [kind, id] of Object.entries(idsA)) {
          if (kind !== 'partner' && answer.text.includes(id) && !Object.values(values).includes(id)) {
            failures.push(`${what}: partner A's ${kind} id in the answer`);
          }
        }
      }
      expect(failures.splice(0)).toEqual([]);
    },
  );

  it.each(
    ROUTES.filter((route) => route.auth === 'admin').map(
      (route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const,
    ),
  )(
    '%s: every staff role, on partner A’s rows, is answered or refused, never a 5xx',
    async (_name, route: RouteSpec) => {
      const roles = {
        author: gw.admins.author.apiKey,
        approver: gw.admins.approver.apiKey,
        admin: gw.admins.admin.apiKey,
        reviewer: staff.reviewer,
        agent: staff.agent,
      };
      const names = route.path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? [];
      const targets =
        names.length === 0
          ? [{}]
          : Object.values(idsA).map((id) =>
              Object.fromEntries(names.filter((n) => n !== 'version').map((n) => [n, id])),
            );
      const body = route.body
        ? JSON.stringify(sample(route.body))
        : route.method === 'post'
          ? '{}'
          : undefined;
      for (const [role, key] of Object.entries(roles)) {
        for (const values of targets) {
          const answer = await send(route.method, fill(route, values), {
            auth: key,
            ...(body !== undefined ? { body, contentType: 'application/json' } : {}),
          });
          const what = `${route.operationId} as ${role} on ${JSON.stringify(values)}`;
          check(what, answer);
          // Content writers read no application (APPLICANT_FIELD_ACCESS.author is null).
          if (role === 'author' && answer.text.includes(PII_A)) {
            failures.push(`${what}: an applicant's name to an author`);
          }
        }
      }
      expect(failures.splice(0)).toEqual([]);
    },
  );

  it('covered every route of the list', () => {
    console.info(`${dialect}: ${tally.routes.size} routes, ${tally.requests} requests`);
    expect(tally.routes.size).toBe(ROUTES.length);
  });
});
