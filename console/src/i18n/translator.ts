import type { Locale } from '@finlet/contracts';

/** A message: fixed text, or a function of already-formatted values (amounts, dates, names). */
export type { Message as MessageValue, MessageArgs } from '@finlet/contracts/messages';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/**
 * A typed lookup over one dictionary per locale (the shared helper of `@finlet/contracts/messages`:
 * a key missing in English reads in Chinese); the English one must have every key of the Chinese
 * one. Each area of the console (shell, editor, preview) keeps its own dictionary.
 *
 * @example
 * const t = translator({ 'zh-CN': { hello: (n: string) => `你好，${n}` }, en: { hello: (n) => `Hi ${n}` } });
 * t('en', 'hello', 'Li Na');
 */
export { translator } from '@finlet/contracts/messages';

/** The locale chosen last time on this browser, else the browser's language, else zh-CN. */
export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem('finlet-console-locale');
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {}
  return navigator.language?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem('finlet-console-locale', locale);
  } catch {}
}

export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
