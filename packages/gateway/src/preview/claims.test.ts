import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintSessionToken, verifySessionToken } from '../auth/sessions.js';
import { SigningKeys } from '../auth/signing-keys.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/store.js';
import { previewSignals } from './scope.js';

describe('preview claims', () => {
  let dir: string;
  let store: Store;
  let options: Parameters<typeof mintSessionToken>[0];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'finlet-pvw-'));
    store = await openStore({ dataDir: dir });
    await store.migrate();
    const keys = new SigningKeys(store, undefined);
    await keys.init(new Date());
    options = {
      issuer: 'finlet-gateway',
      keys,
      defaultTtlSeconds: 600,
      maxTtlSeconds: 900,
      clockToleranceSeconds: 5,
    };
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const mint = (userId: string, now: Date) =>
    mintSessionToken(options, 'ptn_0000000000000000', { userId, scenario: 'supply-chain' }, now, {
      offerId: 'scf-stock-draft',
      version: 2,
    });

  it('round-trips pvw for a preview subject and refuses it on any other subject', async () => {
    const now = new Date();
    const { token } = await mint('preview:adm_0000000000000000', now);
    expect((await verifySessionToken(options, token, now)).pvw).toEqual({
      offerId: 'scf-stock-draft',
      version: 2,
    });
    const { token: odd } = await mint('merchant-1', now);
    await expect(verifySessionToken(options, odd, now)).rejects.toMatchObject({ code: 'invalid_token' });
  });

  it('turns sample events into the sample user’s signals, or reads turnover days from the session', () => {
    const now = new Date('2026-11-01T00:00:00Z');
    const claims = { sub: 'preview:adm_1', sig: { 'inventory.turnover_days': 62 } };
    expect(previewSignals(claims, undefined, now)).toEqual([
      {
        id: 'preview-1',
        subject: 'preview:adm_1',
        type: 'inventory.turnover_days',
        occurredAt: now.toISOString(),
        data: { days: 62 },
      },
    ]);
    const samples = [
      {
        type: 'cart.checkout',
        occurredAt: now.toISOString(),
        data: { amount: { value: 800_000, currency: 'CNY' }, category: 'home' },
      },
      { type: 'cart.checkout', occurredAt: 'not a time', data: {} },
    ];
    expect(previewSignals(claims, samples, now)).toEqual([
      { ...samples[0], id: 'preview-1', subject: 'preview:adm_1' },
    ]);
    expect(previewSignals({ sub: 'preview:adm_1' }, [], now)).toEqual([]);
  });
});
