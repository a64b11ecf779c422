/**
 * Calendar days in the bank's time zone. The funnel's rollups are kept per day, and a day is the
 * bank's day (Asia/Shanghai unless configured), computed here in one place so that SQLite and
 * PostgreSQL file an event under the same day.
 */
export const DEFAULT_FUNNEL_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats a date as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws on a zone the runtime does not know, so a misconfiguration fails at start-up. */
export function checkTimeZone(timeZone: string): string {
  try {
    formatter(timeZone);
  } catch (error) {
    throw new Error(`unknown time zone "${timeZone}" (use an IANA name such as Asia/Shanghai)`, {
      cause: error,
    });
  }
  return timeZone;
}

/** The day (`YYYY-MM-DD`) an instant falls on in `timeZone`. */
export function dayIn(timeZone: string, at: Date | number): string {
  return formatter(timeZone).format(at);
}

/** The day after `day` (a calendar step, independent of the zone). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The first instant of `day` in `timeZone` (the zone's midnight, or its first hour after a DST gap). */
export function startOfDay(timeZone: string, day: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00.000Z`);
  // The zone's offset near that midnight, applied, then checked once more across a transition.
  let t = midnightUtc;
  for (let i = 0; i < 2; i++) t = midnightUtc - offsetAt(timeZone, t);
  // Step back while the minute before still belongs to `day` (offsets are whole minutes).
  while (dayIn(timeZone, t - 60_000) === day) t -= 60_000;
  while (dayIn(timeZone, t) !== day) t += 60_000;
  return new Date(t);
}

/** The zone's offset from UTC at `at`, in milliseconds. */
function offsetAt(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return local - Math.floor(at / 1000) * 1000;
}

/**
 * The whole days a range `[from, to)` touches, and the range they cover: the funnel counts whole
 * days of the bank, so a range starting or ending inside a day is widened to that day's bounds.
 */
export function daySpan(timeZone: string, from: Date, to: Date) {
  const firstDay = dayIn(timeZone, from);
  const lastDay = dayIn(timeZone, to.getTime() - 1);
  return {
    firstDay,
    lastDay,
    from: startOfDay(timeZone, firstDay),
    to: startOfDay(timeZone, nextDay(lastDay)),
  };
}
