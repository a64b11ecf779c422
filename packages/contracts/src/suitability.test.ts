import { describe, expect, it } from 'vitest';
import { InvestorRiskLevel, ProductRiskLevel, suits } from './suitability.js';

describe('suitability levels', () => {
  it('an investor suits every product at or below their level and none above', () => {
    for (const investor of InvestorRiskLevel.options)
      for (const product of ProductRiskLevel.options)
        expect(suits(investor, product)).toBe(Number(product[1]) <= Number(investor[1]));
    expect(suits('C2', 'R2')).toBe(true);
    expect(suits('C2', 'R3')).toBe(false);
  });
});
