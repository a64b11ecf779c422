import type * as Contracts from '@finlet/contracts';
import type { BankEvalInput, EvalInput, IntentEvalInput } from '@finlet/engine';

export function loadEvalInput(contracts: typeof Contracts): EvalInput;
export function loadDocuments(contracts: typeof Contracts): Contracts.KnowledgeDocument[];
export function loadOffers(contracts: typeof Contracts): Contracts.Offer[];
export function loadBankEvalInput(contracts: typeof Contracts): BankEvalInput;
export function loadIntentEvalInput(): IntentEvalInput;
