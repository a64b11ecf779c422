import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ConsoleSession } from '../api/console-api.js';
import { ConsoleElement, type ShownProblem } from './console-element.js';

/**
 * @summary The sign-in form: an admin key exchanged once for an HttpOnly session cookie; the key is
 * never stored. Wrong or revoked keys are refused in words.
 * @fires fc-signed-in - Signed in; `detail` is the console session.
 */
@customElement('fc-sign-in')
export class FcSignIn extends ConsoleElement {
  @state() private busy = false;
  @state() private error: ShownProblem | undefined;
  @state() private empty = false;

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('apiKey') as HTMLInputElement;
    const apiKey = input.value.trim();
    this.error = undefined;
    this.empty = apiKey === '';
    if (this.empty) {
      input.focus();
      return;
    }
    this.busy = true;
    try {
      const session = await this.api.signIn(apiKey);
      input.value = '';
      this.dispatchEvent(
        new CustomEvent<ConsoleSession>('fc-signed-in', { detail: session, bubbles: true, composed: true }),
      );
    } catch (error) {
      this.error = this.problem(error);
      await this.updateComplete;
      input.focus();
      input.select();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<section class="panel stack sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">${this.t('signIn.title')}</h2>
      <p class="muted" id="sign-in-intro">${this.t('signIn.intro')}</p>
      <form class="stack" @submit=${this.submit} novalidate>
        <label
          >${this.t('signIn.key')}
          <input
            name="apiKey"
            type="password"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="sign-in-intro${this.empty ? ' sign-in-empty' : ''}"
            aria-invalid=${this.empty || this.error ? 'true' : 'false'}
          />
        </label>
        ${this.empty ? html`<p id="sign-in-empty" class="message error" role="alert">${this.t('signIn.empty')}</p>` : nothing}
        ${this.renderProblem(this.error)}
        <div class="row">
          <button class="primary" type="submit" ?disabled=${this.busy}>
            ${this.busy ? this.t('signIn.submitting') : this.t('signIn.submit')}
          </button>
        </div>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-sign-in': FcSignIn;
  }
  interface GlobalEventHandlersEventMap {
    'fc-signed-in': CustomEvent<ConsoleSession>;
  }
}
