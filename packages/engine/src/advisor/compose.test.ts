import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Composer } from './compose.js';

describe('Composer.fact', () => {
  it('keeps a sentence whose figures its cited passage states', () => {
    const c = new Composer('en');
    const ref = c.cite(
      'document',
      'payroll',
      1,
      'Payroll',
      'Files submitted by 15:00 are credited the same day.',
    );
    expect(c.fact('Files submitted by 15:00 are credited the same day.', ref)).toBe(true);
    expect(c.parts).toContainEqual({ type: 'text', delta: expect.stringContaining('15:00'), cites: [ref] });
  });

  it('leaves out a sentence stating a time, a date, an amount or a percentage its passage does not state', () => {
    const figure = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${h}:${String(m).padStart(2, '0')}`),
      fc
        .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      fc.integer({ min: 1, max: 10_000_000 }).map((n) => `${n.toLocaleString('en')} CNY`),
      fc.integer({ min: 1, max: 9999 }).map((bp) => `${(bp / 100).toFixed(2)}%`),
    );
    fc.assert(
      fc.property(figure, (f) => {
        const c = new Composer('en');
        // The passage is about the same thing but states no figure.
        const ref = c.cite(
          'document',
          'payroll',
          1,
          'Payroll',
          'The fee is waived for companies paying employees.',
        );
        expect(c.fact(`The fee is ${f}.`, ref)).toBe(false);
        expect(c.parts.some((p) => p.type === 'text')).toBe(false);
        const cited = c.cite('document', 'payroll', 1, 'Payroll', `The fee is ${f} per payment.`);
        expect(c.fact(`The fee is ${f}.`, cited)).toBe(true);
      }),
    );
  });
});
