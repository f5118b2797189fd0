/**
 * The manual "add follow-up" field: "tomorrow 10am", "in 2 hours", "next monday",
 * "mañana a las 10", "en 2 horas", plus the shorthand "2h", "30m", "3d" → the instant, or null
 * when the text names no time. A day without an hour means the opening hour (09:00 by
 * default); "this afternoon" its start (15:00), and a range of clock times ("tomorrow 2-4pm")
 * its start, or its end once it has begun. The result is never at or before `now`.
 */
import { type BusinessHours, type TimeZone, DEFAULT_BUSINESS_HOURS, offsetAt } from './clock';
import { resolveTimePhrase } from './time-phrase';

export interface WhenOptions {
  timezone?: TimeZone;
  businessHours?: Partial<BusinessHours>;
}

const SHORTHAND = /^\s*(?:in\s+|en\s+)?(\d{1,4})\s*(m|min|mins|h|hr|hrs|d)\s*$/i;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseWhen(text: string, now: Date, opts: WhenOptions = {}): Date | null {
  const input = text.trim();
  if (!input) return null;
  const short = SHORTHAND.exec(input);
  if (short) {
    const unit = short[2]!.toLowerCase()[0]!;
    const n = Number(short[1]);
    return n > 0 ? new Date(now.getTime() + n * UNIT_MS[unit]!) : null;
  }
  const result = resolveTimePhrase(input, now, {
    offset: offsetAt(opts.timezone, now),
    offsetFor: (instant) => offsetAt(opts.timezone, instant),
    businessHours: { ...DEFAULT_BUSINESS_HOURS, ...opts.businessHours },
    mode: 'start',
  });
  return result?.date ?? null;
}
