import type { Locale } from '@finlet/contracts';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleApi, type ConsoleSession } from '../api/console-api.js';
import { initialLocale, LOCALES, saveLocale } from '../i18n/translator.js';
import '../applications/fc-application-file.js';
import '../applications/fc-application-inbox.js';
import '../audit/fc-audit-log.js';
import '../funnel/fc-funnel.js';
import '../desk/fc-desk-conversation.js';
import '../desk/fc-desk-queue.js';
import '../lists/fc-admin-key-list.js';
import '../lists/fc-item-view.js';
import '../lists/fc-item-new.js';
import '../lists/fc-offer-list.js';
import '../lists/fc-knowledge-list.js';
import '../lists/fc-partner-list.js';
import '../lists/fc-table-list.js';
import '../lists/fc-thesaurus-list.js';
import '../lists/fc-questionnaire-list.js';
import { ConsoleElement, type ShownProblem } from './console-element.js';
import './fc-sign-in.js';
import { BASE, mayUse, parseRoute, type Route } from './route.js';

const NAV = [
  ['applications', 'nav.applications'],
  ['funnel', 'nav.funnel'],
  ['offers', 'nav.offers'],
  ['knowledge', 'nav.knowledge'],
  ['tables', 'nav.tables'],
  ['thesaurus', 'nav.thesaurus'],
  ['risk-questionnaires', 'nav.questionnaires'],
  ['partners', 'nav.partners'],
  ['admin-keys', 'nav.adminKeys'],
  ['audit', 'nav.audit'],
  ['desk', 'nav.desk'],
] as const;

/** The kind each "new item" page creates. */
const NEW_KIND = {
  'offer-new': 'offers',
  'knowledge-new': 'knowledge',
  'thesaurus-new': 'thesaurus',
} as const;

/**
 * @summary The publishing console: sign-in, who is signed in, navigation and the page for the
 * current path under `/console` (history-based, so deep links and the back button work).
 */
@customElement('fc-app')
export class FcApp extends ConsoleElement {
  static override styles = [
    ...ConsoleElement.styles,
    css`
      :host {
        min-height: 100vh;
        background: var(--_background);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_space) * 2);
        align-items: center;
        justify-content: space-between;
        padding: var(--_space) calc(var(--_space) * 3);
        background: var(--_surface);
        border-bottom: 1px solid var(--_border);
      }
      header h1 {
        font-size: 1.2em;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav a {
        display: inline-block;
        padding: var(--_space) calc(var(--_space) * 1.5);
        border-radius: var(--_radius);
        text-decoration: none;
      }
      nav a[aria-current='page'] {
        background: var(--_primary);
        color: var(--_on-primary);
      }
      .who {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
        align-items: center;
      }
      .who select {
        min-height: 36px;
      }
      main {
        padding: calc(var(--_space) * 3);
        max-width: 1280px;
        margin: 0 auto;
      }
      .skip {
        position: absolute;
        left: -9999px;
      }
      .skip:focus {
        left: var(--_space);
        top: var(--_space);
        background: var(--_surface);
        padding: var(--_space);
        z-index: 1;
      }
      .sign-in-page {
        max-width: 34rem;
        margin: 10vh auto 0;
      }
    `,
  ];

  @state() private route: Route = parseRoute(location.pathname);
  @state() private status: 'checking' | 'signed-out' | 'signed-in' = 'checking';
  @state() private ended = false;
  @state() private error: ShownProblem | undefined;

  constructor() {
    super();
    this.locale = initialLocale();
    this.api = new ConsoleApi(() => {
      if (this.status === 'signed-in') {
        this.ended = true;
        this.session = undefined;
        this.status = 'signed-out';
      }
    });
  }

  private readonly onPopState = () => {
    this.route = parseRoute(location.pathname);
  };

  /** Same-origin links under /console open inside the app (keyboard and middle-click keep working). */
  private readonly onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    const anchor = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.origin !== location.origin) return;
    if (anchor.pathname !== BASE && !anchor.pathname.startsWith(`${BASE}/`)) return;
    event.preventDefault();
    this.go(anchor.pathname + anchor.search);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('popstate', this.onPopState);
    this.addEventListener('click', this.onClick);
    this.addEventListener('fc-navigate', (e) => this.go(e.detail.path));
    this.addEventListener('fc-signed-in', (e) => this.signedIn(e.detail));
    document.documentElement.lang = this.locale;
    this.check();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('popstate', this.onPopState);
  }

  private async check() {
    this.error = undefined;
    this.status = 'checking';
    try {
      const session = await this.api.currentSession();
      if (session) this.signedIn(session);
      else this.status = 'signed-out';
    } catch (error) {
      this.error = this.problem(error);
      this.status = 'signed-out';
    }
  }

  private signedIn(session: ConsoleSession) {
    // The front page opens the first screen the role may use (an agent's work is the desk).
    const first =
      session.admin.role === 'agent'
        ? 'desk'
        : NAV.map(([section]) => section).find((section) =>
            mayUse(parseRoute(`${BASE}/${section}`), session.admin.role),
          );
    if (
      first &&
      this.route.view === 'offers' &&
      !mayUse(this.route, session.admin.role) &&
      /^\/console\/?$/.test(location.pathname)
    ) {
      history.replaceState(null, '', `${BASE}/${first}`);
      this.route = parseRoute(`${BASE}/${first}`);
    }
    this.session = session;
    this.ended = false;
    this.status = 'signed-in';
  }

  private async signOut() {
    try {
      await this.api.signOut();
    } catch {
      // The session is gone either way; the cookie ends with it.
    }
    this.session = undefined;
    this.status = 'signed-out';
  }

  private go(path: string) {
    if (path !== location.pathname + location.search) history.pushState(null, '', path);
    this.route = parseRoute(new URL(path, location.origin).pathname);
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main')?.focus());
  }

  private setLocale(event: Event) {
    const locale = (event.target as HTMLSelectElement).value as Locale;
    this.locale = locale;
    saveLocale(locale);
    document.documentElement.lang = locale;
    document.title = this.t('app.title');
  }

  protected override willUpdate(): void {
    document.title = this.t('app.title');
  }

  private section(): string {
    const r = this.route;
    if (r.view === 'item') return r.kind === 'rail-tables' || r.kind === 'fx-tables' ? 'tables' : r.kind;
    if (r.view === 'questionnaires') return 'risk-questionnaires';
    if (r.view === 'offer-new') return 'offers';
    if (r.view === 'application') return 'applications';
    if (r.view === 'knowledge-new') return 'knowledge';
    if (r.view === 'thesaurus-new') return 'thesaurus';
    if (r.view === 'desk-handoff') return 'desk';
    return r.view;
  }

  override render() {
    const languages = html`<label class="row"
      ><span>${this.t('app.language')}</span>
      <select @change=${this.setLocale} aria-label=${this.t('app.language')}>
        ${LOCALES.map((l) => html`<option value=${l} ?selected=${l === this.locale}>${l === 'en' ? 'English' : '简体中文'}</option>`)}
      </select></label
    >`;
    if (this.status !== 'signed-in' || !this.session) {
      return html`<header>
          <h1>${this.t('app.title')}</h1>
          <div class="who">${languages}</div>
        </header>
        <main class="sign-in-page stack" tabindex="-1">
          ${this.ended ? html`<p class="message error" role="alert">${this.t('app.sessionEnded')}</p>` : nothing}
          ${this.renderProblem(this.error, () => this.check())}
          ${
            this.status === 'checking'
              ? this.renderLoading()
              : html`<fc-sign-in .api=${this.api} locale=${this.locale}></fc-sign-in>`
          }
        </main>`;
    }
    const { admin } = this.session;
    const current = this.section();
    return html`<a class="skip" href="#main">${this.t('app.skip')}</a>
      <header>
        <h1>${this.t('app.title')}</h1>
        <nav aria-label=${this.t('app.nav')}>
          <ul>
            ${NAV.filter(([section]) => mayUse(parseRoute(`${BASE}/${section}`), admin.role)).map(
              ([section, key]) =>
                html`<li><a href="${BASE}/${section}" aria-current=${current === section ? 'page' : 'false'}>${this.t(key)}</a></li>`,
            )}
          </ul>
        </nav>
        <div class="who">
          <span class="whoami">${this.t('app.signedInAs', admin.name, this.t(`role.${admin.role}`))}</span>
          ${languages}
          <button type="button" class="sign-out" @click=${this.signOut}>${this.t('app.signOut')}</button>
        </div>
      </header>
      <main id="main" tabindex="-1">${this.renderPage()}</main>`;
  }

  private renderPage() {
    const common = { api: this.api, session: this.session, locale: this.locale };
    const r = this.route;
    // A screen the gateway would refuse this role: say so rather than show a failing request.
    if (this.session && !mayUse(r, this.session.admin.role)) {
      return html`<p class="message error" role="alert" id="not-for-role">${this.t('app.notForRole')}</p>`;
    }
    switch (r.view) {
      case 'offers':
        return html`<fc-offer-list .api=${common.api} .session=${common.session} locale=${this.locale}></fc-offer-list>`;
      case 'knowledge':
        return html`<fc-knowledge-list .api=${common.api} .session=${common.session} locale=${this.locale}></fc-knowledge-list>`;
      case 'tables':
        return html`<fc-table-list .api=${common.api} .session=${common.session} locale=${this.locale}></fc-table-list>`;
      case 'thesaurus':
        return html`<fc-thesaurus-list .api=${common.api} .session=${common.session} locale=${this.locale}></fc-thesaurus-list>`;
      case 'questionnaires':
        return html`<fc-questionnaire-list .api=${common.api} .session=${common.session} locale=${this.locale}></fc-questionnaire-list>`;
      case 'partners':
        return html`<fc-partner-list .api=${common.api} .session=${common.session} locale=${this.locale}></fc-partner-list>`;
      case 'admin-keys':
        return html`<fc-admin-key-list .api=${common.api} .session=${common.session} locale=${this.locale}></fc-admin-key-list>`;
      case 'audit':
        return html`<fc-audit-log .api=${common.api} .session=${common.session} locale=${this.locale}></fc-audit-log>`;
      case 'applications':
        return html`<fc-application-inbox .api=${common.api} .session=${common.session} locale=${this.locale}></fc-application-inbox>`;
      case 'application':
        return html`<fc-application-file
          .api=${common.api}
          .session=${common.session}
          locale=${this.locale}
          application-id=${r.id}
        ></fc-application-file>`;
      case 'funnel':
        return html`<fc-funnel .api=${common.api} .session=${common.session} locale=${this.locale}></fc-funnel>`;
      case 'desk':
        return html`<fc-desk-queue .api=${common.api} .session=${common.session} locale=${this.locale}></fc-desk-queue>`;
      case 'desk-handoff':
        return html`<fc-desk-conversation
          .api=${common.api}
          .session=${common.session}
          locale=${this.locale}
          handoff-id=${r.id}
        ></fc-desk-conversation>`;
      case 'offer-new':
      case 'knowledge-new':
      case 'thesaurus-new':
        return html`<fc-item-new
          .api=${common.api}
          .session=${common.session}
          locale=${this.locale}
          kind=${NEW_KIND[r.view]}
        ></fc-item-new>`;
      case 'item':
        return html`<fc-item-view
          .api=${common.api}
          .session=${common.session}
          locale=${this.locale}
          kind=${r.kind}
          item-id=${r.id}
          .version=${r.version}
        ></fc-item-view>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-app': FcApp;
  }
}
