/** Reported by /healthz and the OpenAPI document; kept in step with package.json by a test. */
export const GATEWAY_VERSION = '0.1.0';
