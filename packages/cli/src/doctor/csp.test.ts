import { describe, expect, it } from 'vitest';
import { checkPolicy, metaPolicies, parsePolicies, parsePolicy, sourceMatches } from './csp.js';

const page = new URL('https://shop.example.com/cart');
const gateway = new URL('https://finlet.bank.example');
const js = new URL('https://finlet.bank.example/finlet.js');

describe('sourceMatches', () => {
  it.each([
    ["'self'", false],
    ['*', true],
    ['https:', true],
    ['http:', true],
    ['finlet.bank.example', true],
    ['https://finlet.bank.example', true],
    ['http://finlet.bank.example', true],
    ['https://finlet.bank.example:443', true],
    ['https://finlet.bank.example:8443', false],
    ['https://finlet.bank.example:*', true],
    ['*.bank.example', true],
    ['*.finlet.bank.example', false],
    ['https://finlet.bank.example/finlet.js', true],
    ['https://finlet.bank.example/finlet/', false],
    ['https://other.example', false],
    ["'nonce-abc'", false],
    ["'unsafe-inline'", false],
  ])('%s → %s for the gateway bundle', (source, expected) => {
    expect(sourceMatches(source, js, page)).toBe(expected);
  });

  it("treats 'self' as the page's origin and a schemeless host as the page's scheme", () => {
    const own = new URL('https://shop.example.com/finlet.js');
    expect(sourceMatches("'self'", own, page)).toBe(true);
    const plain = new URL('http://finlet.bank.example/finlet.js');
    expect(sourceMatches('finlet.bank.example', plain, page)).toBe(false);
  });
});

describe('parsing', () => {
  it('splits policies on commas and keeps the first of a repeated directive', () => {
    const [a, b] = parsePolicies("script-src 'self'; script-src *, connect-src 'none'");
    expect(a!.get('script-src')).toEqual(["'self'"]);
    expect(b!.get('connect-src')).toEqual(["'none'"]);
  });

  it('reads <meta http-equiv> policies whatever the attribute order and quoting', () => {
    const html = `<meta charset="utf-8"><META CONTENT='script-src &apos;self&apos;' HTTP-EQUIV=Content-Security-Policy>
      <meta http-equiv="content-security-policy" content="connect-src *">`;
    expect(metaPolicies(html)).toEqual(["script-src 'self'", 'connect-src *']);
  });
});

describe('checkPolicy', () => {
  it('passes the policy of the strict-CSP guide', () => {
    const policy = parsePolicy(
      "default-src 'none'; script-src 'self' https://finlet.bank.example; style-src 'self'; connect-src 'self' https://finlet.bank.example; img-src 'self'",
    );
    expect(checkPolicy(policy, gateway, page).every((v) => v.ok)).toBe(true);
  });

  it("gives the directive to write, dropping 'none'", () => {
    const [script, connect] = checkPolicy(
      parsePolicy("default-src 'none'; script-src 'none'"),
      gateway,
      page,
    );
    expect(script).toMatchObject({ ok: false, fix: 'change it to `script-src https://finlet.bank.example`' });
    expect(connect).toMatchObject({
      ok: false,
      fix: 'add the directive `connect-src https://finlet.bank.example` (it falls back to default-src now)',
    });
  });

  it('prefers script-src-elem, and flags a path that leaves out the chunks', () => {
    const policy = parsePolicy("script-src 'none'; script-src-elem https://finlet.bank.example/finlet.js");
    const [script] = checkPolicy(policy, gateway, page);
    expect(script!.ok).toBe(false);
    expect(script!.reason).toContain('blocks https://finlet.bank.example/finlet/chunk.js');
  });

  it("asks for the nonce under 'strict-dynamic'", () => {
    const [script] = checkPolicy(
      parsePolicy("script-src 'nonce-r4nd0m' 'strict-dynamic' https://finlet.bank.example"),
      gateway,
      page,
    );
    expect(script).toMatchObject({ ok: false, needsNonce: true });
  });
});
