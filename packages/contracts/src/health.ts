import { z } from 'zod';

export const Health = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    version: z.string(),
    checks: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;

export const Jwks = z
  .object({
    keys: z.array(z.object({ kty: z.string(), kid: z.string(), alg: z.string(), use: z.string() }).loose()),
  })
  .meta({ id: 'Jwks' });
export type Jwks = z.infer<typeof Jwks>;
