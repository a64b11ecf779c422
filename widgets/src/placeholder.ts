// What an element paints before its code has run, rendered by the partner's server into the page.
import type { Locale } from '@finlet/contracts';
import type { CSSResult } from 'lit';
import commonEn from './internal/common.messages.en.js';
import { commonMessages } from './internal/common.messages.js';
import type { FinletMode } from './internal/config.js';
import { baseStyles } from './internal/styles.js';
import offersEn from './offers/offers.messages.en.js';
import { offersMessages } from './offers/offers.messages.js';
import { offersStyles } from './offers/offers.styles.js';

/** The elements a placeholder can be rendered for: those whose first render is their title over a loading skeleton. */
export type PlaceholderTag = 'finlet-offers';

export interface PlaceholderOptions {
  /** `zh-CN` (default) or `en`: the element's own locale, as its `locale` attribute or the provider's says. */
  locale?: Locale | undefined;
  /** `elder` when the element shows in elder mode. */
  mode?: FinletMode | undefined;
  /** The page's CSP nonce for styles (`style-src 'nonce-…'`); without it a strict CSP shows the placeholder unstyled. */
  nonce?: string | undefined;
}

const ELEMENTS: Record<PlaceholderTag, { styles: CSSResult[]; title: Record<Locale, string> }> = {
  'finlet-offers': {
    styles: [baseStyles, offersStyles],
    title: { 'zh-CN': zh(offersMessages)['offers.title'], en: offersEn['offers.title'] },
  },
};
/** The tags `finletPlaceholder` has a placeholder for. */
export const PLACEHOLDER_TAGS = Object.keys(ELEMENTS) as readonly PlaceholderTag[];

const LOADING: Record<Locale, string> = {
  'zh-CN': zh(commonMessages)['common.loading'],
  en: commonEn['common.loading'],
};

/**
 * The declarative shadow root an element shows until its code runs: its title over the loading
 * skeleton, in its own styles, exactly what its first render paints. A page rendered on a server
 * puts it inside the tag, `<finlet-offers amount="8000">${finletPlaceholder('finlet-offers')}</finlet-offers>`:
 * the browser paints it with the page's HTML, before finlet.js arrives, and it holds the element's
 * place so nothing below moves when the element renders. The element's first render replaces it.
 * A browser without declarative shadow DOM ignores it (the element paints as usual).
 */
export function finletPlaceholder(tag: PlaceholderTag, options: PlaceholderOptions = {}): string {
  const element = Object.hasOwn(ELEMENTS, tag) ? ELEMENTS[tag] : undefined;
  if (!element) {
    throw new TypeError(
      `finletPlaceholder: no placeholder for <${String(tag)}>; one of ${PLACEHOLDER_TAGS.join(', ')}`,
    );
  }
  const locale: Locale = options.locale === 'en' ? 'en' : 'zh-CN';
  const css = element.styles
    .map((sheet) => sheet.cssText)
    .join('\n')
    .replace(/\s*\n\s*/g, '');
  const nonce = options.nonce ? ` nonce="${escapeHtml(options.nonce)}"` : '';
  return (
    `<template shadowrootmode="open"><style${nonce}>${css}</style>` +
    `<section part="base" class="base${options.mode === 'elder' ? ' elder' : ''}" aria-labelledby="title" lang="${locale}">` +
    `<header part="header"><h2 id="title">${escapeHtml(element.title[locale])}</h2></header>` +
    `<div role="status" aria-live="polite" part="loading"><span class="visually-hidden">${escapeHtml(LOADING[locale])}</span>` +
    '<div class="skeleton" aria-hidden="true"></div></div></section></template>'
  );
}

function zh<M extends Record<string, unknown>>(bundle: { get(locale: Locale): M | undefined }): M {
  const messages = bundle.get('zh-CN');
  if (!messages) throw new Error('finletPlaceholder: zh-CN messages missing');
  return messages;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
