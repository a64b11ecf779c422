import { readFile } from 'node:fs/promises';
import { RailsDocument } from '@finlet/contracts';
import { parse } from 'yaml';

/** The bank's demo rails and FX tables, the file `finlet dev` publishes. */
const DEMO_RAILS = new URL('../../cli/demo/rails.yaml', import.meta.url);

/** FX rates stay usable this long, as in `finlet dev`: a test never finds them stale. */
const FX_MAX_AGE_SECONDS = 30 * 86_400;

/**
 * The demo rails of `finlet dev`, each FX table stamped as observed at `now` (the test gateway's
 * clock), so that quotes work whatever the date the test runs on.
 */
export async function loadDemoRails(now: Date): Promise<RailsDocument> {
  const doc = RailsDocument.parse(parse(await readFile(DEMO_RAILS, 'utf8')));
  return {
    ...doc,
    fxTables: doc.fxTables.map((t) => ({ ...t, asOf: now.toISOString(), maxAgeSeconds: FX_MAX_AGE_SECONDS })),
  };
}
