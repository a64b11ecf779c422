import { HandoffDeskEvent } from '@finlet/contracts';

/** What a desk page should read again. */
export type DeskSignal =
  | { kind: 'queue' }
  | { kind: 'conversation'; conversationId: string }
  | { kind: 'all' };

/** How a desk page hears of changes: pushed by the gateway, or polled while the stream is down. */
export type DeskFeedMode = 'connecting' | 'live' | 'polling';

export interface DeskFeedOptions {
  /** The desk stream's URL (`GET /v1/admin/handoffs/events`, same origin). */
  url: string;
  /** How often to poll while the stream is down. */
  pollMs: number;
  onSignal: (signal: DeskSignal) => void | Promise<void>;
  onMode?: (mode: DeskFeedMode) => void;
}

/**
 * Follows the desk stream: each event says what to read again. When the stream cannot be opened
 * or drops (a proxy that buffers, an old gateway without it), the page polls every `pollMs` until
 * the stream says `ready` again; on `ready` and `resync` everything is read again, since signals
 * may have been missed meanwhile. Returns the function that stops it.
 */
export function followDesk(options: DeskFeedOptions): () => void {
  let mode: DeskFeedMode = 'connecting';
  let stopped = false;
  let running = false;
  let again: DeskSignal | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let source: EventSource | undefined;

  // One read at a time; signals during a read collapse into one more read of everything.
  const signal = async (s: DeskSignal) => {
    if (stopped) return;
    if (running) {
      again = again ? { kind: 'all' } : s;
      return;
    }
    running = true;
    try {
      let next: DeskSignal | undefined = s;
      while (next && !stopped) {
        again = undefined;
        await options.onSignal(next);
        next = again;
      }
    } catch {
      // The page shows its own load errors; the feed goes on.
    } finally {
      running = false;
    }
  };
  const setMode = (next: DeskFeedMode) => {
    if (mode === next) return;
    mode = next;
    if (next === 'polling' && !timer) {
      timer = setInterval(() => {
        if (document.visibilityState !== 'hidden') void signal({ kind: 'all' });
      }, options.pollMs);
    } else if (next === 'live' && timer) {
      clearInterval(timer);
      timer = undefined;
    }
    options.onMode?.(next);
  };

  if (typeof EventSource === 'undefined') {
    setMode('polling');
  } else {
    source = new EventSource(options.url, { withCredentials: true });
    const on = (type: string, handle: (event: HandoffDeskEvent) => void) =>
      source?.addEventListener(type, (e) => {
        const parsed = HandoffDeskEvent.safeParse(safeJson((e as MessageEvent<string>).data));
        if (parsed.success) handle(parsed.data);
      });
    on('ready', () => {
      setMode('live');
      void signal({ kind: 'all' });
    });
    on('resync', () => void signal({ kind: 'all' }));
    on('queue_changed', () => void signal({ kind: 'queue' }));
    on('conversation_changed', (e) => {
      if (e.type === 'conversation_changed')
        void signal({ kind: 'conversation', conversationId: e.conversationId });
    });
    // The browser reconnects by itself (the gateway says `retry: 2000`); poll until it is back.
    source.addEventListener('error', () => setMode('polling'));
  }

  return () => {
    stopped = true;
    source?.close();
    if (timer) clearInterval(timer);
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
