import type { RiskAssessment } from '@finlet/contracts';
import type { RiskAssessmentStore } from './store.js';

/**
 * Users' latest risk assessments, read once and kept for a short while: every session request
 * adds the user's assessed level (`withAssessedLevel`), and reading it from the database each time
 * was the largest single cost of a repeated `POST /v1/offers/match`. The copy holds the record,
 * not the verdict, so an assessment that expires is seen as expired at once. Recording an
 * assessment drops every copy on every instance (the `assessments` cache topic); the lifetime is
 * the safety net of the other caches.
 */
export class LatestAssessments {
  readonly #entries = new Map<string, { at: number; value: RiskAssessment | undefined }>();
  /** Bumped by `invalidate`: a read that began before it never stores what it found. */
  #generation = 0;

  constructor(
    private readonly store: Pick<RiskAssessmentStore, 'latest'>,
    private readonly ttlMs: () => number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async latest(partnerId: string, userId: string): Promise<RiskAssessment | undefined> {
    const key = `${partnerId}\n${userId}`;
    const hit = this.#entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs()) return hit.value;
    const generation = this.#generation;
    const value = await this.store.latest(partnerId, userId);
    if (generation === this.#generation) {
      if (this.#entries.size >= this.maxEntries) this.#entries.clear();
      this.#entries.set(key, { at: this.now(), value });
    }
    return value;
  }

  invalidate(): void {
    this.#generation++;
    this.#entries.clear();
  }
}
