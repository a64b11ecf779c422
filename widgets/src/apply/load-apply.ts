let loading = false;

/**
 * Loads `<finlet-apply>` the first time an element opens an application in place (a chat's
 * hand-off, an accepted nudge): most pages never open one, so it is not part of their code.
 */
export function loadApply(): void {
  if (loading) return;
  loading = true;
  import('./finlet-apply.js').catch((error: unknown) => {
    loading = false;
    console.error('[finlet] could not load <finlet-apply>', error);
  });
}
