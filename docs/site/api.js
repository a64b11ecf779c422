// Starts Scalar's API reference on /docs/api, reading the gateway's own OpenAPI document. A file,
// not an inline script: the docs site keeps `script-src 'self'`. Nothing leaves the gateway's
// origin: no web fonts, no telemetry, no request proxy, no AI agent.
const mount = document.getElementById('finlet-api');
window.Scalar.createApiReference(mount, {
  url: mount.dataset.openapiUrl,
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  showDeveloperTools: 'never',
  persistAuth: false,
  documentDownloadType: 'json',
});
