import type { RailSchedule } from '@finlet/contracts';

/**
 * Business-day calendars in a rail's own IANA time zone, through `Intl` (no time-zone data of our
 * own). A rail accepts a payment on a business day (a listed weekday that is not a listed holiday)
 * from `open` until `cutoff`, local time; otherwise the payment waits for the next opening.
 */

const MINUTE = 60_000;
const DAY_MS = 86_400_000;

interface LocalTime {
  /** Days since 1970-01-01 of the local calendar date. */
  readonly day: number;
  /** Minutes since local midnight. */
  readonly minute: number;
}

export interface CompiledSchedule {
  readonly timeZone: string;
  readonly open: number;
  readonly cutoff: number;
  /** ISO weekday (1 = Monday) → open that day. */
  readonly weekdays: readonly boolean[];
  /** Local day numbers that are holidays. */
  readonly holidays: ReadonlySet<number>;
  /** Open every minute of every day: no time-zone work needed. */
  readonly always: boolean;
  /**
   * Memo of acceptance windows `[start, end)` as instants, flat pairs, sorted, for every business
   * day from the local midnight `coveredFrom` on. Quotes ask about nearby instants again and again.
   */
  windows: number[];
  coveredFrom: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const compiled = new WeakMap<RailSchedule, CompiledSchedule>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

export function compileSchedule(s: RailSchedule): CompiledSchedule {
  let c = compiled.get(s);
  if (!c) {
    const weekdays = Array.from({ length: 8 }, (_, i) => s.days.includes(i));
    const open = minutesOf(s.open);
    const cutoff = minutesOf(s.cutoff);
    c = {
      timeZone: s.timeZone,
      open,
      cutoff,
      weekdays,
      holidays: new Set(s.holidays.map(dayOf)),
      always: open === 0 && cutoff === 1440 && new Set(s.days).size === 7 && s.holidays.length === 0,
      windows: [],
      coveredFrom: Number.POSITIVE_INFINITY,
    };
    compiled.set(s, c);
  }
  return c;
}

/** Offset of local time from UTC at instant `ms`, in milliseconds (UTC+8 is 28,800,000). */
function offsetAt(timeZone: string, ms: number): number {
  const parts = formatter(timeZone).formatToParts(ms);
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let se = 0;
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        mo = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        h = Number(p.value);
        break;
      case 'minute':
        mi = Number(p.value);
        break;
      case 'second':
        se = Number(p.value);
        break;
    }
  }
  const flooredMs = ms - (((ms % 1000) + 1000) % 1000);
  return Date.UTC(y, mo - 1, d, h, mi, se) - flooredMs;
}

/** Time-zone offsets change rarely: remember them per zone and hour (offsets move on whole hours or half hours at worst on a 15-minute grid). */
const offsetCache = new Map<string, Map<number, number>>();
const QUARTER = 15 * MINUTE;

function offset(timeZone: string, ms: number): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const slot = Math.floor(ms / QUARTER);
  let o = zone.get(slot);
  if (o === undefined) {
    o = offsetAt(timeZone, slot * QUARTER);
    if (zone.size > 50_000) zone.clear();
    zone.set(slot, o);
  }
  return o;
}

export function localTime(timeZone: string, ms: number): LocalTime {
  const local = ms + offset(timeZone, ms);
  const day = Math.floor(local / DAY_MS);
  return { day, minute: Math.floor((local - day * DAY_MS) / MINUTE) };
}

/** The instant when the local clock in `timeZone` shows `minute` on local day `day`. */
export function instantOf(timeZone: string, day: number, minute: number): number {
  const guess = day * DAY_MS + minute * MINUTE;
  const first = guess - offset(timeZone, guess);
  const second = guess - offset(timeZone, first);
  return second;
}

const isoWeekday = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday (4)

export function isBusinessDay(s: CompiledSchedule, day: number): boolean {
  return s.weekdays[isoWeekday(day)] === true && !s.holidays.has(day);
}

export interface Acceptance {
  /** When the rail takes the payment. */
  readonly at: number;
  /** True when the payment had to wait (closed, after cut-off, weekend or holiday). */
  readonly waited: boolean;
}

/**
 * When a payment handed to the rail at `ms` is accepted.
 *
 * @example
 * // A rail open 09:00–17:00 Asia/Shanghai on weekdays, asked on Friday at 17:30 local time:
 * nextAcceptance(schedule, Date.parse('2026-11-27T09:30:00Z')) // Monday 09:00 local (01:00Z), waited
 */
export function nextAcceptance(schedule: RailSchedule, ms: number): Acceptance {
  return acceptance(compileSchedule(schedule), ms);
}

const WINDOW_DAYS = 21;

/** `nextAcceptance` over a compiled schedule, answered from the window memo when it covers `ms`. */
export function acceptance(s: CompiledSchedule, ms: number): Acceptance {
  if (s.always) return { at: ms, waited: false };
  const w = s.windows;
  if (ms >= s.coveredFrom && w.length > 0 && ms < w[w.length - 1]!) {
    // First window that ends after ms (binary search over the end instants).
    let lo = 0;
    let hi = w.length / 2 - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (w[2 * mid + 1]! > ms) hi = mid;
      else lo = mid + 1;
    }
    const start = w[2 * lo]!;
    return start <= ms ? { at: ms, waited: false } : { at: start, waited: true };
  }
  const today = localTime(s.timeZone, ms).day;
  const windows: number[] = [];
  for (let day = today; day <= today + 400 && (day < today + WINDOW_DAYS || windows.length < 4); day++) {
    if (!isBusinessDay(s, day)) continue;
    const start = instantOf(s.timeZone, day, s.open);
    const end = s.cutoff === 1440 ? instantOf(s.timeZone, day + 1, 0) : instantOf(s.timeZone, day, s.cutoff);
    if (end > ms || windows.length > 0) windows.push(start, end);
  }
  if (windows.length === 0)
    throw new RangeError(`schedule in ${s.timeZone} has no business day within 400 days`);
  s.windows = windows;
  s.coveredFrom = Math.min(ms, windows[0]!);
  return acceptance(s, ms);
}

/** Local date and time `YYYY-MM-DD HH:MM` of an instant in a time zone, for explanations. */
export function formatLocal(timeZone: string, ms: number): string {
  const t = localTime(timeZone, ms);
  const date = new Date(t.day * DAY_MS).toISOString().slice(0, 10);
  const hh = String(Math.floor(t.minute / 60)).padStart(2, '0');
  const mm = String(t.minute % 60).padStart(2, '0');
  return `${date} ${hh}:${mm}`;
}
