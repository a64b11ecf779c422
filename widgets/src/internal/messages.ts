import type { Locale } from '@finlet/contracts';
import type { Message, MessageArgs, Messages } from '@finlet/contracts/messages';

export { formatMessage as format } from '@finlet/contracts/messages';

/**
 * Translations travel with the element that shows them: each element folder has
 * `<element>.messages.ts` (zh-CN, the default locale, in the element's own module) and
 * `<element>.messages.en.ts` (loaded on first use by a page that asks for English), so an
 * element imported alone carries only its own texts and only the locale in use goes over the
 * wire. Texts every element shows (loading, errors) are in `internal/common.messages.ts`.
 * Plain wording; functions take already-formatted values (amounts, dates).
 */
export type MessageEntry = Message;
export type Dictionary = Messages;

/** The arguments message `K` of `M` takes (none for a plain string). */
export type Args<M, K extends keyof M> = MessageArgs<M, K>;

export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** One element's messages: zh-CN at hand, the other locales loaded once on first use. */
export class MessageBundle<M extends Dictionary = Dictionary> {
  private readonly loaded = new Map<Locale, M>();
  private readonly loading = new Map<Locale, Promise<void>>();

  constructor(
    zhCN: M,
    private readonly loaders: { readonly [L in Exclude<Locale, 'zh-CN'>]: () => Promise<{ default: M }> },
  ) {
    this.loaded.set(DEFAULT_LOCALE, zhCN);
  }

  /** The texts in `locale`, or undefined while that locale is not loaded yet. */
  get(locale: Locale): M | undefined {
    return this.loaded.get(locale);
  }

  /** Loads `locale` once; resolves at once when it is here. A failed load may be tried again. */
  load(locale: Locale): Promise<void> {
    if (this.loaded.has(locale)) return Promise.resolve();
    let pending = this.loading.get(locale);
    if (!pending) {
      pending = this.loaders[locale as Exclude<Locale, 'zh-CN'>]()
        .then((module) => {
          this.loaded.set(locale, module.default);
        })
        .finally(() => this.loading.delete(locale));
      this.loading.set(locale, pending);
    }
    return pending;
  }
}

export function defineMessages<M extends Dictionary>(
  zhCN: M,
  loaders: { readonly [L in Exclude<Locale, 'zh-CN'>]: () => Promise<{ default: M }> },
): MessageBundle<M> {
  return new MessageBundle(zhCN, loaders);
}

/**
 * Resolves when every bundle has `locale`, or returns undefined when they already do (render at
 * once). A locale that fails to load leaves the element in zh-CN rather than blank.
 */
export function messagesReady(bundles: readonly MessageBundle[], locale: Locale): Promise<void> | undefined {
  const missing = bundles.filter((bundle) => !bundle.get(locale));
  if (missing.length === 0) return undefined;
  return Promise.all(missing.map((bundle) => bundle.load(locale))).then(
    () => undefined,
    () => undefined,
  );
}

/** The message `key` in `locale` from the first bundle holding it (zh-CN while `locale` loads). */
export function lookup(
  bundles: readonly MessageBundle[],
  locale: Locale,
  key: string,
): MessageEntry | undefined {
  for (const bundle of bundles) {
    const entry = (bundle.get(locale) ?? bundle.get(DEFAULT_LOCALE))?.[key];
    if (entry !== undefined) return entry;
  }
  return undefined;
}
