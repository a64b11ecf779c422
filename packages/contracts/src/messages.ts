// No zod here (types only are imported): browser bundles, the console and the engine share it.
import type { Locale, LocalizedText } from './common.js';

/**
 * One message: fixed text, or a function of already-formatted values (amounts, dates, names) that
 * says them in the locale's own word order and plural forms.
 */
export type Message = string | ((...args: never[]) => string);
export type Messages = { readonly [key: string]: Message };
/** The arguments message `K` of `M` takes (none for a fixed text). */
export type MessageArgs<M, K extends keyof M> = M[K] extends (...args: infer A) => string ? A : [];

/** The default locale, then the other: where a message missing in the asked locale is looked for. */
export const FALLBACK_LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** The first of `catalogs` that has `key`, or undefined. */
export function lookupMessage(catalogs: readonly (Messages | undefined)[], key: string): Message | undefined {
  for (const catalog of catalogs) {
    const entry = catalog?.[key];
    if (entry !== undefined) return entry;
  }
  return undefined;
}

/** Applies a message's arguments; a missing message shows its key rather than nothing. */
export function formatMessage(entry: Message | undefined, key: string, args: readonly unknown[]): string {
  if (entry === undefined) return key;
  return typeof entry === 'function' ? (entry as (...a: unknown[]) => string)(...args) : entry;
}

/** The dictionary for `locale`, else zh-CN's, else English's (a locale not written yet reads as the default). */
export function messagesFor<D extends Partial<Record<Locale, unknown>>>(
  dictionaries: D,
  locale: Locale,
): NonNullable<D[Locale]> {
  const found = [locale, ...FALLBACK_LOCALES].map((l) => dictionaries[l]).find((d) => d !== undefined);
  if (found === undefined) throw new Error('messagesFor: no dictionary');
  return found as NonNullable<D[Locale]>;
}

/**
 * `key` in `locale` with its arguments applied, falling back to zh-CN, then English, then the key.
 *
 * @example
 * translate({ 'zh-CN': { hi: (n: string) => `你好，${n}` }, en: { hi: (n: string) => `Hi ${n}` } }, 'en', 'hi', 'Li Na');
 */
export function translate(
  dictionaries: Partial<Record<Locale, Messages>>,
  locale: Locale,
  key: string,
  ...args: readonly unknown[]
): string {
  const catalogs = [locale, ...FALLBACK_LOCALES].map((l) => dictionaries[l]);
  return formatMessage(lookupMessage(catalogs, key), key, args);
}

/**
 * A typed `translate` over one dictionary per locale; the English one must have every key of the
 * Chinese one.
 *
 * @example
 * const t = translator({ 'zh-CN': { n: (n: number) => `共 ${n} 项` }, en: { n: (n: number) => (n === 1 ? '1 item' : `${n} items`) } });
 * t('en', 'n', 3); // "3 items"
 */
export function translator<M extends Messages>(dictionaries: Record<Locale, { [K in keyof M]: M[K] }>) {
  return <K extends keyof M & string>(locale: Locale, key: K, ...args: MessageArgs<M, K>): string =>
    translate(dictionaries as Partial<Record<Locale, Messages>>, locale, key, ...args);
}

/**
 * A typed message in every locale at once, for texts stored and sent in both (the engine's
 * explanations, briefs and reasons): each locale's message picks its own words from the arguments,
 * e.g. a `LocalizedText` name's `['zh-CN']` or `.en`.
 *
 * @example
 * const both = localizer({ 'zh-CN': { fee: (n: LocalizedText) => `${n['zh-CN']} 手续费` }, en: { fee: (n: LocalizedText) => `${n.en} fee` } });
 * both('fee', name); // { 'zh-CN': '… 手续费', en: '… fee' }
 */
export function localizer<M extends Messages>(dictionaries: Record<Locale, { [K in keyof M]: M[K] }>) {
  const t = translator<M>(dictionaries);
  return <K extends keyof M & string>(key: K, ...args: MessageArgs<M, K>): LocalizedText => ({
    'zh-CN': t('zh-CN', key, ...args),
    en: t('en', key, ...args),
  });
}

/**
 * The plural form of `count` in `locale` (`Intl.PluralRules`: Chinese has one form, English two).
 *
 * @example
 * plural('en', n, { one: `${n} month`, other: `${n} months` });
 */
export function plural(locale: Locale, count: number, forms: { one?: string; other: string }): string {
  const form = new Intl.PluralRules(locale).select(count);
  return (form === 'one' ? forms.one : undefined) ?? forms.other;
}
