/**
 * Loads `<finlet-suitability>` (most pages never show it) and answers how to open it in place: the
 * offers' and a nudge's call to take the risk assessment.
 */
export const loadAssessment = () => import('./finlet-suitability.js').then((m) => m.openAssessment);
