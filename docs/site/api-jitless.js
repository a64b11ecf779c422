// Runs before Scalar's bundle: the zod inside it probes for `eval` (`Function('')`) unless told to
// run jitless, and under the docs' `script-src 'self'` that probe is a CSP violation. zod reads this
// global config object when it loads.
globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
