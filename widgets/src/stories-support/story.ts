// Shared pieces of the widget stories: the dark partner theme, controls and play-function helpers.
import type { Locale } from '@finlet/contracts';
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { expect, waitFor } from 'storybook/test';
import type { FinletToken } from '../internal/tokens.js';
import { previewToken, SESSIONS, type SessionName } from './fixtures.js';
import { type Behaviour, previewGateway } from './preview-gateway.js';

/**
 * A partner's dark brand, set only through documented `--finlet-*` tokens (a typo or an
 * undocumented token fails to compile).
 */
export const DARK_THEME = {
  '--finlet-color-primary': '#7dd3fc',
  '--finlet-color-on-primary': '#0b1220',
  '--finlet-color-text': '#f1f5f9',
  '--finlet-color-muted': '#cbd5e1',
  '--finlet-color-surface': '#1e293b',
  '--finlet-color-background': '#0b1220',
  '--finlet-color-border': '#64748b',
  '--finlet-color-danger': '#fca5a5',
  '--finlet-color-success': '#86efac',
  '--finlet-color-focus': '#fbbf24',
  '--finlet-radius': '16px',
  '--finlet-font-family': "'Noto Sans CJK SC', 'PingFang SC', system-ui, sans-serif",
  '--finlet-font-size': '16px',
  '--finlet-spacing': '9px',
} as const satisfies Partial<Record<FinletToken, string>>;

export type Theme = 'default' | 'dark';

/** Args every element story shares; the element-specific ones are added per file. */
export interface CommonArgs {
  /** How the preview gateway behaves (see preview-gateway.ts). */
  behaviour: Behaviour;
  /** Which fixture session the token carries. */
  session: SessionName;
  locale: Locale;
  mode: 'standard' | 'elder';
  theme: Theme;
}

export const COMMON_DEFAULTS: CommonArgs = {
  behaviour: 'live',
  session: 'shopper',
  locale: 'zh-CN',
  mode: 'standard',
  theme: 'default',
};

export const COMMON_ARG_TYPES = {
  behaviour: {
    description: 'How the story gateway answers (not an attribute).',
    control: 'select',
    options: [
      'live',
      'pending',
      'offline',
      'problem:invalid_token',
      'problem:session_expired',
      'problem:internal_error',
      'problem:rate_limited',
      'submit-problem:offer_not_eligible',
    ],
    table: { category: 'story' },
  },
  session: {
    description: 'Which session token the story mints (not an attribute).',
    control: 'select',
    options: Object.keys(SESSIONS),
    table: { category: 'story' },
  },
  theme: {
    description: 'A dark partner theme through the `--finlet-*` tokens (not an attribute).',
    control: 'inline-radio',
    options: ['default', 'dark'],
    table: { category: 'story' },
  },
  locale: { control: 'inline-radio', options: ['zh-CN', 'en'] },
  mode: { control: 'inline-radio', options: ['standard', 'elder'] },
} as const;

/**
 * `gateway` and `session-token` come from the story's `behaviour` and `session` controls (the
 * preview gateway URL and a fixture token), and the properties mirror the attribute controls.
 */
export const CONNECTION_ARG_TYPES = {
  gateway: { control: false },
  'session-token': { control: false },
  sessionToken: { control: false },
  fetchSessionToken: { control: false },
  termMonths: { control: false },
} as const;

/** The gateway URL and token for a story; the id keeps stories shown together apart. */
export function connection(args: CommonArgs, id: string): { gateway: string; token: string } {
  return {
    gateway: previewGateway(args.behaviour, `${id}-${args.session}`),
    token: previewToken(SESSIONS[args.session]),
  };
}

/** The partner's page around the element: the background and, for `dark`, the theme tokens. */
export function page(theme: Theme, content: TemplateResult): TemplateResult {
  const tokens = theme === 'dark' ? DARK_THEME : {};
  return html`<div
    class="partner-page"
    style=${styleMap({
      ...tokens,
      background: theme === 'dark' ? DARK_THEME['--finlet-color-background'] : '#f6f6f6',
      padding: '16px',
      maxWidth: '720px',
    })}
  >${content}</div>`;
}

/** The element's shadow root, once it is in the story. */
export async function shadowOf(canvas: HTMLElement, tag: string): Promise<ShadowRoot> {
  return waitFor(
    () => {
      const root = canvas.querySelector(tag)?.shadowRoot;
      if (!root) throw new Error(`<${tag}> has not rendered`);
      return root;
    },
    { timeout: 5_000 },
  );
}

/** Waits until `selector` matches inside `root` (the state a story promises) and returns it. */
export async function reach(root: ShadowRoot, selector: string, timeout = 10_000): Promise<HTMLElement> {
  return waitFor(
    () => {
      const found = root.querySelector<HTMLElement>(selector);
      if (!found) throw new Error(`${selector} never appeared`);
      return found;
    },
    { timeout },
  );
}

/** Asserts the element shows an error with the given problem code (or message text). */
export async function expectError(root: ShadowRoot, text: string): Promise<void> {
  const error = await reach(root, '[part~="error"]');
  await expect(error.textContent ?? '').toContain(text);
}

/** A play function for a story whose whole promise is one state: `part` shows inside `tag`. */
export function showsPart(tag: string, part: string) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
    await reach(await shadowOf(canvasElement, tag), `[part~="${part}"]`);
  };
}

/** A play function for an error story: `tag` shows an error naming `code`. */
export function showsError(tag: string, code: string) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
    await expectError(await shadowOf(canvasElement, tag), code);
  };
}
