/**
 * Errors of the storage layer. Their own module: the feature stores throw them and `store.ts`
 * imports those stores' types, so keeping them in `store.ts` made an import cycle.
 */

/** A unique constraint was violated. */
export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
}
