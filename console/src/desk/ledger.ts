import type { SuggestedReply, SuggestionOutcome, SuggestionReport } from '../api/handoffs.js';

interface Entry {
  suggestion: SuggestedReply;
  /** The text put into the composer (a suggestion can be inserted once). */
  inserted: string | undefined;
  discarded: boolean;
}

/**
 * What the agent did with each suggested reply since the last message: inserted into the composer
 * (then sent as it was, or edited) or discarded. Nothing here sends anything; `report` turns the
 * ledger into the outcomes the next send carries, one per suggestion shown.
 */
export class SuggestionLedger {
  private entries = new Map<string, Entry>();

  /** A new set of suggestions (after a send or on opening): the previous ones are forgotten. */
  reset(suggestions: readonly SuggestedReply[]): void {
    this.entries = new Map(
      suggestions.map((s) => [s.id, { suggestion: s, inserted: undefined, discarded: false }]),
    );
  }

  /** The suggestions still offered (neither inserted nor discarded). */
  get offered(): SuggestedReply[] {
    return [...this.entries.values()]
      .filter((e) => !e.discarded && e.inserted === undefined)
      .map((e) => e.suggestion);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Marks `id` inserted; returns its text for the composer (undefined for an unknown id). */
  insert(id: string): string | undefined {
    const entry = this.entries.get(id);
    if (!entry || entry.discarded) return undefined;
    entry.inserted = entry.suggestion.text;
    return entry.inserted;
  }

  discard(id: string): void {
    const entry = this.entries.get(id);
    if (entry) entry.discarded = true;
  }

  /**
   * One outcome per suggestion shown: `accepted` when its inserted text went out unchanged,
   * `edited` when it was inserted and changed, `discarded` when it was discarded or never used.
   */
  report(sent: string): SuggestionReport[] {
    const text = normalise(sent);
    return [...this.entries.values()].map(({ suggestion, inserted, discarded }) => {
      let outcome: SuggestionOutcome = 'discarded';
      if (!discarded && inserted !== undefined) {
        outcome = text.includes(normalise(inserted)) ? 'accepted' : 'edited';
      }
      return { suggestionId: suggestion.id, outcome };
    });
  }
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
