import type { HandoffSuggestion } from '../api/handoffs.js';

/** What the next message starts from: the suggested reply inserted last, if any. */
export interface MessageOrigin {
  suggestionId: string;
  /** As the desk expects the gateway to record it: sent as drafted, or changed first. */
  outcome: 'accepted' | 'edited';
}

/**
 * The suggested replies in front of the agent and what they did with them. Inserting puts a
 * suggestion's text in the composer and nothing more; the message that is finally sent names the
 * suggestion it started from (the gateway records it accepted or edited), and a discard is
 * reported on its own. Suggestions stay on offer until used, discarded or replaced by a new draft.
 */
export class SuggestionLedger {
  private list: HandoffSuggestion[] = [];
  private discarded = new Set<string>();
  private inserted: HandoffSuggestion | undefined;

  /** New drafts (newest first as the gateway lists them); only those still pending are offered. */
  reset(suggestions: readonly HandoffSuggestion[]): void {
    this.list = suggestions.filter((s) => s.outcome === 'pending');
    this.discarded.clear();
    this.inserted = undefined;
  }

  /** The suggestions still offered: pending, not in the composer, not discarded. */
  get offered(): HandoffSuggestion[] {
    return this.list.filter((s) => !this.discarded.has(s.id) && s.id !== this.inserted?.id);
  }

  /**
   * The composer's text once `id` is inserted: the suggestion replaces an empty composer or the
   * untouched suggestion inserted before it, and is added after anything the agent wrote.
   */
  insert(id: string, composer: string): string | undefined {
    const suggestion = this.list.find((s) => s.id === id && !this.discarded.has(s.id));
    if (!suggestion) return undefined;
    const untouched = this.inserted !== undefined && same(composer, this.inserted.text);
    this.inserted = suggestion;
    return composer.trim() === '' || untouched
      ? suggestion.text
      : `${composer.trimEnd()}\n${suggestion.text}`;
  }

  /** The agent changed the composer: emptying it lets go of the inserted suggestion. */
  edited(composer: string): void {
    if (composer.trim() === '') this.inserted = undefined;
  }

  discard(id: string): void {
    this.discarded.add(id);
  }

  /** The suggestion the message `sent` started from, with the outcome it should be recorded as. */
  origin(sent: string): MessageOrigin | undefined {
    if (!this.inserted) return undefined;
    return {
      suggestionId: this.inserted.id,
      outcome: same(sent, this.inserted.text) ? 'accepted' : 'edited',
    };
  }

  /** After a send: the suggestion used is spent; the others stay on offer. */
  sent(): void {
    if (this.inserted) this.list = this.list.filter((s) => s.id !== this.inserted?.id);
    this.inserted = undefined;
  }
}

function same(a: string, b: string): boolean {
  const n = (t: string) => t.replace(/\s+/g, ' ').trim();
  return n(a) === n(b);
}
