/** Bundles `example` (`react` or `vue`); returns the path of app.js. */
export function buildExample(
  example: string,
  options?: { outdir?: string; tsconfig?: string },
): Promise<string>;
