import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type OfferContent, SCENARIOS } from '@finlet/contracts';
import { checkEffective } from '@finlet/engine';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadOfferFiles } from '../offers/files.js';
import {
  DEV_OFFER_MIN_REMAINING_MS,
  demoDir,
  demoEffectiveWindow,
  loadDemoOffers,
  loadDemoPartners,
} from './demo.js';

describe('demo catalogue', () => {
  it('every demo offer file is valid', async () => {
    const dir = join(demoDir(), 'offers');
    const files = readdirSync(dir).map((name) => join(dir, name));
    const report = await loadOfferFiles(files, dir);
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.offers.length).toBeGreaterThanOrEqual(8);
  });

  it('covers every scenario with at least two offers, bilingual, priced in CNY minor units', async () => {
    const offers = await loadDemoOffers(new Date());
    for (const scenario of SCENARIOS) {
      expect(offers.filter((o) => o.scenarios.includes(scenario)).length, scenario).toBeGreaterThanOrEqual(2);
    }
    for (const offer of offers) {
      expect(offer.currency).toBe('CNY');
      // Credit has an amount range; an investment product has a risk level and no range.
      if (offer.riskLevel === undefined)
        expect(Number.isSafeInteger(offer.amount?.max.value), offer.id).toBe(true);
      else expect(offer.amount, offer.id).toBeUndefined();
      expect(offer.texts['zh-CN'].name).not.toBe(offer.texts.en.name);
      expect(offer.disclosures.length, offer.id).toBeGreaterThan(0);
    }
    const products = new Set(offers.map((o) => o.productType));
    for (const product of [
      'installment',
      'travel_card',
      'startup_loan',
      'business_account',
      'consumer_loan',
      'inventory_financing',
      'receivables_financing',
      'wealth_management',
      'fund',
    ]) {
      expect(products.has(product as never), product).toBe(true);
    }
    // The consumption member area's wealth scenario: one product at R1, R2 and R4 each.
    expect(
      offers
        .filter((o) => o.scenarios.includes('consumption') && o.riskLevel)
        .map((o) => o.riskLevel)
        .sort(),
    ).toEqual(['R1', 'R2', 'R4']);
  });

  it('has one demo partner per scenario whose sample session fits it', async () => {
    const partners = await loadDemoPartners();
    expect(partners.map((p) => p.sampleSession.scenario).sort()).toEqual([...SCENARIOS].sort());
    for (const demo of partners) {
      expect(demo.partner.scenarios).toContain(demo.sampleSession.scenario);
      expect(demo.partner.origins?.[0]).toMatch(/^http:\/\/127\.0\.0\.1:440[1-4]$/);
    }
    expect(new Set(partners.map((p) => p.handle)).size).toBe(partners.length);
  });

  describe('effective windows as loaded by finlet dev', () => {
    const DAY = 86_400_000;
    const length = (e: OfferContent['effective']) =>
      e.until === undefined ? undefined : Date.parse(e.until) - Date.parse(e.from);

    it.each([
      '2026-01-02T00:00:00Z',
      '2026-12-01T12:00:00Z',
      '2027-12-20T00:00:00+08:00', // the file windows end within 30 days
      '2028-01-01T00:00:00Z', // the file windows have just ended
      '2029-06-15T03:00:00Z',
      '2035-02-28T23:59:59Z',
    ])('every demo offer is effective at %s, for at least 30 more days', async (at) => {
      const now = new Date(at);
      const files = await loadDemoOffers(new Date('2026-06-01T00:00:00Z'));
      const offers = await loadDemoOffers(now);
      expect(offers.map((o) => o.id)).toEqual(files.map((o) => o.id));
      for (const [i, offer] of offers.entries()) {
        expect(checkEffective(offer, now).met, `${offer.id} at ${at}`).toBe(true);
        const later = new Date(now.getTime() + DEV_OFFER_MIN_REMAINING_MS - 1);
        expect(checkEffective(offer, later).met, `${offer.id} 30 days after ${at}`).toBe(true);
        // The window keeps its length (give or take a leap day) and only the window moves.
        const before = length(files[i]!.effective);
        if (before === undefined) expect(offer.effective.until).toBeUndefined();
        else expect(Math.abs(length(offer.effective)! - before)).toBeLessThanOrEqual(DAY);
        expect({ ...offer, effective: files[i]!.effective }).toEqual(files[i]);
      }
    });

    it('keeps the files as written while their windows hold', async () => {
      const dir = join(demoDir(), 'offers');
      const report = await loadOfferFiles([dir], dir);
      const files = report.offers.map((o) => o.content);
      expect(files.some((o) => o.effective.until !== undefined)).toBe(true);
      expect(await loadDemoOffers(new Date('2026-12-01T00:00:00Z'))).toEqual(files);
    });

    it('moves expired windows by whole years, so restarts in between find the same content', async () => {
      const first = await loadDemoOffers(new Date('2029-06-15T03:00:00Z'));
      expect(await loadDemoOffers(new Date('2029-08-01T00:00:00Z'))).toEqual(first);
      const travel = first.find((o) => o.id === 'tourism-travel-installment')!;
      expect(travel.effective).toEqual({
        from: '2027-12-31T16:00:00.000Z',
        until: '2029-12-31T15:59:59.000Z',
      });
    });

    it('re-anchors short or not yet started windows a day before now', () => {
      const now = new Date('2030-03-10T08:00:00Z');
      expect(demoEffectiveWindow({ from: '2031-01-01T00:00:00Z' }, now)).toEqual({
        from: '2030-03-09T08:00:00.000Z',
      });
      const short = demoEffectiveWindow({ from: '2026-01-01T00:00:00Z', until: '2026-03-01T00:00:00Z' }, now);
      expect(short.from).toBe('2030-03-09T08:00:00.000Z');
      expect(Date.parse(short.until!) - now.getTime()).toBeGreaterThan(DEV_OFFER_MIN_REMAINING_MS);
    });
  });
});
