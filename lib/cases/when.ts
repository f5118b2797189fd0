/**
 * The manual "add follow-up" field: "tomorrow 10am", "in 2 hours", "next monday",
 * "mañana a las 10", "en 2 horas", plus the shorthand "2h", "30m", "3d" → the instant, or null
 * when the text names no time. A day without an hour means the opening hour (09:00 by
 * default); "this afternoon" its start (15:00), and a range of clock times ("tomorrow 2-4pm")
 * its start, or its end once it has begun. The result is never at or before `now`.
 */
import { type BusinessHours, type TimeZone, DEFAULT_BUSINESS_HOURS, addWallDays, fromWall, offsetAt, toWall } from './clock';
import { resolveTimePhrase } from './time-phrase';

export interface WhenOptions {
  timezone?: TimeZone;
  businessHours?: Partial<BusinessHours>;
}

const SHORTHAND = /^\s*(?:in\s+|en\s+)?(\d{1,4})\s*(m|min|mins|h|hr|hrs|d)\s*$/i;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000 };

/**
 * `days` calendar days after `instant` at the same wall time in `timezone` (the system zone when
 * undefined): across a DST change that is 23 or 25 hours a day, not 24, as "in 3 days" is.
 */
export function addCalendarDays(instant: Date, days: number, timezone?: TimeZone): Date {
  const offset = offsetAt(timezone, instant);
  const w = addWallDays(toWall(instant, offset), days);
  // fromWall is to the minute; the seconds ride along unchanged.
  const date = new Date(fromWall(w, w.hour, w.minute, offset).getTime() + (instant.getTime() % 60_000));
  // Worked out at today's offset; on the far side of a DST change, back to the same wall time.
  const there = offsetAt(timezone, date);
  return there === offset ? date : new Date(date.getTime() + (offset - there) * 60_000);
}

export function parseWhen(text: string, now: Date, opts: WhenOptions = {}): Date | null {
  const input = text.trim();
  if (!input) return null;
  const short = SHORTHAND.exec(input);
  if (short) {
    const unit = short[2]!.toLowerCase()[0]!;
    const n = Number(short[1]);
    if (n <= 0) return null;
    // "3d" counts calendar days as "in 3 days" does; "3h" and "90m" are exact durations.
    return unit === 'd' ? addCalendarDays(now, n, opts.timezone) : new Date(now.getTime() + n * UNIT_MS[unit]!);
  }
  const result = resolveTimePhrase(input, now, {
    offset: offsetAt(opts.timezone, now),
    offsetFor: (instant) => offsetAt(opts.timezone, instant),
    businessHours: { ...DEFAULT_BUSINESS_HOURS, ...opts.businessHours },
    mode: 'start',
  });
  return result?.date ?? null;
}
