import { z } from 'zod';
import { prefixedId, Scenario, Timestamp } from './common.js';

export const PartnerId = prefixedId('ptn').meta({ id: 'PartnerId' });

/** A web origin as browsers send it in the Origin header: scheme, host and optional port, nothing else. */
export const Origin = z
  .string()
  .max(255)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'must be an origin such as https://shop.example.com (scheme, host, optional port, no path or trailing slash)');

/** A request budget: at most `limit` requests in a window of `windowSeconds`, counted from the first. */
export const RateLimitBudget = z
  .strictObject({
    limit: z.int().min(1).max(1_000_000),
    windowSeconds: z.int().min(1).max(86_400),
  })
  .meta({ id: 'RateLimitBudget' });
export type RateLimitBudget = z.infer<typeof RateLimitBudget>;

/**
 * A partner's own budgets, replacing the gateway's defaults one by one: `partner` counts every
 * request of the partner (its server and all its users together), `user` each user's (session
 * subject), `chatPartner` and `chatUser` advice-chat messages.
 */
export const PartnerRateLimits = z
  .strictObject({
    partner: RateLimitBudget.optional(),
    user: RateLimitBudget.optional(),
    chatPartner: RateLimitBudget.optional(),
    chatUser: RateLimitBudget.optional(),
  })
  .meta({ id: 'PartnerRateLimits' });
export type PartnerRateLimits = z.infer<typeof PartnerRateLimits>;

export const Partner = z
  .object({
    id: PartnerId,
    name: z.string().min(1).max(120),
    origins: z.array(Origin),
    scenarios: z.array(Scenario),
    webhookUrl: z.url().nullable(),
    status: z.enum(['active', 'disabled']),
    /** Present when the partner has budgets of its own; the gateway's defaults apply to the rest. */
    rateLimits: PartnerRateLimits.optional(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Partner' });
export type Partner = z.infer<typeof Partner>;

export const PartnerCreate = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    origins: z.array(Origin).max(50).default([]),
    scenarios: z.array(Scenario).min(1).default(['consumption']),
    webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
    rateLimits: PartnerRateLimits.optional(),
  })
  .meta({ id: 'PartnerCreate' });
export type PartnerCreate = z.input<typeof PartnerCreate>;

/** Returned once, when a partner or key is created: the secret is never shown again. */
export const PartnerCreated = z
  .object({ partner: Partner, secretKey: z.string(), webhookSecret: z.string() })
  .meta({ id: 'PartnerCreated' });
export type PartnerCreated = z.infer<typeof PartnerCreated>;

export const PartnerList = z.object({ partners: z.array(Partner) }).meta({ id: 'PartnerList' });
export type PartnerList = z.infer<typeof PartnerList>;
