/**
 * Wall-clock arithmetic in an explicit timezone, so due times never depend on the timezone of
 * the machine that runs the code (the service worker, a test runner in CI).
 *
 * A timezone is an IANA name ("Europe/Madrid") or a fixed offset in minutes east of UTC (60).
 * The offset is taken at the reference instant for the calculation; time-phrase.ts then moves a
 * wall-clock answer that lands across a DST change back to the wall time meant ("tomorrow 10am"
 * on the Saturday before the change is 10:00 on Sunday, not 11:00).
 */

export type TimeZone = string | number;

export interface BusinessHours {
  /** Opening hour, 0–23 (default 9). */
  start: number;
  /** Closing hour, 1–24 (default 17): "end of day" and date-only deadlines land here. */
  end: number;
  /** Working weekdays, 0 = Sunday (default Monday–Friday). */
  days: readonly number[];
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { start: 9, end: 17, days: [1, 2, 3, 4, 5] };

const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Offset in minutes east of UTC of `tz` at `instant`; the system zone when tz is undefined. */
export function offsetAt(tz: TimeZone | undefined, instant: Date): number {
  if (typeof tz === 'number') return tz;
  if (tz === undefined) return -instant.getTimezoneOffset();
  const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!m) return 0; // "GMT" alone means UTC
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/** Calendar fields of an instant as seen on a clock at `offset` minutes east of UTC. */
export interface Wall {
  year: number;
  month: number; // 0–11
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 0 = Sunday
}

export function toWall(instant: Date, offset: number): Wall {
  const d = new Date(instant.getTime() + offset * MINUTE);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

/** The instant at which a clock at `offset` shows the given calendar day and time. */
export function fromWall(
  w: Pick<Wall, 'year' | 'month' | 'day'>,
  hour: number,
  minute: number,
  offset: number,
): Date {
  return new Date(Date.UTC(w.year, w.month, w.day, hour, minute) - offset * MINUTE);
}

/** Same wall time, `days` calendar days later (negative goes back). */
export function addWallDays(w: Wall, days: number): Wall {
  const d = new Date(Date.UTC(w.year, w.month, w.day + days, w.hour, w.minute));
  return toWall(d, 0);
}

export function isBusinessDay(w: Wall, bh: BusinessHours): boolean {
  return bh.days.includes(w.weekday);
}

/** Adds `n` working days (per bh.days), keeping the time of day. */
export function addBusinessDays(instant: Date, n: number, offset: number, bh: BusinessHours): Date {
  let w = toWall(instant, offset);
  let left = n;
  // A calendar with no working days would loop forever; treat it as plain days.
  const days = bh.days.length ? bh : { ...bh, days: [0, 1, 2, 3, 4, 5, 6] };
  while (left > 0) {
    w = addWallDays(w, 1);
    if (isBusinessDay(w, days)) left -= 1;
  }
  return fromWall(w, w.hour, w.minute, offset);
}

/** Closing time of the day `instant` falls on (in the given offset). */
export function closingTime(instant: Date, offset: number, bh: BusinessHours): Date {
  return fromWall(toWall(instant, offset), bh.end, 0, offset);
}
