/**
 * The documented theming tokens. Every `--finlet-*` custom property an element reads must be
 * listed here (a test checks the styles against this list and the custom-elements manifest).
 */
export const TOKENS = {
  '--finlet-color-primary': 'Brand colour: buttons, links, highlights.',
  '--finlet-color-on-primary': 'Text on the brand colour.',
  '--finlet-color-text': 'Body text.',
  '--finlet-color-muted': 'Secondary text (must keep 4.5:1 on the surface).',
  '--finlet-color-surface': 'Card and panel background.',
  '--finlet-color-background': 'Background behind cards.',
  '--finlet-color-border': 'Borders and dividers.',
  '--finlet-color-danger': 'Errors.',
  '--finlet-color-success': 'Success messages.',
  '--finlet-color-focus': 'Keyboard focus ring.',
  '--finlet-radius': 'Corner radius of cards and buttons.',
  '--finlet-font-family': 'Font stack.',
  '--finlet-font-size': 'Base text size (elder mode never goes below 18px).',
  '--finlet-spacing': 'Base spacing unit; gaps and paddings are multiples of it.',
  '--finlet-advice-chat-height': 'Largest height of the advice chat’s message list before it scrolls.',
} as const;

export type FinletToken = keyof typeof TOKENS;
