// Shared page code of the demo partner sites: language switch, the site's own sign-in, handing the
// widgets a session from the site's backend, and the developer panel. No framework, no build step.

const LOCALE_KEY = 'finlet-demo-locale';
const FINLET_EVENTS = [
  'finlet-ready',
  'finlet-error',
  'finlet-offer-select',
  'finlet-application-submit',
  'finlet-route-select',
  'finlet-handoff',
  'finlet-session-expired',
  'finlet-nudge-action',
];

export const gateway = document.querySelector('meta[name="finlet-gateway"]')?.getAttribute('content') ?? '';
export let locale = localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN';

/** Picks the text for the current language. */
export const t = (zh, en) => (locale === 'en' ? en : zh);

/** Digits after the decimal point of each currency's minor unit (ISO 4217); 2 when not listed. */
const MINOR_DIGITS = { JPY: 0, VND: 0, KRW: 0 };

/** Formats integer minor units without binary floats: `{ value: 1280000, currency: 'CNY' }` → ¥12,800.00. */
export function money(amount) {
  const exp = MINOR_DIGITS[amount.currency] ?? 2;
  const digits = String(Math.abs(amount.value)).padStart(exp + 1, '0');
  const major = new Intl.NumberFormat(locale).format(BigInt(digits.slice(0, digits.length - exp)));
  const symbol = { CNY: '¥', JPY: 'JP¥', USD: 'US$', VND: '₫' }[amount.currency] ?? `${amount.currency} `;
  const fraction = exp > 0 ? `.${digits.slice(-exp)}` : '';
  return `${amount.value < 0 ? '-' : ''}${symbol}${major}${fraction}`;
}

/**
 * What the partner shows after `finlet-route-select`: the chosen route, what the payee receives,
 * what it costs and when it arrives (the partner would now start the payment with its bank).
 */
export function describeRoute(detail) {
  const { option } = detail;
  const path = option.legs.map((leg) => leg.networkName).join(' → ');
  const arrives = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(option.arrivesAt),
  );
  return t(
    `已选择路线：${path}。对方实收 ${money(option.recipientGets)}，您支付 ${money(option.senderPays)}（总成本 ${money(option.totalCost)}），预计 ${arrives} 到账。`,
    `Route chosen: ${path}. The payee receives ${money(option.recipientGets)}; you pay ${money(option.senderPays)} (total cost ${money(option.totalCost)}), arriving by ${arrives}.`,
  );
}

/** Major units as the widgets' `amount` attribute wants them (`12800.00`). */
export function majorUnits(amount) {
  const digits = String(amount.value).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

export async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error ?? `HTTP ${response.status}`);
  return data;
}

/** Swaps every `[data-en]` text (and `[data-en-label]` aria-label) to the current language. */
export function translatePage() {
  document.documentElement.lang = locale;
  for (const el of document.querySelectorAll('[data-en]')) {
    if (el.dataset.zh === undefined) el.dataset.zh = el.textContent;
    el.textContent = locale === 'en' ? el.dataset.en : el.dataset.zh;
  }
  for (const el of document.querySelectorAll('[data-en-label]')) {
    if (el.dataset.zhLabel === undefined) el.dataset.zhLabel = el.getAttribute('aria-label') ?? '';
    el.setAttribute('aria-label', locale === 'en' ? el.dataset.enLabel : el.dataset.zhLabel);
  }
  for (const provider of document.querySelectorAll('finlet-provider'))
    provider.setAttribute('locale', locale);
  const toggle = document.getElementById('lang-toggle');
  if (toggle) {
    toggle.textContent = locale === 'en' ? '中文' : 'English';
    toggle.setAttribute('lang', locale === 'en' ? 'zh-CN' : 'en');
    toggle.setAttribute('aria-label', locale === 'en' ? '切换到中文' : 'Switch to English');
  }
}

/** Wires the language switch; `onChange` re-renders what the page drew itself. */
export function setupLocale(onChange) {
  translatePage();
  document.getElementById('lang-toggle')?.addEventListener('click', () => {
    locale = locale === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem(LOCALE_KEY, locale);
    translatePage();
    onChange?.();
  });
}

/** Replaces a slot's content with a copy of a `<template>` (widgets appear only once signed in). */
export function mount(slotId, templateId) {
  const slot = document.getElementById(slotId);
  const template = document.getElementById(templateId);
  slot.replaceChildren(template.content.cloneNode(true));
  translatePage();
  return slot;
}

function summarize(detail) {
  if (!detail || typeof detail !== 'object') return detail ?? null;
  const out = {};
  for (const [key, value] of Object.entries(detail)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
  }
  const option = detail.option;
  if (option)
    out.option = {
      id: option.id,
      route: option.legs?.map((leg) => leg.networkName).join(' → '),
      recipientGets: option.recipientGets,
      totalCost: option.totalCost,
      arrivesAt: option.arrivesAt,
    };
  if (detail.prefill) out.prefill = detail.prefill;
  const application = detail.application;
  if (application)
    out.application = { id: application.id, status: application.status, offerId: application.offerId };
  return out;
}

function mountDevPanel() {
  const aside = document.createElement('aside');
  aside.className = 'dev-panel';
  aside.id = 'dev-panel';
  aside.setAttribute('aria-labelledby', 'dev-title');
  aside.innerHTML = `<div class="dev-panel-inner">
    <h2 id="dev-title" data-en="Developer panel">开发者面板</h2>
    <p data-en="What this partner receives: events the widgets emit on the page, and what its backend did and received (sessions, signals, verified webhooks).">合作方能看到的：页面上组件发出的事件，以及后端的动作和收到的已验签 Webhook（会话、信号等）。</p>
    <div class="dev-columns">
      <section aria-labelledby="dev-events-title"><h3 id="dev-events-title" data-en="Widget events">组件事件</h3><ol id="dev-events" tabindex="0" aria-labelledby="dev-events-title"></ol></section>
      <section aria-labelledby="dev-backend-title"><h3 id="dev-backend-title" data-en="Backend: webhooks and calls">后端：Webhook 与调用</h3><ol id="dev-backend" tabindex="0" aria-labelledby="dev-backend-title"></ol></section>
    </div></div>`;
  document.body.append(aside);
  for (const type of FINLET_EVENTS) {
    document.addEventListener(type, (event) => {
      api('POST', '/api/dev/events', { type, detail: summarize(event.detail) }).catch(() => {});
    });
  }
}

let lastSeq = 0;
async function pollDevLog() {
  try {
    const { entries } = await api('GET', `/api/dev/log?after=${lastSeq}`);
    for (const entry of entries) {
      lastSeq = Math.max(lastSeq, entry.seq);
      const li = document.createElement('li');
      li.dataset.kind = entry.kind;
      li.dataset.type = entry.type;
      const time = entry.at.slice(11, 19);
      const kind = entry.kind === 'webhook' ? 'webhook ✓ ' : entry.kind === 'server' ? 'server ' : '';
      li.innerHTML = `<span class="muted-dev">${time}</span> <span class="dev-kind"></span><span class="dev-type"></span> <span class="dev-detail"></span>`;
      li.querySelector('.dev-kind').textContent = kind;
      li.querySelector('.dev-type').textContent = entry.type;
      li.querySelector('.dev-detail').textContent = JSON.stringify(entry.detail);
      document.getElementById(entry.kind === 'event' ? 'dev-events' : 'dev-backend')?.prepend(li);
    }
  } catch {}
  setTimeout(pollDevLog, 1000);
}

/**
 * The site's own data changed (e.g. the registration was saved): hands the widgets a session minted
 * from it, so that applications are pre-filled with what the user just entered. Handed over once;
 * the page's token source keeps refreshing the session from then on.
 */
export async function refreshSession() {
  const { token } = await api('POST', '/api/finlet-session');
  window.finlet?.configure({ sessionToken: token });
  await new Promise((resolve) => setTimeout(resolve, 0));
  window.finlet?.configure({ sessionToken: undefined });
}

/**
 * Starts a site page: language, developer panel, and the site's own sign-in. Once signed in, the
 * widgets get their gateway and a session source that asks the site's backend (never the secret key).
 */
export async function boot({ onSignedIn, onLocale } = {}) {
  let showUser = () => {};
  setupLocale(() => {
    showUser();
    onLocale?.();
  });
  mountDevPanel();
  translatePage();
  void pollDevLog();
  const signedIn = (me) => {
    document.getElementById('login')?.setAttribute('hidden', '');
    document.getElementById('app')?.removeAttribute('hidden');
    showUser = () => {
      for (const el of document.querySelectorAll('[data-user-name]'))
        el.textContent = t(me.user.name, me.user.nameEn);
    };
    showUser();
    window.finlet?.configure({
      gateway,
      fetchSessionToken: () => api('POST', '/api/finlet-session'),
    });
    onSignedIn?.(me);
  };
  const me = await api('GET', '/api/me');
  if (me.user) return signedIn(me);
  document.getElementById('login')?.removeAttribute('hidden');
  document.getElementById('login-button')?.addEventListener('click', async () => {
    signedIn(await api('POST', '/api/login'));
  });
}
