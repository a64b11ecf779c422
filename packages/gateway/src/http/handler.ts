import type { ROUTES } from '@finlet/contracts';
import type { Context } from 'hono';
import type { GatewayEnv } from './context.js';

export type OperationId = (typeof ROUTES)[number]['operationId'];
export type Handler = (c: Context<GatewayEnv>) => Promise<Response> | Response;
export type Handlers = Partial<Record<OperationId, Handler>>;
