/**
 * Masks personal data typed into chat before it is stored or logged: mainland resident ID numbers,
 * bank card numbers and mobile phone numbers. The last four characters stay so the user and a
 * remote agent can still tell which one was meant.
 */
export function maskPersonalData(text: string): string {
  return (
    text
      // Resident ID: 18 characters (17 digits + digit/X) or the old 15 digits.
      .replace(/(?<![0-9])([1-9]\d{5})(\d{8}|\d{6})(\d{3}[\dXx]|\d{1})(?![0-9])/g, (m, a: string) =>
        m.length === 18 || m.length === 15 ? `${a.slice(0, 2)}${'*'.repeat(m.length - 6)}${m.slice(-4)}` : m,
      )
      // Bank cards: 16–19 digits, optionally grouped by spaces or dashes.
      .replace(/(?<![0-9])\d{4}(?:[ -]?\d{4}){2,3}(?:[ -]?\d{1,3})?(?![0-9])/g, (m) => {
        const digits = m.replace(/\D/g, '');
        return digits.length >= 16 && digits.length <= 19 ? `**** **** **** ${digits.slice(-4)}` : m;
      })
      // Mainland mobile numbers, with or without +86.
      .replace(/(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9])/g, (m) => {
        const digits = m.replace(/\D/g, '');
        return `${digits.slice(-11, -8)}****${digits.slice(-4)}`;
      })
  );
}
