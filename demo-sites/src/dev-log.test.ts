import { describe, expect, it } from 'vitest';
import { DevLog } from './dev-log.js';
import { contentSecurityPolicy } from './server.js';

describe('developer log', () => {
  it('hands out entries after a sequence number and keeps only the newest', () => {
    const log = new DevLog(3);
    for (let i = 1; i <= 5; i++) log.add('event', `finlet-ready`, { i });
    expect(log.since(0).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(log.since(4).map((e) => e.detail)).toEqual([{ i: 5 }]);
  });

  it('clips a huge detail instead of storing it', () => {
    const entry = new DevLog().add('webhook', 'application.created', { blob: 'x'.repeat(10_000) });
    expect(JSON.stringify(entry.detail).length).toBeLessThan(4100);
  });
});

describe('content security policy', () => {
  it('allows scripts and calls only from the site and the gateway, and no inline code', () => {
    const csp = contentSecurityPolicy('http://127.0.0.1:4400/');
    expect(csp).toContain("script-src 'self' http://127.0.0.1:4400;");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4400;");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("default-src 'none'");
  });
});
