export interface DevLogEntry {
  seq: number;
  at: string;
  /** `event`: a widget event the page reported; `webhook`: received and verified; `server`: the site's backend. */
  kind: 'event' | 'webhook' | 'server';
  type: string;
  detail: unknown;
}

/** What the developer panel shows: the newest entries of one site, read by polling with `after`. */
export class DevLog {
  private entries: DevLogEntry[] = [];
  private seq = 0;

  constructor(private readonly limit = 200) {}

  add(kind: DevLogEntry['kind'], type: string, detail: unknown): DevLogEntry {
    const entry = { seq: ++this.seq, at: new Date().toISOString(), kind, type, detail: clip(detail) };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return entry;
  }

  since(after: number): DevLogEntry[] {
    return this.entries.filter((e) => e.seq > after);
  }
}

/** Keeps a page from filling the panel (and the server) with a huge detail. */
function clip(detail: unknown): unknown {
  const text = JSON.stringify(detail ?? null);
  return text.length > 4000 ? { truncated: text.slice(0, 4000) } : (JSON.parse(text) as unknown);
}
