/**
 * Serialised (UTF-8 encoded) match answers for identical questions within one second. Matching is a pure function
 * of (catalogue, session, request, time); a session's signals live in its token, so the token's
 * `jti` plus the exact request body identify the question. Entries are dropped when the second or
 * the catalogue changes, so an answer is never more than a second older than the data behind it.
 */
export class MatchMemo {
  private bucket = -1;
  private catalogue: unknown;
  private readonly entries = new Map<string, Uint8Array<ArrayBuffer>>();

  constructor(private readonly maxEntries = 1_000) {}

  get(now: Date, catalogue: unknown, key: string): Uint8Array<ArrayBuffer> | undefined {
    this.roll(now, catalogue);
    return this.entries.get(key);
  }

  set(now: Date, catalogue: unknown, key: string, body: Uint8Array<ArrayBuffer>): void {
    this.roll(now, catalogue);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, body);
  }

  private roll(now: Date, catalogue: unknown): void {
    const bucket = Math.floor(now.getTime() / 1000);
    if (bucket !== this.bucket || catalogue !== this.catalogue) {
      this.entries.clear();
      this.bucket = bucket;
      this.catalogue = catalogue;
    }
  }
}
