// zod compiles object parsers with `new Function` unless told otherwise, and the console runs under
// `script-src 'self'`: a blocked probe is reported as a CSP violation. This must run before any
// schema is defined (before @finlet/contracts is evaluated), so every module that validates with the
// contracts imports this one first.
import { z } from 'zod';

z.config({ jitless: true });
