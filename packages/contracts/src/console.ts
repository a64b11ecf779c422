import { z } from 'zod';
import { AdminIdentity } from './admin.js';
import { Timestamp } from './common.js';

/** Name of the console's session cookie (HttpOnly, SameSite=Strict, Secure outside loopback dev). */
export const CONSOLE_COOKIE = 'finlet_console';

/** Header carrying the session's CSRF token on every console request that is not GET or HEAD. */
export const CONSOLE_CSRF_HEADER = 'x-csrf-token';

/** Sign in to the console by exchanging an admin key for a session cookie. */
export const ConsoleSessionCreate = z
  .strictObject({ apiKey: z.string().min(1).max(200) })
  .meta({ id: 'ConsoleSessionCreate' });
export type ConsoleSessionCreate = z.infer<typeof ConsoleSessionCreate>;

/** The signed-in console session: who, the CSRF token to send back, and when it ends at the latest. */
export const ConsoleSession = z
  .object({
    admin: AdminIdentity,
    csrfToken: z.string(),
    expiresAt: Timestamp.meta({ description: 'Absolute end; 30 minutes without use end it earlier.' }),
  })
  .meta({ id: 'ConsoleSession' });
export type ConsoleSession = z.infer<typeof ConsoleSession>;
