/**
 * Loads `<finlet-apply>` the first time an element opens an application in place (a chat's
 * hand-off, an accepted nudge): most pages never open one, so it is not part of their code.
 * Answers how to open it, pre-filled.
 */
export const loadApply = () => import('./finlet-apply.js').then((m) => m.openApply);
