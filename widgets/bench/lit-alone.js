// The size baseline: a minimal LitElement with a style and a property, nothing of Finlet.
import { css, html, LitElement } from 'lit';

class LitAlone extends LitElement {
  static styles = css`
    :host {
      display: block;
    }
  `;
  static properties = { label: {} };
  render() {
    return html`<p>${this.label}</p>`;
  }
}
customElements.define('lit-alone', LitAlone);
