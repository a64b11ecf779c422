/**
 * A figure as a reader takes it: a time of day (15:00), a date (2026-01-31, 2026/1/31) or a number
 * (3,000,000 or 3.45). A time or a date is one figure, so its parts cannot be found apart in a
 * passage (15 in "15 days", 00 in "100").
 */
const FIGURE = /\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?|\d[\d,]*(?:\.\d+)?/g;

/** The figures a text states, normalised ("3,000,000" → "3000000", "15：00" → "15:00"). */
export function statedFigures(text: string): string[] {
  return [...text.normalize('NFKC').matchAll(FIGURE)].map((m) => m[0].replace(/,/g, ''));
}

/** Whether a passage states a figure as a whole: 5 is not stated by 50, nor 3.4 by 3.45. */
export function statesFigure(passage: string, figure: string): boolean {
  return statedFigures(passage).includes(figure);
}

/** Whether every figure a sentence states is stated by the passage it would cite. */
export function figuresFrom(sentence: string, passage: string): boolean {
  return statedFigures(sentence).every((f) => statesFigure(passage, f));
}
