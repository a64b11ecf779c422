export { createGateway, type Gateway, type GatewayConfig } from './app.js';
export { createAdminKey, createPartner } from './bootstrap.js';
export type { LlmConfig } from './chat/llm.js';
export type { ResponseCheck, ResponseMismatch } from './http/responses.js';
export {
  type Actor,
  listPartnerKeys,
  RETIRED_SIGNING_KEY_SERVED_SECONDS,
  revokeAdminKey,
  revokePartnerKey,
  rotatePartnerKey,
  rotateSigningKey,
  setPartnerStatus,
} from './keys/lifecycle.js';
export { looseDataDirModes } from './secrets/file-modes.js';
export { MasterKeyError, SealedSecretError, SecretSealer } from './secrets/sealer.js';
export type { SecretsReport } from './secrets/store.js';
export { type RunningGateway, startGateway } from './server.js';
/** Feishu's callback scheme (signature and AES-256-CBC body), for simulators and partner-side tools. */
export { feishuDecrypt, feishuEncrypt, feishuSignature } from './social/feishu-crypto.js';
export { StoreConflictError } from './storage/errors.js';
export { openStore } from './storage/index.js';
export type { Store } from './storage/store.js';
export { GATEWAY_VERSION } from './version.js';
export { checkWebhookUrl, ForbiddenAddressError } from './webhooks/address.js';
