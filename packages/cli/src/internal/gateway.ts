/**
 * The gateway (and with it SQLite's native module and the PostgreSQL driver) is loaded only by the
 * commands that need it, so offline commands such as `offers validate` start fast and never depend on it.
 */
export const loadGateway = (): Promise<typeof import('@finlet/gateway')> => import('@finlet/gateway');
