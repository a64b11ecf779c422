export {
  type AssessmentNudgeDecision,
  type EvaluateNudgesInput,
  evaluateCondition,
  evaluateNudges,
  type NudgeDecision,
  type NudgeEvaluation,
  type NudgeHistoryEntry,
  prequalifiedAmount,
  type SuppressionReason,
} from './evaluate.js';
export { inQuietHours, localTime, quietHoursEnd } from './quiet-hours.js';
export { formatMetric, formatNudgeMoney, SIGNAL_LABELS } from './text.js';
