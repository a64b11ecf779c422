import { maskIdentifiers } from '@finlet/engine';

/**
 * Masks personal data typed into chat before it is stored, logged or read by the advisor: mainland
 * resident ID numbers, bank card and account numbers, mobile and landline phone numbers. A few
 * digits stay (a phone's first three and last four, a card's last four) so the user and a remote
 * agent can still tell which one was meant. The engine decides what an identifier is, so the
 * numbers masked here are exactly the ones it never reads as an amount.
 */
export function maskPersonalData(text: string): string {
  return maskIdentifiers(text);
}
