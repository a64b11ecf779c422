/**
 * Classic XSS payloads for tests that put untrusted text on a page: each one that executes sets
 * `window.__xss` (to its number), so a test checks the flag stays unset and the text shows as text.
 */
export const XSS_PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '"><svg onload="window.__xss=3">',
  '\'><iframe srcdoc="<script>parent.__xss=4</script>">',
  'javascript:window.__xss=5',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, on purpose.
  '${window.__xss=6}{{constructor.constructor("window.__xss=7")()}}',
] as const;
