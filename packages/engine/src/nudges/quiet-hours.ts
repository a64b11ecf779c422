import type { QuietHours } from '@finlet/contracts';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Wall-clock minute of the day and second of the minute of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): { minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { minute: part('hour') * 60 + part('minute'), second: part('second') };
}

/** Whether `at` falls inside the quiet hours (`start` inclusive, `end` exclusive; may wrap midnight). */
export function inQuietHours(quiet: QuietHours, at: Date): boolean {
  const { minute } = localTime(at, quiet.timeZone);
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** `at` itself outside quiet hours; otherwise the first instant after them. */
export function quietHoursEnd(quiet: QuietHours, at: Date): Date {
  if (!inQuietHours(quiet, at)) return at;
  const end = minutes(quiet.end);
  const { minute, second } = localTime(at, quiet.timeZone);
  const wait = (end - minute + 1440) % 1440;
  let out = at.getTime() + wait * 60_000 - second * 1000 - at.getUTCMilliseconds();
  // A daylight-saving change between `at` and the end moves the wall clock by up to an hour
  // (a 23- or 25-hour day): correct by the wall-clock difference, then step minute by minute
  // when the end itself falls in a skipped hour.
  for (let i = 0; i < 2; i += 1) {
    const drift = ((end - localTime(new Date(out), quiet.timeZone).minute + 2160) % 1440) - 720;
    out += drift * 60_000;
  }
  out = Math.max(out, at.getTime());
  for (let i = 0; i < 180 && inQuietHours(quiet, new Date(out)); i += 1) out += 60_000;
  return new Date(out);
}
