/**
 * Errors of the storage layer. Their own module: the feature stores throw them and `store.ts`
 * imports those stores' types, so keeping them in `store.ts` made an import cycle.
 */

/** A unique constraint was violated. */
export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
}

/** Unique-constraint violations of either dialect become `StoreConflictError`. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Runs an insert or update; a unique violation throws `StoreConflictError` naming `what`. */
export async function unique<T>(work: Promise<T>, what: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error)) throw new StoreConflictError(`${what} already exists`, { cause: error });
    throw error;
  }
}
