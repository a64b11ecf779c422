import type { Locale } from '@finlet/contracts';

/** A message: fixed text, or a function of already-formatted values (amounts, dates, names). */
export type MessageValue = string | ((...args: never[]) => string);
export type MessageArgs<V> = V extends (...args: infer A) => string ? A : [];

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/**
 * A typed lookup over one dictionary per locale; the English one must have every key of the
 * Chinese one. Each area of the console (shell, editor, preview) keeps its own dictionary.
 *
 * @example
 * const t = translator({ 'zh-CN': { hello: (n: string) => `你好，${n}` }, en: { hello: (n) => `Hi ${n}` } });
 * t('en', 'hello', 'Li Na');
 */
export function translator<M extends Record<string, MessageValue>>(
  dictionaries: Record<Locale, { [K in keyof M]: M[K] }>,
) {
  return function t<K extends keyof M & string>(locale: Locale, key: K, ...args: MessageArgs<M[K]>): string {
    const entry = dictionaries[locale][key] as string | ((...a: unknown[]) => string);
    return typeof entry === 'function' ? entry(...args) : entry;
  };
}

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
