// The render baseline beside finlet.js: a minimal LitElement painting what <finlet-offers> paints
// first, its zh-CN title in the kit's font stack, so the two pages resolve the same fonts (CJK
// fallback, a bold strike) and their difference is the code, not the typography.
import { css, html, LitElement } from 'lit';

class LitHeading extends LitElement {
  static styles = css`
    :host {
      display: block;
      font-family: system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif;
      font-size: 15px;
      line-height: 1.5;
    }
    h2 {
      margin: 0;
      font-size: 1.15em;
    }
  `;
  static properties = { label: {} };
  render() {
    return html`<h2>${this.label}</h2>`;
  }
}
customElements.define('lit-heading', LitHeading);
