import { describe, expect, it } from 'vitest';
import { resolveDemoPorts, startDevDemoSites } from './demo-sites.js';

describe('finlet dev demo sites', () => {
  it('takes free ports when the gateway does, fixed ports otherwise, and refuses unknown modes', () => {
    expect(resolveDemoPorts(undefined, 0)).toBe('ephemeral');
    expect(resolveDemoPorts(undefined, 4400)).toBe('fixed');
    expect(resolveDemoPorts('off', 0)).toBe('off');
    expect(resolveDemoPorts('ephemeral', 4400)).toBe('ephemeral');
    expect(() => resolveDemoPorts('random', 0)).toThrow(/fixed, ephemeral or off/);
  });

  it('never fails the dev command: a missing demo partner or "off" is reported, not thrown', async () => {
    const updateOrigins = async () => true;
    expect(
      await startDevDemoSites({ mode: 'off', gatewayUrl: 'http://127.0.0.1:1', partners: {}, updateOrigins }),
    ).toEqual({ skipped: expect.stringContaining('off') });
    expect(
      await startDevDemoSites({
        mode: 'ephemeral',
        gatewayUrl: 'http://127.0.0.1:1',
        partners: {},
        updateOrigins,
      }),
    ).toEqual({ skipped: 'no demo partner "tourism"' });
  });
});
