/** JSON payload columns are TEXT in both dialects. */
export const json = (value: unknown): string => JSON.stringify(value);
export const parse = <T>(text: string): T => JSON.parse(text) as T;
