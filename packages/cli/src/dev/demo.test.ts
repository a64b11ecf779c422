import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS } from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadOfferFiles } from '../offers/files.js';
import { demoDir, loadDemoOffers, loadDemoPartners } from './demo.js';

describe('demo catalogue', () => {
  it('every demo offer file is valid', async () => {
    const dir = join(demoDir(), 'offers');
    const files = readdirSync(dir).map((name) => join(dir, name));
    const report = await loadOfferFiles(files, dir);
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.offers.length).toBeGreaterThanOrEqual(8);
  });

  it('covers every scenario with at least two offers, bilingual, priced in CNY minor units', async () => {
    const offers = await loadDemoOffers();
    for (const scenario of SCENARIOS) {
      expect(offers.filter((o) => o.scenarios.includes(scenario)).length, scenario).toBeGreaterThanOrEqual(2);
    }
    for (const offer of offers) {
      expect(offer.currency).toBe('CNY');
      expect(Number.isSafeInteger(offer.amount.max.value)).toBe(true);
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
    ]) {
      expect(products.has(product as never), product).toBe(true);
    }
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
});
